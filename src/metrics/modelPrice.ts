import type { Usage } from '../domain/Model.js';

/** US dollars per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/**
 * List prices by model family, for an ESTIMATE of spend (https://docs.claude.com/en/docs/about-claude/pricing):
 * Opus 4.5 $5 / $25, Sonnet 4.x $3 / $15, Haiku 4.5 $1 / $5 per million input / output tokens. Cache
 * writes cost 1.25× input, cache reads 0.1× input. An unknown family is priced as Sonnet.
 */
export function modelPrice(model: string): ModelPrice {
  if (/opus/i.test(model)) return { input: 5, output: 25 };
  if (/haiku/i.test(model)) return { input: 1, output: 5 };
  return { input: 3, output: 15 };
}

/** Estimated cost of one call in US dollars. Pure. */
export function estimateCostUsd(model: string, usage: Usage): number {
  const price = modelPrice(model);
  const input = usage.inputTokens + usage.cacheWriteTokens * 1.25 + usage.cacheReadTokens * 0.1;
  return (input * price.input + usage.outputTokens * price.output) / 1_000_000;
}
