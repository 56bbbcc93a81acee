/**
 * The regex with its capturing groups made non-capturing: `\.(query|exec)$` → `\.(?:query|exec)$`.
 * ast-grep only asks whether a node's text matches, and Rust regexes have no backreferences, so the
 * groups' captures are never read and the matches are the same; each capture costs the engine slots and
 * states it builds on every search (ast-grep compiles a rule's regexes per search): ~10% of the compile
 * over the rules' regexes that have groups. Escaped parentheses and those inside a class are text;
 * `(?…` groups (flags, named groups, already non-capturing) stay as written.
 */
export function nonCapturing(regex: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i] as string;
    if (c === '\\') {
      out += c + (regex[i + 1] ?? '');
      i++;
    } else if (inClass) {
      // Rust nests classes (`[a[bc]]`): only the outermost `]` ends it; nested ones are left whole.
      if (c === '[') return regex;
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      // A `]` first in a class (after an optional `^`) is a literal `]`.
      if (regex[i + 1] === '^') out += regex[++i];
      if (regex[i + 1] === ']') out += regex[++i];
    } else {
      out += c === '(' && regex[i + 1] !== '?' ? '(?:' : c;
    }
  }
  return out;
}
