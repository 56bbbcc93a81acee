import { classifyModelError } from './claude/classifyModelError.js';
import type { Model, ModelResult } from '../domain/Model.js';

/** A structured log line: a message and plain fields. */
export type ModelLog = (message: string, fields?: Record<string, unknown>) => void;

/**
 * `primary`, and when it fails for any reason, `fallback` for the same request. The result then carries
 * `info.fallbackReason`: the failure's class (e.g. "model overloaded"), never its raw message or stack.
 * The log line names the class, the HTTP status and the API request id when known; never the API key.
 * A failure of the fallback itself propagates.
 */
export function withFallback(primary: Model, fallback: Model, log?: ModelLog): Model {
  async function run<Req, T>(
    operation: keyof Model,
    request: Req,
    first: (request: Req) => Promise<ModelResult<T>>,
    second: (request: Req) => Promise<ModelResult<T>>,
  ): Promise<ModelResult<T>> {
    try {
      return await first(request);
    } catch (error) {
      const failure = classifyModelError(error);
      log?.('model call failed; answering with the fallback engine', {
        operation,
        reason: failure.reason,
        ...(failure.status !== undefined ? { status: failure.status } : {}),
        ...(failure.requestId ? { requestId: failure.requestId } : {}),
      });
      const result = await second(request);
      return { ...result, info: { ...result.info, fallbackReason: failure.reason } };
    }
  }

  return {
    plan: (request) => run('plan', request, (r) => primary.plan(r), (r) => fallback.plan(r)),
    review: (request) => run('review', request, (r) => primary.review(r), (r) => fallback.review(r)),
    adr: (request) => run('adr', request, (r) => primary.adr(r), (r) => fallback.adr(r)),
  };
}
