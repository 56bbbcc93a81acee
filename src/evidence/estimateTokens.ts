/**
 * Tokens a text will cost, estimated at ~4 characters per token: close enough for budgeting code and
 * diffs, and free (the real count needs a network call).
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
