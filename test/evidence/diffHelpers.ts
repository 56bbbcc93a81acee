import type { DiffFile } from '../../src/evidence/DiffFile.js';
import { diffFileFromPatch } from '../../src/evidence/parseUnifiedDiff.js';

/**
 * A one-hunk file from lines already marked `+` (added), `-` (deleted) or ` ` (context); a line with no
 * mark is taken as added. The hunk starts at `start` on both sides.
 */
export function fileFromLines(path: string, lines: string[], start = 1, status: DiffFile['status'] = 'modified'): DiffFile {
  const marked = lines.map((l) => (/^[+\- ]/.test(l) ? l : `+${l}`));
  const oldCount = marked.filter((l) => !l.startsWith('+')).length;
  const newCount = marked.filter((l) => !l.startsWith('-')).length;
  const patch = [`@@ -${oldCount === 0 ? 0 : start},${oldCount} +${start},${newCount} @@`, ...marked].join('\n');
  return diffFileFromPatch(path, status, patch);
}

/** A new file: every line added. */
export function newFile(path: string, lines: string[]): DiffFile {
  return fileFromLines(path, lines.map((l) => `+${l}`), 1, 'added');
}

/** Findings as sorted `line rule-id` strings, to compare with a list. */
export function at(findings: ReadonlyArray<{ line: number | null; source: { id: string } }>): string[] {
  return findings.map((f) => `${f.line} ${f.source.id}`).sort();
}
