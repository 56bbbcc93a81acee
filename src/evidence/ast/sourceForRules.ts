import type { DiffFile } from '../DiffFile.js';

/**
 * The text the rules parse: the whole file when it is known (a new file's added lines are the whole
 * file), else the lines the diff shows, each at its own line number with blank lines in the gaps, so
 * every match keeps its real line. Two repairs help the parser on fragments: a hunk's section heading
 * (the enclosing function or route git names after `@@`) goes on the blank line above the hunk, and
 * leading lines that only close brackets opened out of view are blanked.
 */
export function sourceForRules(file: DiffFile, content?: string): { source: string; whole: boolean } {
  if (content !== undefined) return { source: content, whole: true };
  // The new-side lines straight from the hunks, each at its own index (no list of them made first).
  const out: string[] = [];
  let onlyAdded = true;
  let first: number | undefined;
  for (const hunk of file.hunks) {
    for (const l of hunk.lines) {
      if (l.newLine === null) continue;
      first ??= l.newLine;
      if (l.kind !== 'add') onlyAdded = false;
      while (out.length < l.newLine - 1) out.push('');
      out[l.newLine - 1] = l.text;
    }
  }
  const whole = file.status === 'added' && onlyAdded && first === 1;
  if (whole) {
    // A new file cut off mid-statement (a partial paste, a generated sample) still parses up to the cut.
    const stack: string[] = [];
    for (const text of out) if (!scan(text, stack)) return { source: out.join('\n'), whole };
    if (stack.length > 0) out.push(stack.reverse().map((c) => CLOSE[c]).join(''));
    return { source: out.join('\n'), whole };
  }
  const hunks: { from: number; to: number }[] = [];
  for (const h of file.hunks) {
    const start = h.newStart;
    const hunk = { from: start - 1, to: start - 2 + h.newLines };
    const heading = h.section.trim();
    // Only on a line the diff does not show (blank here), so no real line is overwritten.
    if (heading && start >= 2 && (out[start - 2] ?? '') === '') {
      out[start - 2] = heading;
      hunk.from = start - 2;
    }
    hunks.push(hunk);
  }
  for (const hunk of hunks) balance(out, hunk.from, hunk.to);
  return { source: out.join('\n'), whole };
}

/**
 * Blank the leading lines that close brackets opened out of view, and close what the hunk leaves open
 * on the blank line after it (or after the end), so a fragment parses as the code it shows.
 */
function balance(lines: string[], from: number, to: number): void {
  let stack: string[] = [];
  let lastUnderflow = -1;
  for (let i = from; i <= to && i < lines.length; i++) {
    if (!scan(lines[i] ?? '', stack)) {
      lastUnderflow = i;
      stack = [];
    }
  }
  for (let i = from; i <= lastUnderflow; i++) lines[i] = '';
  if (lastUnderflow >= 0) {
    stack = [];
    for (let i = lastUnderflow + 1; i <= to && i < lines.length; i++) scan(lines[i] ?? '', stack);
  }
  if (stack.length === 0) return;
  const closers = stack.reverse().map((c) => CLOSE[c]).join('');
  if (to + 1 >= lines.length) lines.push(closers);
  else if (lines[to + 1] === '') lines[to + 1] = closers;
}

const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Push openers and pop closers of one line (outside simple strings); false when a closer had no opener. */
function scan(text: string, stack: string[]): boolean {
  // Most lines have no bracket or quote: one native search instead of a loop over their characters.
  if (!BRACKET_OR_QUOTE.test(text)) return true;
  let ok = true;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === BACKSLASH) i++;
      else if (c === quote) quote = 0;
      continue;
    }
    if (c === DOUBLE || c === SINGLE || c === BACKTICK) quote = c;
    // ( [ { and ) ] }
    else if (c === 40 || c === 91 || c === 123) stack.push(text[i] as string);
    else if (c === 41 || c === 93 || c === 125) {
      if (stack.length === 0) ok = false;
      else stack.pop();
    }
  }
  return ok;
}

const BRACKET_OR_QUOTE = /[()[\]{}"'`]/;
const BACKSLASH = 92;
const DOUBLE = 34;
const SINGLE = 39;
const BACKTICK = 96;
