import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Model, ModelResult } from '../../src/domain/Model.js';
import type { Adr } from '../../src/domain/adrSchema.js';
import type { Plan } from '../../src/domain/planSchema.js';
import type { Review } from '../../src/domain/reviewSchema.js';
import { withFallback } from '../../src/model/withFallback.js';
import { startFakeClaude, type FakeClaude } from '../support/fakeClaude.js';
import {
  adrData,
  adrRequest,
  claudeFor,
  planData,
  planRequest,
  reviewData,
  reviewRequest,
  TEST_API_KEY,
} from './fixtures.js';

const offlinePlan: Plan = { ...planData, summary: 'offline plan' };

/** A stand-in for the offline engine: fixed answers, counts calls. */
function offlineModel(): Model & { calls: string[] } {
  const calls: string[] = [];
  const info = { engine: 'offline' as const };
  return {
    calls,
    async plan(): Promise<ModelResult<Plan>> {
      calls.push('plan');
      return { data: offlinePlan, info };
    },
    async review(): Promise<ModelResult<Review>> {
      calls.push('review');
      return { data: reviewData([]), info };
    },
    async adr(): Promise<ModelResult<Adr>> {
      calls.push('adr');
      return { data: adrData, info };
    },
  };
}

type Line = { message: string; fields?: Record<string, unknown> };

let fake: FakeClaude;
let lines: Line[];
const log = (message: string, fields?: Record<string, unknown>) => lines.push({ message, fields });

beforeEach(async () => {
  fake = await startFakeClaude({ apiKey: TEST_API_KEY });
  lines = [];
});
afterEach(async () => {
  await fake.close();
});

describe('withFallback', () => {
  it('gives the fallback data with fallbackReason "model overloaded" once retries are exhausted', async () => {
    fake.queueFault(
      { status: 529, retryAfterMs: 5 },
      { status: 529, retryAfterMs: 5 },
      { status: 529, retryAfterMs: 5 },
    );
    const offline = offlineModel();
    const model = withFallback(claudeFor(fake, { maxRetries: 2 }), offline, log);
    const result = await model.plan(planRequest());

    expect(fake.requests).toHaveLength(3);
    expect(offline.calls).toEqual(['plan']);
    expect(result.data).toEqual(offlinePlan);
    expect(result.info).toEqual({ engine: 'offline', fallbackReason: 'model overloaded' });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.fields).toMatchObject({ operation: 'plan', reason: 'model overloaded', status: 529 });
    expect(lines[0]!.fields!['requestId']).toMatch(/^req_fake_/);
  });

  it('does not call the fallback when Claude answers', async () => {
    fake.respondWith(() => planData);
    const offline = offlineModel();
    const result = await withFallback(claudeFor(fake), offline, log).plan(planRequest());
    expect(result.info.engine).toBe('claude');
    expect(result.info.fallbackReason).toBeUndefined();
    expect(offline.calls).toEqual([]);
    expect(lines).toEqual([]);
  });

  it.each([
    [{ stopReason: 'refusal' as const }, 'refused'],
    [{ stopReason: 'max_tokens' as const }, 'output truncated'],
    [{ invalidOutput: true as const }, 'output invalid'],
    [{ status: 401 }, 'authentication failed'],
    [{ status: 429, spendLimit: true }, 'spend limit reached'],
  ])('sets the reason class, never the raw message (%o)', async (fault, reason) => {
    fake.queueFault(fault);
    const result = await withFallback(claudeFor(fake), offlineModel(), log).review(reviewRequest());
    expect(result.info.fallbackReason).toBe(reason);
    expect(result.info.engine).toBe('offline');
    expect(JSON.stringify(lines)).not.toMatch(/invalid x-api-key|usage limits|Here is what you asked/);
  });

  it('falls back for ADRs too, and lets a failing fallback fail', async () => {
    fake.queueFault({ status: 400 });
    const result = await withFallback(claudeFor(fake), offlineModel()).adr(adrRequest());
    expect(result.info.fallbackReason).toBe('request rejected');

    fake.queueFault({ status: 400 });
    const broken: Model = { ...offlineModel(), adr: async () => Promise.reject(new Error('offline broke')) };
    await expect(withFallback(claudeFor(fake), broken).adr(adrRequest())).rejects.toThrow('offline broke');
  });
});
