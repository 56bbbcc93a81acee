import { CHARS_PER_TOKEN } from '../../evidence/estimateTokens.js';
import { safeEnd } from '../../domain/safeEnd.js';

/**
 * One piece of a prompt. Fixed pieces (framing, tags, evidence) are always kept whole; cuttable pieces
 * (the content of untrusted blocks) may be shortened to fit the budget.
 */
export interface Piece {
  text: string;
  cuttable: boolean;
}

export const fixed = (text: string): Piece => ({ text, cuttable: false });
export const cuttable = (text: string): Piece => ({ text, cuttable: true });

/** Room kept at the end of a cut piece for the marker. */
const MARKER_ROOM = 32;

export function truncationMarker(removed: number): string {
  return `\n[truncated ${removed} chars]`;
}

/**
 * Joins the pieces into at most `budgetTokens * CHARS_PER_TOKEN` characters, cutting the longest cuttable
 * pieces first: every cuttable piece longer than a common cap is cut to that cap (water-filling), the cap
 * being the largest that fits. A cut piece ends with a visible `[truncated N chars]`. Fixed pieces are never
 * cut, so when they alone exceed the budget the result does too (evidence is never dropped).
 */
export function fitToBudget(pieces: readonly Piece[], budgetTokens: number): string {
  const budgetChars = Math.max(0, Math.floor(budgetTokens * CHARS_PER_TOKEN));
  const total = pieces.reduce((sum, piece) => sum + piece.text.length, 0);
  if (total <= budgetChars) return pieces.map((piece) => piece.text).join('');

  const fixedChars = pieces.reduce((sum, piece) => sum + (piece.cuttable ? 0 : piece.text.length), 0);
  const lengths = pieces.filter((piece) => piece.cuttable).map((piece) => piece.text.length);
  const cap = waterLevel(lengths, budgetChars - fixedChars);
  return pieces.map((piece) => (piece.cuttable && piece.text.length > cap ? cut(piece.text, cap) : piece.text)).join('');
}

/** The largest cap L such that the sum of min(length, L) fits in `available`. */
export function waterLevel(lengths: readonly number[], available: number): number {
  if (available <= 0 || lengths.length === 0) return 0;
  const used = (cap: number) => lengths.reduce((sum, length) => sum + Math.min(length, cap), 0);
  let low = 0;
  let high = Math.max(...lengths);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (used(mid) <= available) low = mid;
    else high = mid - 1;
  }
  return low;
}

function cut(text: string, cap: number): string {
  const keep = safeEnd(text, Math.max(0, cap - MARKER_ROOM));
  return `${text.slice(0, keep)}${truncationMarker(text.length - keep)}`;
}
