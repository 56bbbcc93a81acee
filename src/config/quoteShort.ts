/** Longest user text shown in a message; a 5 KB value must not end up in a comment. */
export const MAX_SHOWN_CHARS = 40;

// Invisible and bidirectional controls could make a message read differently than it is.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** User text as a JSON string literal, cut at `max` code points with an ellipsis inside the quotes. */
export function quoteShort(text: string, max = MAX_SHOWN_CHARS): string {
  const chars = Array.from(text);
  const shown = chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
  return JSON.stringify(shown).replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Length in code points, as a person would count characters. */
export function charCount(text: string): number {
  return Array.from(text).length;
}
