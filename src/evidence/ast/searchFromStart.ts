/**
 * A case-insensitive regex that may match anywhere in a node's text, rewritten to search from the start:
 * `(?i-u)auth|guard` → `(?i-u)^(?su:.)*?(?:auth|guard)`. ast-grep only asks whether a node's text
 * matches (no match positions, no captures), and both forms match the same texts: the lazy `(?su:.)*?`
 * skips to wherever the original would have started (at a character boundary, where a match of the
 * original starts too), and `^` without the `m` flag is the start of the text, also inside the body.
 *
 * Why: ast-grep compiles a rule's regexes on every search, and for an unanchored case-insensitive
 * alternation the regex engine first builds a literal prefilter of every case variant of every word,
 * which costs more than the rest of the compile (route-without-auth's `(?i)auth|guard|...`: ~400 µs per
 * search against ~80 µs anchored). Anchored, there is no prefilter to build; node texts are short, so
 * the search itself loses nothing that shows.
 *
 * Left alone: regexes without a leading `i` flag (without case folding the prefilter is cheap, and a plain
 * literal alternation is compiled to a prefilter only, which anchoring would make dearer), regexes
 * already anchored at the start, regexes ending in `$` (the engine searches those backwards from the end
 * of the text, reading a few bytes; a forward scan from the start measured slower over a PR than the
 * compile it saves), and any flag this reasoning does not cover (`m`, `x`, `U`, `R`).
 */
export function searchFromStart(regex: string): string {
  const flags = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?\)/.exec(regex);
  if (!flags) return regex;
  const [group, on = '', off = ''] = flags;
  if (!on.includes('i') || /[^isu]/.test(on + off)) return regex;
  const body = regex.slice(group.length);
  // Other inline flags inside the body could turn on `m` or `x`: not worth reading, left as is.
  if (body === '' || body.startsWith('^') || endsAnchored(body) || /\(\?[a-zA-Z-]*[mxUR]/.test(body)) return regex;
  return `${group}^(?su:.)*?(?:${body})`;
}

/** The regex ends with an unescaped `$` (an odd number of backslashes before it would escape it). */
function endsAnchored(body: string): boolean {
  const slashes = /\\*(?=\$$)/.exec(body)?.[0].length ?? -1;
  return slashes >= 0 && slashes % 2 === 0;
}
