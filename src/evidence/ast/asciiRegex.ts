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

/** Every `regex` of a rule (its body, utils and constraints), made ASCII; everything else as is. */
export function asciiRegexes<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => asciiRegexes(v)) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = key === 'regex' && typeof v === 'string' ? asciiRegex(v) : asciiRegexes(v);
  return out as T;
}
