import type { Model } from '../domain/Model.js';
import { recordModelResult } from './metrics.js';

/** The model with its token usage and estimated cost counted in the metrics. */
export function meteredModel(model: Model): Model {
  return {
    plan: async (request) => {
      const result = await model.plan(request);
      recordModelResult(result);
      return result;
    },
    review: async (request) => {
      const result = await model.review(request);
      recordModelResult(result);
      return result;
    },
    adr: async (request) => {
      const result = await model.adr(request);
      recordModelResult(result);
      return result;
    },
  };
}
