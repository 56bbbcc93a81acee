import type { Model } from '../domain/Model.js';
import { redactDeep, type Redact } from './redactor.js';

/**
 * Every string of every model request redacted before it leaves (subject, diff, decisions, context),
 * and every string of the answer redacted too, in case the model echoes or invents a token shape.
 */
export function redactModel(model: Model, redact: Redact): Model {
  return {
    plan: async (r) => redactDeep(await model.plan(redactDeep(r, redact)), redact),
    review: async (r) => redactDeep(await model.review(redactDeep(r, redact)), redact),
    adr: async (r) => redactDeep(await model.adr(redactDeep(r, redact)), redact),
  };
}
