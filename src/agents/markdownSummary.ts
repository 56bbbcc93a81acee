const FENCE = /^\s{0,3}(```|~~~)/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
/** Lines that start something other than a prose paragraph. */
const NOT_PROSE = /^\s*(?:[-*+]\s|\d+[.)]\s|>|\||<|-{3,}\s*$|\*{3,}\s*$|_{3,}\s*$|!\[|\[[^\]]*\]:)/;
const MAX_DESCRIPTION = 280;

/**
 * The lines of a Markdown text with fenced code (fences included) as `undefined`, so a `#` comment in
 * a shell sample is never taken for a heading and code never ends up in a description.
 */
function* proseLines(markdown: string): Generator<string | undefined> {
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (FENCE.test(line)) {
      inFence = !inFence;
      yield undefined;
    } else {
      yield inFence ? undefined : line;
    }
  }
}

/**
 * The agent name a heading implies: `# 🏗️ Backend Architect Agent` gives `Backend Architect`.
 * Leading decoration (emoji, symbols, undecodable mojibake) and a trailing "Agent" are dropped.
 */
export function headingName(heading: string): string | undefined {
  const words = heading.trim().split(/\s+/);
  // A word is decoration when it has no letter or digit, or carries a symbol/private-use character
  // (emoji, and the ∏ or Apple-logo characters that mojibaked emoji turn into).
  while (words.length > 1 && (!/[\p{L}\p{N}]/u.test(words[0] ?? '') || /[\p{S}\p{Co}]/u.test(words[0] ?? ''))) {
    words.shift();
  }
  if (words.length > 1 && /^agent$/i.test(words[words.length - 1] ?? '')) words.pop();
  const name = words.join(' ').replace(/^[*_`]+|[*_`]+$/g, '').trim();
  return name === '' ? undefined : name;
}

/** The name implied by the first Markdown heading, if any. */
export function firstHeadingName(markdown: string): string | undefined {
  for (const line of proseLines(markdown)) {
    const m = line === undefined ? null : HEADING.exec(line);
    if (m) {
      const name = headingName(m[1] ?? '');
      if (name) return name;
    }
  }
  return undefined;
}

/** The first paragraph of prose (not a heading, list, table, quote or code), on one line. */
export function firstParagraph(markdown: string): string | undefined {
  const paragraph: string[] = [];
  for (const line of proseLines(markdown)) {
    const prose = line !== undefined && line.trim() !== '' && !HEADING.test(line) && !NOT_PROSE.test(line);
    if (prose) paragraph.push(line.trim());
    else if (paragraph.length > 0) break;
  }
  if (paragraph.length === 0) return undefined;
  const text = paragraph.join(' ').replace(/\s+/g, ' ');
  if (text.length <= MAX_DESCRIPTION) return text;
  const cut = text.slice(0, MAX_DESCRIPTION);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : cut.length)}…`;
}
