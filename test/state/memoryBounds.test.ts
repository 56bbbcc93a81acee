import { describe, expect, it } from 'vitest';
import { TokenBudget } from '../../src/state/TokenBudget.js';
import { createMemoryState, MemoryDeliveryLog, MemoryIntakeGuard } from '../../src/state/memoryState.js';

describe('bounded in-memory state', () => {
  it('forgets the oldest delivery id past 10 000, keeps the newest', async () => {
    const log = new MemoryDeliveryLog();
    for (let i = 0; i <= 10_000; i++) await log.add(`d${i}`);
    expect(await log.has('d0')).toBe(false);
    expect(await log.has('d1')).toBe(true);
    expect(await log.has('d10000')).toBe(true);
  });

  it('a re-claimed key counts as new, so the oldest untouched claim goes first', async () => {
    const guard = new MemoryIntakeGuard(() => 0);
    expect(await guard.claim(['a'], 'h1', 1000)).toBe(true);
    for (let i = 0; i < 49_999; i++) await guard.claim([`k${i}`], 'h1', 1000);
    // Re-claiming "a" refreshes it; the next new key then evicts k0, not "a".
    expect(await guard.claim(['a'], 'h1', 1000)).toBe(true);
    await guard.claim(['new'], 'h1', 1000);
    expect(await guard.claim(['a'], 'other', 1000)).toBe(false);
    expect(await guard.claim(['k0'], 'other', 1000)).toBe(true);
  });

  it('reading the token budget does not keep an installation alive', async () => {
    const budget = new TokenBudget(() => new Date('2026-01-01T00:00:00Z'));
    await budget.add('first', 10);
    expect(await budget.used('first')).toBe(10);
    for (let i = 0; i < 100_000; i++) await budget.add(`i${i}`, 1);
    expect(await budget.used('first')).toBe(0);
    expect(await budget.used('i99999')).toBe(1);
  });

  it('a one-event state (the CLI) is bounded by the keys it asks for, not the defaults', async () => {
    const state = createMemoryState(() => 0, 2);
    expect((await state.allowance.take('u1', 1, 60_000)).ok).toBe(true);
    expect((await state.allowance.take('u1', 1, 60_000)).ok).toBe(false);
    await state.allowance.take('u2', 1, 60_000);
    await state.allowance.take('u3', 1, 60_000);
    // Two keys kept: u1's window was forgotten, so it may act again.
    expect((await state.allowance.take('u1', 1, 60_000)).ok).toBe(true);
    await state.tokens.add('a', 5);
    await state.tokens.add('b', 5);
    await state.tokens.add('c', 5);
    expect(await state.tokens.used('a')).toBe(0);
    expect(await state.tokens.used('c')).toBe(5);
    expect(await state.intake.claim(['x'], 'h1', 1000)).toBe(true);
    await state.intake.claim(['y'], 'h1', 1000);
    await state.intake.claim(['z'], 'h1', 1000);
    expect(await state.intake.claim(['x'], 'other', 1000)).toBe(true);
  });
});
