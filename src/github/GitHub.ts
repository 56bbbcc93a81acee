import type { Permission } from '../config/configSchema.js';

export interface DirEntry {
  name: string;
  path: string;
  type: 'file' | 'dir' | 'other';
  /** Blob sha: content with the same sha is the same, so parsed files can be cached by it. */
  sha: string;
}

export interface IssueData {
  number: number;
  title: string;
  body: string;
  url: string;
  isPullRequest: boolean;
  author: string;
}

export interface CommentData {
  id: number;
  body: string;
  author: string;
  authorType: string;
  url: string;
}

export interface PullData {
  number: number;
  title: string;
  body: string;
  url: string;
  headSha: string;
  baseSha: string;
  baseRef: string;
  draft: boolean;
  labels: string[];
  author: string;
}

export interface PullFile {
  path: string;
  previousPath?: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  /** Hunks without headers, as GitHub serves them; absent for binary or too-large files. */
  patch?: string;
  additions: number;
  deletions: number;
}

export interface InlineComment {
  path: string;
  line: number;
  startLine?: number;
  body: string;
}

export interface CheckAnnotation {
  path: string;
  startLine: number;
  endLine: number;
  level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

/**
 * The GitHub port, scoped to one repository. The app and the Action implement it with Octokit; the core
 * never sees Octokit. Every write goes through here, which keeps the set of possible writes small.
 */
export interface GitHub {
  readonly owner: string;
  readonly repo: string;
  /** The app's own login, e.g. `agency-architect[bot]`. */
  botLogin(): Promise<string>;
  defaultBranch(): Promise<string>;
  /** Text of a file at a ref (the default branch when omitted: the contents API's own default); undefined when absent. */
  readFile(path: string, ref?: string): Promise<string | undefined>;
  /** Entries of a directory at a ref; [] when absent. */
  listDir(path: string, ref?: string): Promise<DirEntry[]>;
  /** Permission of a user on the repository; 'none' when not a collaborator. Throws on API errors. */
  permission(login: string): Promise<Permission | 'none'>;
  issue(number: number): Promise<IssueData>;
  /** Most recent comments, oldest first, at most `max`. */
  comments(number: number, max: number): Promise<CommentData[]>;
  createComment(number: number, body: string): Promise<CommentData>;
  updateComment(commentId: number, body: string): Promise<CommentData>;
  reactToComment(commentId: number, content: 'eyes' | '+1' | 'confused'): Promise<void>;
  pull(number: number): Promise<PullData>;
  pullFiles(number: number, max: number): Promise<{ files: PullFile[]; truncated: boolean }>;
  /** Files changed between two commits; undefined when a commit is unknown (e.g. force-pushed away). */
  compare(base: string, head: string): Promise<PullFile[] | undefined>;
  /** Inline comments already on the PR (to avoid repeating one). */
  reviewComments(number: number): Promise<{ path: string; line: number | null; body: string; author: string }[]>;
  createReview(
    number: number,
    review: { commitId: string; event: 'COMMENT' | 'REQUEST_CHANGES'; body: string; comments: InlineComment[] },
  ): Promise<{ id: number; url: string }>;
  createCheckRun(check: {
    name: string;
    headSha: string;
    conclusion: 'neutral' | 'success' | 'failure';
    title: string;
    summary: string;
    annotations: CheckAnnotation[];
  }): Promise<{ id: number; url: string }>;
}
