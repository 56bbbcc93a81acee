/** Characters that count as part of a word; anything else is a boundary (Unicode-aware, unlike `\b`). */
const WORD = '[\\p{L}\\p{N}_]';
/** Between the words of a term: nothing, spaces, hyphens, underscores or a slash ("pub/sub"). */
const JOIN = '[\\s_/-]*';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Plural endings for the last word, so "query" also finds "queries" and "cache" finds "caches". */
function pluralTolerant(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${escapeRegExp(word.slice(0, -1))}(?:y|ies)`;
  if (/(?:s|x|z|ch|sh)$/.test(word)) return `${escapeRegExp(word)}(?:es)?`;
  return `${escapeRegExp(word)}(?:s|es)?`;
}

/**
 * Compile one rule term (syntax described in concernRules) into a global, case-insensitive regex
 * that only matches whole words.
 */
export function termPattern(term: string): RegExp {
  const trimmed = term.trim();
  const prefix = trimmed.endsWith('*');
  const words = (prefix ? trimmed.slice(0, -1) : trimmed)
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) throw new Error(`empty term: ${JSON.stringify(term)}`);
  const parts = words.map((word, i) => {
    if (i < words.length - 1) return escapeRegExp(word);
    return prefix ? `${escapeRegExp(word)}${WORD}*` : pluralTolerant(word);
  });
  return new RegExp(`(?<!${WORD})${parts.join(JOIN)}(?!${WORD})`, 'giu');
}
