import type { DiffFile } from '../DiffFile.js';
import { newSideLines } from '../newSideLines.js';

/** A new-side line of a code file as the rules see it. */
export interface CodeLine {
  line: number;
  text: string;
  added: boolean;
  /** The line is a comment (or inside a block comment): rules never report on it. */
  comment: boolean;
  /** The previous visible line is not the line before this one (a gap between hunks). */
  gapBefore: boolean;
  indent: number;
}

/** Languages whose line comments start with `#` (PHP allows both). */
export function hashComments(path: string): boolean {
  return /\.(py|rb|php)$/i.test(path);
}

/** Every rule reads the same lines; computing them once per file halves the cost of the rules. */
const cache = new WeakMap<DiffFile, readonly CodeLine[]>();

/** The visible new-side lines (added and context) of a code file, with comment and indentation marks. */
export function codeLines(file: DiffFile): readonly CodeLine[] {
  let lines = cache.get(file);
  if (!lines) {
    lines = computeCodeLines(file);
    cache.set(file, lines);
  }
  return lines;
}

function computeCodeLines(file: DiffFile): CodeLine[] {
  const hash = hashComments(file.path);
  const slashes = !/\.(py|rb)$/i.test(file.path);
  let inBlock = false;
  let previous = -1;
  return newSideLines(file.patch).map(({ line, text, added }) => {
    const trimmed = text.trimStart();
    const gapBefore = previous !== -1 && line !== previous + 1;
    previous = line;
    if (gapBefore) inBlock = false;
    let comment = inBlock;
    if (inBlock) {
      if (text.includes('*/')) inBlock = false;
    } else if (slashes && trimmed.startsWith('/*')) {
      comment = true;
      inBlock = !trimmed.includes('*/', 2);
    } else if ((slashes && trimmed.startsWith('//')) || (hash && trimmed.startsWith('#')) || (slashes && trimmed.startsWith('* '))) {
      comment = true;
    }
    return { line, text, added, comment, gapBefore, indent: text.length - trimmed.length };
  });
}
