import type { JobLog } from '../domain/JobLog.js';
import type { Model, ModelResult } from '../domain/Model.js';
import type { AnswerStore } from '../state/SharedState.js';

/**
 * How long a delivery's answers are kept: longer than any re-run waits (a secondary limit's retry-after,
 * the queue's backoff, a killed worker's lock), short enough that a later redelivery asks again.
 */
export const ANSWER_TTL_MS = 60 * 60_000;

/**
 * The model for one run of a delivery, remembering its answers in the shared state: a re-run of the same
 * delivery (GitHub refused a write, the worker was killed after the model answered) gets the answers the
 * first run paid for, call by call in order, instead of calling the model again. Wraps the bounded model,
 * so a remembered answer neither counts as a call nor spends the token budget twice. Answers that came
 * from the fallback (the model failed) are not kept: a re-run tries the model again. A store that fails
 * only costs a model call.
 */
export function rememberAnswers(model: Model, store: AnswerStore, deliveryId: string, log?: Pick<JobLog, 'warn'>): Model {
  const calls = new Map<string, number>();
  async function run<Req, T>(operation: keyof Model, request: Req, call: (r: Req) => Promise<ModelResult<T>>): Promise<ModelResult<T>> {
    const n = (calls.get(operation) ?? 0) + 1;
    calls.set(operation, n);
    const key = `${deliveryId}:${operation}:${n}`;
    const kept = await store.get(key).catch((error: unknown) => void log?.warn({ err: (error as Error).message }, 'remembered answer unreadable; asking the model'));
    if (kept !== undefined) {
      try {
        return JSON.parse(kept) as ModelResult<T>;
      } catch {
        // Not ours or cut short: ask again.
      }
    }
    const result = await call(request);
    if (!result.info.fallbackReason) {
      await store.set(key, JSON.stringify(result), ANSWER_TTL_MS).catch((error: unknown) => log?.warn({ err: (error as Error).message }, 'answer not remembered'));
    }
    return result;
  }
  return {
    plan: (r) => run('plan', r, (x) => model.plan(x)),
    review: (r) => run('review', r, (x) => model.review(x)),
    adr: (r) => run('adr', r, (x) => model.adr(x)),
  };
}
