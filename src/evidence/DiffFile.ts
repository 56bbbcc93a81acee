/** One line added by the change, numbered on the new (right) side. */
export interface AddedLine {
  line: number;
  text: string;
}

/** One line of a hunk body, without its `+`/`-`/` ` mark, at its line number on each side it is on. */
export interface HunkLine {
  kind: 'add' | 'del' | 'context';
  text: string;
  /** Line number on the old (left) side; null for an added line. */
  oldLine: number | null;
  /** Line number on the new (right) side; null for a deleted line. */
  newLine: number | null;
  /** Followed by `\ No newline at end of file`: the last line of its side has no newline. */
  noNewline?: true;
}

/** One `@@ -oldStart,oldLines +newStart,newLines @@ section` hunk and its body. */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** What git puts after the second `@@` (the enclosing function or heading), without the space before it. */
  section: string;
  lines: HunkLine[];
}

export type DiffFileStatus = 'added' | 'modified' | 'removed' | 'renamed';

/** One file of a unified diff, in the shape every evidence step works on. */
export interface DiffFile {
  /** New path (the old path for a removed file). */
  path: string;
  /** Previous path, set for renames. */
  oldPath?: string;
  status: DiffFileStatus;
  binary: boolean;
  /** The file's hunks (from the first `@@` line), as in GitHub's per-file `patch`. */
  patch: string;
  /** The patch's hunks, parsed once by `parseHunks` when the file is made: read lines from here. */
  hunks: Hunk[];
  added: AddedLine[];
  additions: number;
  deletions: number;
}
