/** A code span `[start, end)` in a paragraph: from its opening backtick to just after its closing one. */
export interface CodeSpan {
  start: number;
  end: number;
}

/**
 * Inline code spans of one Markdown paragraph, which may span lines. A run of N backticks opens a span
 * only if a later run of exactly N backticks closes it (CommonMark); an unmatched run is literal text.
 * The router needs this because a span can start on one line and hide a command on the next; the
 * renderer reads one line at a time. In a table (`pipesSplit`), GFM splits cells on `|` before it sees
 * code spans, so a span with a pipe is not code.
 */
export function inlineCodeSpans(paragraph: string, pipesSplit = false): CodeSpan[] {
  const spans: CodeSpan[] = [];
  let i = 0;
  while (i < paragraph.length) {
    if (paragraph[i] !== '`') {
      // A backslash escapes the next character outside code, so `\`` cannot open a span.
      i += paragraph[i] === '\\' ? 2 : 1;
      continue;
    }
    const open = runLength(paragraph, i);
    const close = findRun(paragraph, i + open, open);
    if (close < 0 || (pipesSplit && paragraph.slice(i, close).includes('|'))) {
      i += open;
      continue;
    }
    spans.push({ start: i, end: close + open });
    i = close + open;
  }
  return spans;
}

/** How many backticks in a row start at `from`. */
export function runLength(text: string, from: number): number {
  let n = 0;
  while (text[from + n] === '`') n++;
  return n;
}

/** Index of the next backtick run of exactly `length` from `from`, or -1. */
function findRun(text: string, from: number, length: number): number {
  let i = text.indexOf('`', from);
  while (i >= 0) {
    const n = runLength(text, i);
    if (n === length) return i;
    i = text.indexOf('`', i + n);
  }
  return -1;
}
