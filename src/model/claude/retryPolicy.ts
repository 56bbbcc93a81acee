import type { Middleware } from '@anthropic-ai/sdk';
import { isSpendLimitBody } from './spendLimit.js';

export interface RetryPolicyOptions {
  /** Longest `retry-after` the SDK may wait before a retry; a longer one ends the call (default 60 s). */
  maxRetryAfterSeconds?: number;
}

/** Seconds a response asks to wait (`retry-after-ms`, `retry-after` as seconds or an HTTP date), if it says. */
export function retryAfterSeconds(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Number(ms) / 1000;
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : (date - now) / 1000;
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * The SDK retries 408, 409, 429 and 5xx (honouring `retry-after`), and obeys an `x-should-retry` header when
 * the server sends one. This middleware adds `x-should-retry: false` to the responses that must not be
 * retried although their status says otherwise:
 * - a 429 that says the spend / usage limit is reached (waiting a few seconds will not help);
 * - any retryable error whose `retry-after` is longer than `maxRetryAfterSeconds` (the job would stall).
 * Everything else (400, 401, 403 ...) is already not retried by the SDK.
 */
export function retryPolicyMiddleware(options: RetryPolicyOptions = {}): Middleware {
  const maxWait = options.maxRetryAfterSeconds ?? 60;
  return async (request, next, ctx) => {
    const response = await next(request);
    if (response.ok || !isRetryableStatus(response.status)) return response;
    if (response.headers.get('x-should-retry') === 'false') return response;

    let stop = false;
    if (response.status === 429) {
      const body = await ctx.parse(response).catch(() => undefined);
      stop = isSpendLimitBody(body);
    }
    const wait = retryAfterSeconds(response.headers);
    if (wait !== undefined && wait > maxWait) stop = true;
    if (!stop) return response;

    const headers = new Headers(response.headers);
    headers.set('x-should-retry', 'false');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** What one call learned from its HTTP attempts. */
export interface CallTrace {
  attempts: number;
  requestId: string | undefined;
}

/** Per-call middleware that counts attempts and keeps the last `request-id` (the success path loses it otherwise). */
export function traceMiddleware(trace: CallTrace): Middleware {
  return async (request, next) => {
    trace.attempts += 1;
    const response = await next(request);
    trace.requestId = response.headers.get('request-id') ?? trace.requestId;
    return response;
  };
}
