/** One line added by the change, numbered on the new (right) side. */
export interface AddedLine {
  line: number;
  text: string;
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
  added: AddedLine[];
  additions: number;
  deletions: number;
}
