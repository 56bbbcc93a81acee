import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AnthropicError,
} from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { classifyModelError } from '../../src/model/claude/classifyModelError.js';
import { ModelOutputError } from '../../src/model/claude/ModelOutputError.js';
import { retryAfterSeconds } from '../../src/model/claude/retryPolicy.js';
import { isSpendLimitBody } from '../../src/model/claude/spendLimit.js';

function apiError(status: number, type: string, message: string, details?: Record<string, unknown>) {
  const headers = new Headers({ 'request-id': 'req_123' });
  const body = { type: 'error', error: { type, message, ...(details ? { details } : {}) } };
  return APIError.generate(status, body, undefined, headers);
}

const RATE_LIMIT_MESSAGE =
  "This request would exceed your organization's rate limit of 50,000 input tokens per minute. You can see the response headers for current usage.";

describe('classifyModelError', () => {
  it.each([
    [529, 'overloaded_error', 'Overloaded', 'model overloaded'],
    [429, 'rate_limit_error', RATE_LIMIT_MESSAGE, 'rate limited'],
    [429, 'rate_limit_error', 'You have reached your specified API usage limits.', 'spend limit reached'],
    [400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API.', 'spend limit reached'],
    [402, 'billing_error', 'Payment required', 'spend limit reached'],
    [401, 'authentication_error', 'invalid x-api-key', 'authentication failed'],
    [403, 'permission_error', 'forbidden', 'authentication failed'],
    [400, 'invalid_request_error', 'messages: Field required', 'request rejected'],
    [404, 'not_found_error', 'model: not found', 'request rejected'],
    [413, 'request_too_large', 'too large', 'request rejected'],
    [504, 'timeout_error', 'Request timeout', 'timed out'],
    [500, 'api_error', 'Internal server error', 'model unavailable'],
    [503, 'api_error', 'unavailable', 'model unavailable'],
  ] as const)('%i %s → %s', (status, type, message, reason) => {
    const failure = classifyModelError(apiError(status, type, message));
    expect(failure).toEqual({ reason, status, requestId: 'req_123' });
  });

  it('uses the error code of a spend-limit 429 (the SDK class for it)', () => {
    const error = apiError(429, 'rate_limit_error', 'Limit reached.', { error_code: 'contract_spend_limit_reached' });
    expect(classifyModelError(error).reason).toBe('spend limit reached');
  });

  it('classifies connection problems and timeouts', () => {
    expect(classifyModelError(new APIConnectionTimeoutError()).reason).toBe('timed out');
    expect(classifyModelError(new APIUserAbortError()).reason).toBe('timed out');
    expect(classifyModelError(new APIConnectionError({ message: 'ECONNREFUSED' })).reason).toBe('model unavailable');
  });

  it('classifies unusable output', () => {
    expect(classifyModelError(new ModelOutputError('output truncated', { requestId: 'req_9' }))).toEqual({
      reason: 'output truncated',
      requestId: 'req_9',
    });
    expect(classifyModelError(new ModelOutputError('refused')).reason).toBe('refused');
    expect(classifyModelError(new AnthropicError('Failed to parse structured output: bad')).reason).toBe('output invalid');
    expect(classifyModelError(new SyntaxError('Unexpected token')).reason).toBe('output invalid');
    expect(classifyModelError(z.object({ a: z.string() }).safeParse({}).error).reason).toBe('output invalid');
  });

  it('falls back to model unavailable for anything else, without echoing the message', () => {
    const failure = classifyModelError(new Error('sk-ant-secret leaked in a message'));
    expect(failure).toEqual({ reason: 'model unavailable' });
    expect(classifyModelError('a string').reason).toBe('model unavailable');
  });
});

describe('spend limit and retry-after helpers', () => {
  it('recognises spend limits but not ordinary rate limits', () => {
    expect(isSpendLimitBody({ type: 'error', error: { type: 'rate_limit_error', message: RATE_LIMIT_MESSAGE } })).toBe(false);
    expect(
      isSpendLimitBody({ type: 'error', error: { type: 'rate_limit_error', message: 'x', details: { error_code: 'enforced_spend_limit_reached' } } }),
    ).toBe(true);
    expect(isSpendLimitBody({ type: 'error', error: { type: 'rate_limit_error', message: 'Monthly spend limit reached' } })).toBe(true);
    expect(isSpendLimitBody('not json')).toBe(false);
  });

  it('reads retry-after-ms, retry-after seconds and dates', () => {
    expect(retryAfterSeconds(new Headers({ 'retry-after-ms': '1500' }))).toBe(1.5);
    expect(retryAfterSeconds(new Headers({ 'retry-after': '7' }))).toBe(7);
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(retryAfterSeconds(new Headers({ 'retry-after': 'Tue, 01 Jan 2030 00:02:00 GMT' }), now)).toBe(120);
    expect(retryAfterSeconds(new Headers())).toBeUndefined();
  });
});
