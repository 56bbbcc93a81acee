import { describe, expect, it, vi } from 'vitest';
import type { Model, ModelResult, PlanRequest } from '../../src/domain/Model.js';
import type { Plan } from '../../src/domain/planSchema.js';
import { BUDGET_REASON, CALLS_REASON, limitModel } from '../../src/security/limitModel.js';
import { redactModel } from '../../src/security/redactModel.js';
import { createRedactor } from '../../src/security/redactor.js';
import { TokenBudget } from '../../src/state/TokenBudget.js';
import { MemoryCommandAllowance } from '../../src/state/memoryState.js';

function model(engine: 'claude' | 'offline', tokens = 1000) {
  const answer = { data: { summary: 'x' } as unknown as Plan, info: { engine, usage: { inputTokens: tokens, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 } } };
  return {
    plan: vi.fn((_r: PlanRequest) => Promise.resolve(answer as ModelResult<Plan>)),
    review: vi.fn(),
    adr: vi.fn(),
  } as unknown as Model & { plan: ReturnType<typeof vi.fn> };
}
const request = {} as PlanRequest;

describe('limitModel', () => {
  it('answers offline, saying why, after the calls per event', async () => {
    const claude = model('claude');
    const offline = model('offline');
    const limited = limitModel(claude, { maxCalls: 2, offline });
    await limited.plan(request);
    await limited.plan(request);
    const third = await limited.plan(request);
    expect(claude.plan).toHaveBeenCalledTimes(2);
    expect(third.info).toMatchObject({ engine: 'offline', fallbackReason: CALLS_REASON });
  });

  it('stops calling the model once the installation has spent its daily budget', async () => {
    let now = new Date('2026-01-01T10:00:00Z');
    const tokens = new TokenBudget(() => now);
    const claude = model('claude', 1500);
    const offline = model('offline');
    const event = () => limitModel(claude, { maxCalls: 5, offline, budget: { tokens, installation: '1', limit: 2000 } });
    await event().plan(request);
    await event().plan(request);
    const third = await event().plan(request);
    expect(third.info.fallbackReason).toBe(BUDGET_REASON);
    expect(await tokens.used('1')).toBe(3000);
    // Another installation has its own budget; a new UTC day starts again.
    expect((await limitModel(claude, { maxCalls: 5, offline, budget: { tokens, installation: '2', limit: 2000 } }).plan(request)).info.engine).toBe('claude');
    now = new Date('2026-01-02T00:00:01Z');
    expect((await event().plan(request)).info.engine).toBe('claude');
    // 0 = unlimited.
    expect(await tokens.exhausted('1', 0)).toBe(false);
  });
});

describe('redactModel', () => {
  it('redacts the request before it leaves and the answer after', async () => {
    const seen: unknown[] = [];
    const inner = {
      plan: (r: PlanRequest) => {
        seen.push(r);
        return Promise.resolve({ data: { summary: 'echo canary-value-123' } as unknown as Plan, info: { engine: 'claude' as const } });
      },
    } as unknown as Model;
    const out = await redactModel(inner, createRedactor(['canary-value-123'])).plan({ subject: { title: 'canary-value-123', body: '', comments: [], kind: 'issue' } } as unknown as PlanRequest);
    expect(seen).toHaveLength(1);
    expect(JSON.stringify(seen)).not.toContain('canary-value-123');
    expect((seen[0] as PlanRequest).subject.title).toBe('[REDACTED]');
    expect(JSON.stringify(out)).not.toContain('canary-value-123');
    expect(out.data.summary).toBe('echo [REDACTED]');
  });
});

describe('MemoryCommandAllowance', () => {
  it('accepts a burst up to the limit in a sliding window, notes the first refusal only, and gives back a released command', async () => {
    let now = 0;
    const allowance = new MemoryCommandAllowance(() => now);
    const window = 600_000;
    const taken = [];
    for (let i = 0; i < 3; i++) taken.push(await allowance.take('acme/api:alice', 3, window));
    expect(taken.every((t) => t.ok)).toBe(true);
    now = 5_000;
    expect(await allowance.take('acme/api:alice', 3, window)).toEqual({ ok: false, retryInSeconds: 595, firstRefusal: true });
    expect(await allowance.take('acme/api:alice', 3, window)).toMatchObject({ ok: false, firstRefusal: false });
    expect((await allowance.take('acme/api:bob', 3, window)).ok).toBe(true);
    // A failed command gives its place back.
    const first = taken[0]!;
    if (first.ok) await allowance.release('acme/api:alice', first.token);
    expect((await allowance.take('acme/api:alice', 3, window)).ok).toBe(true);
    expect((await allowance.take('acme/api:alice', 3, window)).ok).toBe(false);
    // The oldest falls out of the window.
    now = 600_001;
    expect((await allowance.take('acme/api:alice', 3, window)).ok).toBe(true);
    expect((await allowance.take('acme/api:alice', 0, window)).ok).toBe(true);
  });
});
