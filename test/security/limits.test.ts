import { describe, expect, it, vi } from 'vitest';
import type { Model, ModelResult, PlanRequest } from '../../src/domain/Model.js';
import type { Plan } from '../../src/domain/planSchema.js';
import { CommandCooldown } from '../../src/security/CommandCooldown.js';
import { BUDGET_REASON, CALLS_REASON, limitModel } from '../../src/security/limitModel.js';
import { redactModel } from '../../src/security/redactModel.js';
import { createRedactor } from '../../src/security/redactor.js';
import { TokenBudget } from '../../src/security/TokenBudget.js';

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
    expect(tokens.used('1')).toBe(3000);
    // Another installation has its own budget; a new UTC day starts again.
    expect((await limitModel(claude, { maxCalls: 5, offline, budget: { tokens, installation: '2', limit: 2000 } }).plan(request)).info.engine).toBe('claude');
    now = new Date('2026-01-02T00:00:01Z');
    expect((await event().plan(request)).info.engine).toBe('claude');
    // 0 = unlimited.
    expect(tokens.exhausted('1', 0)).toBe(false);
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

describe('CommandCooldown', () => {
  it('accepts one command per window and notes the first refusal only', () => {
    let now = 0;
    const cooldown = new CommandCooldown(() => now);
    expect(cooldown.take('acme/api:alice', 30)).toEqual({ ok: true });
    now = 5_000;
    expect(cooldown.take('acme/api:alice', 30)).toEqual({ ok: false, remainingSeconds: 25, firstRefusal: true });
    expect(cooldown.take('acme/api:alice', 30)).toMatchObject({ ok: false, firstRefusal: false });
    expect(cooldown.take('acme/api:bob', 30)).toEqual({ ok: true });
    now = 31_000;
    expect(cooldown.take('acme/api:alice', 30)).toEqual({ ok: true });
    expect(cooldown.take('acme/api:alice', 0)).toEqual({ ok: true });
  });
});
