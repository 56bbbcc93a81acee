import type { DiffFile } from '../DiffFile.js';
import { newSideLines } from '../newSideLines.js';

/**
 * The text the rules parse: the whole file when it is known (a new file's added lines are the whole
 * file), else the lines the diff shows, each at its own line number with blank lines in the gaps, so
 * every match keeps its real line. Tree-sitter recovers around the gaps.
 */
export function sourceForRules(file: DiffFile, content?: string): { source: string; whole: boolean } {
  if (content !== undefined) return { source: content, whole: true };
  const visible = newSideLines(file.patch);
  const whole = file.status === 'added' && visible.every((l) => l.added) && visible[0]?.line === 1;
  const out: string[] = [];
  for (const { line, text } of visible) {
    while (out.length < line - 1) out.push('');
    out[line - 1] = text;
  }
  return { source: out.join('\n'), whole };
}
