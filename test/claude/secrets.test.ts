import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFallback } from '../../src/model/withFallback.js';
import { startFakeClaude, type FakeClaude } from '../support/fakeClaude.js';
import { adrData, claudeFor, planData, planRequest, reviewData, TEST_API_KEY } from './fixtures.js';

let fake: FakeClaude;
beforeEach(async () => {
  fake = await startFakeClaude({ apiKey: TEST_API_KEY });
});
afterEach(async () => {
  await fake.close();
});

describe('the API key', () => {
  it('never appears in anything logged, thrown or inspected, even at SDK debug level', async () => {
    const logged: string[] = [];
    const logger = (message: string, fields?: Record<string, unknown>) => {
      logged.push(message, inspect(fields, { depth: 12, showHidden: true }));
    };
    const claude = claudeFor(fake, { logger, sdkLogLevel: 'debug', maxRetries: 1, timeoutMs: 300 });
    const offline = {
      plan: async () => ({ data: planData, info: { engine: 'offline' as const } }),
      review: async () => ({ data: reviewData(), info: { engine: 'offline' as const } }),
      adr: async () => ({ data: adrData, info: { engine: 'offline' as const } }),
    };
    const model = withFallback(claude, offline, logger);

    fake.respondWith(() => planData);
    fake.queueFault(
      { status: 529, retryAfterMs: 5 }, // retried, then success
      {},
      { status: 401 },
      { status: 429, spendLimit: true },
      { invalidOutput: true },
      { delayMs: 1_000 }, // timed out, retried
      { delayMs: 1_000 },
    );
    const reasons: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) reasons.push((await model.plan(planRequest())).info.fallbackReason);
    expect(reasons).toEqual([undefined, 'authentication failed', 'spend limit reached', 'output invalid', 'timed out']);

    const thrown = await claudeFor(fake, { apiKey: 'sk-ant-wrong' })
      .plan(planRequest())
      .catch((error: unknown) => error);

    // The logs are real: they name outcomes, request ids and SDK activity.
    const text = logged.join('\n');
    expect(text).toContain('claude call done');
    expect(text).toContain('claude call failed');
    expect(text).toContain('anthropic sdk:');
    expect(text).toMatch(/req_fake_/);
    expect(fake.requests.length).toBeGreaterThanOrEqual(8);

    expect(text).not.toContain(TEST_API_KEY);
    expect(text).not.toContain(TEST_API_KEY.slice(8, 30));
    expect(inspect(thrown, { depth: 12, showHidden: true })).not.toContain('sk-ant-wrong');
    expect(inspect(claude, { depth: 12, showHidden: true })).not.toContain(TEST_API_KEY);
    expect(JSON.stringify(claude)).not.toContain(TEST_API_KEY);
  });
});
