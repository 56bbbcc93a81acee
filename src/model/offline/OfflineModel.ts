import type { AdrRequest, Model, ModelResult, PlanRequest, ReviewRequest } from '../../domain/Model.js';
import type { Adr } from '../../domain/adrSchema.js';
import type { Plan } from '../../domain/planSchema.js';
import type { Review } from '../../domain/reviewSchema.js';
import { offlineAdr } from './offlineAdr.js';
import { offlinePlan } from './offlinePlan.js';
import { offlineReview } from './offlineReview.js';

/** The embedded default: no key, no network. Evidence, sound defaults and checklists. */
export class OfflineModel implements Model {
  async plan(request: PlanRequest): Promise<ModelResult<Plan>> {
    return { data: offlinePlan(request), info: { engine: 'offline' } };
  }

  async review(request: ReviewRequest): Promise<ModelResult<Review>> {
    return { data: offlineReview(request), info: { engine: 'offline' } };
  }

  async adr(request: AdrRequest): Promise<ModelResult<Adr>> {
    return { data: offlineAdr(request), info: { engine: 'offline' } };
  }
}
