import { describe, expect, it } from 'vitest';
import { estimateCostUsd, modelPrice } from '../../src/metrics/modelPrice.js';

describe('estimateCostUsd', () => {
  it('prices input, output and cache tokens by family', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 100_000, cacheReadTokens: 1_000_000, cacheWriteTokens: 0 };
    // Sonnet: 1M × $3 + 0.1M × $15 + 1M cache reads × $0.30.
    expect(estimateCostUsd('claude-sonnet-5-5', usage)).toBeCloseTo(3 + 1.5 + 0.3, 6);
    expect(modelPrice('claude-opus-4-5')).toEqual({ input: 5, output: 25 });
    expect(modelPrice('claude-haiku-4-5')).toEqual({ input: 1, output: 5 });
    expect(estimateCostUsd('claude-haiku-4-5', { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 1_000_000 })).toBeCloseTo(1.25, 6);
  });
});
