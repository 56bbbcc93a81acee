/** A rough, model-agnostic estimate: about four characters per token for English text and code. */
export const CHARS_PER_TOKEN = 4;

/**
 * Tokens a text will cost, estimated at ~4 characters per token: close enough for budgeting code and
 * diffs, and free (the real count needs a network call).
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}
