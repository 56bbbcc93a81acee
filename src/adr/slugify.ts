/** Letters NFKD does not decompose into ASCII. */
const FOLD: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h',
};
const FALLBACK = 'decision';

/**
 * A file-name-safe slug: lower-case ASCII letters, digits and single dashes only, so no path
 * separator, `..`, control character, leading dot or dash can survive. Cut at a word boundary to at
 * most `maxLength` characters; `decision` when nothing usable is left (emoji-only titles).
 */
export function slugify(title: string, maxLength = 60): string {
  const limit = Number.isFinite(maxLength) ? Math.max(1, Math.floor(maxLength)) : 60;
  const folded = String(title)
    .slice(0, 1000)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłþıħ]/g, (c) => FOLD[c] ?? c)
    // "don't" reads better as "dont" than "don-t".
    .replace(/['’`]/g, '');
  let slug = folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > limit) {
    const head = slug.slice(0, limit + 1);
    const lastDash = head.lastIndexOf('-');
    slug = (lastDash > 0 ? head.slice(0, lastDash) : slug.slice(0, limit)).replace(/-+$/, '');
  }
  return slug || FALLBACK.slice(0, limit);
}
