/**
 * Untrusted text (titles, bodies, comments, commit messages) is cleaned before the model reads it:
 * what a human reader of the rendered issue cannot see must not steer the model. Removed are HTML
 * comments, invisible and bidirectional control characters, images (with their alt text), and HTML
 * elements hidden with the `hidden` attribute or `display:none`. `<details>` stays: its content is
 * one click away for a human, so it is visible text.
 *
 * `removed` names each kind of thing removed (once), so the job can say so in a visible note.
 */
export interface Sanitized {
  text: string;
  removed: string[];
}

/**
 * Characters a reader does not see: zero-width (U+200B–U+200D, U+2060, U+FEFF), soft hyphen, the
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
 * U+061C), other invisible operators (U+2061–U+2064), the Mongolian vowel separator and the tag
 * characters (U+E0000–U+E007F, used to smuggle ASCII).
 */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\u{E0000}|[\u{E0001}-\u{E007F}]/gu;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const TAG_CHAR = /[\u{E0000}-\u{E007F}]/u;

const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
/** Bounded attribute run so the regex stays linear on hostile input. */
const HIDDEN_OPEN = /<([a-z][a-z0-9]{0,15})\b[^<>]{0,2000}?(?:\shidden(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?(?=[\s/>])|style\s*=\s*(?:"[^"]*display\s*:\s*none[^"]*"|'[^']*display\s*:\s*none[^']*'))[^<>]{0,2000}>/gi;
const HTML_IMAGE = /<img\b[^<>]{0,4000}>/gi;
const PICTURE = /<(picture|svg)\b[\s\S]{0,20000}?<\/\1\s*>/gi;
const MD_IMAGE = /!\[(?:[^[\]\n\\]|\\.|\[[^[\]\n]*\]){0,1000}\]\([ \t]{0,8}(?:<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\)){0,2000})(?:[ \t]{1,8}(?:"[^"\n]*"|'[^'\n]*'))?[ \t]{0,8}\)/g;
const MD_IMAGE_REF = /!\[(?:[^[\]\n\\]|\\.){0,1000}\]\[[^[\]\n]{0,200}\]/g;

/** A visible token for an invisible character, e.g. `[U+202E]`. */
export function codePointToken(ch: string): string {
  return `[U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`;
}

/** Removes an element hidden by an attribute, with its content up to the matching close tag. */
function removeHidden(text: string): { text: string; count: number } {
  let out = text;
  let count = 0;
  // Each pass removes one outermost hidden element; bounded so hostile nesting cannot loop long.
  for (let pass = 0; pass < 200; pass++) {
    HIDDEN_OPEN.lastIndex = 0;
    const m = HIDDEN_OPEN.exec(out);
    if (!m) break;
    const tag = (m[1] ?? '').toLowerCase();
    const start = m.index;
    const afterOpen = start + m[0].length;
    const end = m[0].endsWith('/>') ? afterOpen : closeOf(out, tag, afterOpen);
    out = out.slice(0, start) + out.slice(end);
    count++;
  }
  return { text: out, count };
}

/** Index just after the close tag matching an open `tag` (nesting counted); the end of text when unclosed. */
function closeOf(text: string, tag: string, from: number): number {
  const re = new RegExp(`<(/?)${tag}\\b[^<>]{0,2000}>`, 'gi');
  re.lastIndex = from;
  let depth = 1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return text.length;
}

function note(removed: string[], what: string): void {
  if (!removed.includes(what)) removed.push(what);
}

/** Prose (issue/PR text, comments, commit messages): hidden content removed. */
export function sanitizeUntrusted(input: string): Sanitized {
  const removed: string[] = [];
  let text = input;

  const invisible = text.match(INVISIBLE);
  if (invisible) {
    if (invisible.some((c) => BIDI.test(c))) note(removed, 'bidirectional control characters');
    if (invisible.some((c) => TAG_CHAR.test(c))) note(removed, 'invisible tag characters');
    if (invisible.some((c) => !BIDI.test(c) && !TAG_CHAR.test(c))) note(removed, 'zero-width or invisible characters');
    // First, so `<!-\u200b- ... -->` cannot dodge the comment pattern.
    text = text.replace(INVISIBLE, '');
  }
  if (text.includes('<!--')) {
    const before = text;
    text = text.replace(HTML_COMMENT, '');
    if (text !== before) note(removed, 'HTML comments');
  }
  if (/<[a-z]/i.test(text)) {
    const hidden = removeHidden(text);
    if (hidden.count > 0) {
      text = hidden.text;
      note(removed, 'hidden HTML elements');
    }
    const before = text;
    text = text.replace(PICTURE, '').replace(HTML_IMAGE, '');
    if (text !== before) note(removed, 'images');
  }
  if (text.includes('![')) {
    const before = text;
    text = text.replace(MD_IMAGE, '').replace(MD_IMAGE_REF, '');
    if (text !== before) note(removed, 'images');
  }
  return { text, removed };
}

/**
 * Code (diffs, file contents): kept byte for byte except invisible and bidirectional characters, which
 * become visible tokens such as `[U+202E]` so a reviewer (and the model) sees a trojan-source trick.
 */
export function revealInvisible(input: string): Sanitized & { found: { char: string; count: number }[] } {
  const counts = new Map<string, number>();
  const text = input.replace(INVISIBLE, (ch) => {
    const token = codePointToken(ch);
    counts.set(token, (counts.get(token) ?? 0) + 1);
    return token;
  });
  const found = [...counts].map(([char, count]) => ({ char, count }));
  const removed = found.length > 0 ? ['invisible or bidirectional characters (shown as [U+…] tokens)'] : [];
  return { text, removed, found };
}

/** The visible note for what was removed, or undefined when nothing was. */
export function removedNotice(where: string, removed: string[]): string | undefined {
  if (removed.length === 0) return undefined;
  return `Hidden content was removed from ${where} before it was read: ${removed.join(', ')}.`;
}
