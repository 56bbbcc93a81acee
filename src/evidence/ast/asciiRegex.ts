/**
 * A rule regex with its Unicode classes made ASCII: `\w` → `[0-9A-Za-z_]`, `\d` → `[0-9]`, `\s` and `\b`
 * → their ASCII forms. ast-grep compiles a rule's regexes on every search (there is no compiled-rule
 * handle in its Node API), and a Unicode `\w` costs about 1.5 ms to compile, under `(?i)` too: a handful
 * of them made the three heaviest rules cost 6–9 ms per file before they looked at a single node. Code
 * identifiers and the words our rules look for are ASCII, so the match is the same on them; a rule that
 * needs a Unicode class writes it as `\p{L}`, which this leaves alone.
 */
export function asciiRegex(regex: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i] as string;
    if (c !== '\\') {
      if (inClass && c === ']' && !/\[\^?$/.test(out)) inClass = false;
      else if (!inClass && c === '[') inClass = true;
      out += c;
      continue;
    }
    const next = regex[i + 1] ?? '';
    i++;
    const ascii = inClass ? IN_CLASS[next] : OUTSIDE[next];
    out += ascii ?? `\\${next}`;
  }
  return out;
}

const OUTSIDE: Record<string, string> = {
  w: '[0-9A-Za-z_]',
  W: '[^0-9A-Za-z_]',
  d: '[0-9]',
  D: '[^0-9]',
  s: '[\\t\\n\\v\\f\\r ]',
  S: '[^\\t\\n\\v\\f\\r ]',
  b: '(?-u:\\b)',
  B: '(?-u:\\B)',
};
/** Inside a class only the positive forms have a plain ASCII spelling; negated ones stay as written. */
const IN_CLASS: Record<string, string> = { w: '0-9A-Za-z_', d: '0-9', s: '\\t\\n\\v\\f\\r ' };

/**
 * A leading `(?i)` made ASCII-only, `(?i-u)`. Unicode case folding (k also matches the Kelvin sign, s the
 * long s) makes a case-insensitive regex cost several times more to compile (select-star's: about 600 µs
 * per search against 90), and ast-grep compiles on every search. Without Unicode, `.` and a negated class
 * could match a byte that is not UTF-8, which the engine refuses to compile: those keep Unicode in a
 * `(?u:…)` group. A regex with any other Unicode-only syntax (`\p`, `\x`, nested classes, non-ASCII text)
 * keeps its `(?i)`.
 */
export function asciiCaseless(regex: string): string {
  if (!regex.startsWith('(?i)') || /\\[pPxuU]|\[\[/.test(regex) || /[^ -~\t\n\r]/.test(regex)) return regex;
  let out = '(?i-u)';
  for (let i = 4; i < regex.length; i++) {
    const c = regex[i] as string;
    if (c === '\\') {
      out += c + (regex[i + 1] ?? '');
      i++;
    } else if (c === '.') {
      out += '(?u:.)';
    } else if (c === '[') {
      const end = classEnd(regex, i);
      if (end < 0) return regex;
      const cls = regex.slice(i, end + 1);
      out += cls.startsWith('[^') ? `(?u:${cls})` : cls;
      i = end;
    } else {
      out += c;
    }
  }
  return out;
}

/** The index of the `]` closing the class opened at `start` (a `]` first in the class is literal), or -1. */
function classEnd(regex: string, start: number): number {
  let i = start + 1;
  if (regex[i] === '^') i++;
  if (regex[i] === ']') i++;
  for (; i < regex.length; i++) {
    if (regex[i] === '\\') i++;
    else if (regex[i] === ']') return i;
  }
  return -1;
}

/** Every `regex` of a rule (its body, utils and constraints), made ASCII; everything else as is. */
export function asciiRegexes<T>(value: T): T {
  return mapRegexes(value, (regex) => asciiCaseless(asciiRegex(regex)));
}

/** A copy of a rule (or any part of one) with every `regex` value passed through `change`. */
export function mapRegexes<T>(value: T, change: (regex: string) => string): T {
  if (Array.isArray(value)) return value.map((v: unknown) => mapRegexes(v, change)) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = key === 'regex' && typeof v === 'string' ? change(v) : mapRegexes(v, change);
  return out as T;
}
