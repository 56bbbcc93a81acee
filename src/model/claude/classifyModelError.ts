import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, AnthropicError } from '@anthropic-ai/sdk';
import { ModelOutputError } from './ModelOutputError.js';
import { isSpendLimit } from './spendLimit.js';

export const MODEL_FAILURE_REASONS = [
  'model overloaded',
  'rate limited',
  'spend limit reached',
  'authentication failed',
  'request rejected',
  'timed out',
  'output truncated',
  'output invalid',
  'refused',
  'model unavailable',
] as const;

/** A short class of failure, safe to show in a comment footer and to log. */
export type ModelFailureReason = (typeof MODEL_FAILURE_REASONS)[number];

export interface ModelFailure {
  reason: ModelFailureReason;
  /** HTTP status, when the API answered with an error. */
  status?: number;
  /** The API's `request-id`, when known: what Anthropic support asks for. */
  requestId?: string;
}

function withIds(reason: ModelFailureReason, status: number | undefined, requestId: string | null | undefined): ModelFailure {
  const failure: ModelFailure = { reason };
  if (status !== undefined) failure.status = status;
  if (requestId) failure.requestId = requestId;
  return failure;
}

function reasonForStatus(error: APIError): ModelFailureReason {
  const status = error.status;
  if (isSpendLimit({ type: error.type, message: error.apiMessage, code: error.errorCode })) return 'spend limit reached';
  if (status === 529 || error.type === 'overloaded_error') return 'model overloaded';
  if (status === 429) return 'rate limited';
  if (status === 401 || status === 403) return 'authentication failed';
  if (status === 402) return 'spend limit reached';
  if (status === 408 || status === 504) return 'timed out';
  if (status !== undefined && status >= 500) return 'model unavailable';
  if (status !== undefined && status >= 400) return 'request rejected';
  return 'model unavailable';
}

/**
 * Maps anything a model call can throw to a reason class. Uses the SDK's error classes and HTTP status,
 * `ModelOutputError` for unusable answers, and treats JSON / schema parse failures as invalid output.
 * Never returns the raw message.
 */
export function classifyModelError(err: unknown): ModelFailure {
  if (err instanceof ModelOutputError) return withIds(err.reason, undefined, err.requestId);
  if (err instanceof APIConnectionTimeoutError || err instanceof APIUserAbortError) return { reason: 'timed out' };
  if (err instanceof APIConnectionError) return { reason: 'model unavailable' };
  if (err instanceof APIError) {
    return withIds(reasonForStatus(err), typeof err.status === 'number' ? err.status : undefined, err.requestID);
  }
  if (err instanceof AnthropicError && /structured output/i.test(err.message)) return { reason: 'output invalid' };
  if (err instanceof SyntaxError) return { reason: 'output invalid' };
  if (err instanceof Error && err.name === 'ZodError') return { reason: 'output invalid' };
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return { reason: 'timed out' };
  return { reason: 'model unavailable' };
}
