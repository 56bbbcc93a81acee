import type { Permission } from '../config/configSchema.js';
import type { CheckRunInput, InlineComment } from '../domain/Write.js';
import type { Hunk } from '../evidence/DiffFile.js';

export type { CheckAnnotation, CheckRunInput, InlineComment } from '../domain/Write.js';

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
  /**
   * The hunks of `patch`, when the port parsed them already (the CLI reads a whole diff): the review reads
   * these instead of parsing the patch a second time. Absent from GitHub's answers.
   */
  hunks?: Hunk[];
  additions: number;
  deletions: number;
}

/**
 * GitHub's compare API lists at most 300 files, paged or not
 * (https://docs.github.com/en/rest/commits/commits#compare-two-commits): a list this long may be cut.
 */
export const COMPARE_MAX_FILES = 300;

/** A review on a pull request, as far as the app needs it (to dismiss its own stale blocking review). */
export interface PullReview {
  id: number;
  state: string;
  author: string;
  commitId: string;
}

/** A file to write in a commit: a repository-relative path and its full UTF-8 text. */
export interface FileChange {
  path: string;
  content: string;
}

/** A branch update that GitHub refused; never thrown for these expected cases. */
export type RefUpdate =
  | { ok: true }
  | { ok: false; reason: 'not-fast-forward' | 'refused'; status?: number; message: string };

export interface PullRef {
  number: number;
  url: string;
  headRef: string;
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
  /**
   * Every file of a ref's tree in one request (`git/trees/{ref}?recursive=1`); `truncated` when GitHub cut
   * the listing at its limit. Optional: a port without it gives the jobs no repository map.
   */
  readTree?(ref: string): Promise<{ sha: string; files: { path: string; sha: string; size: number }[]; truncated: boolean }>;
  /** Text of a blob by its sha (one request; the same sha is the same content, so callers cache it). */
  readBlob?(sha: string): Promise<string | undefined>;
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
  /** The pull request's head sha as GitHub has it now (never from the payload): a stale event is told apart by it. */
  getPullHead(number: number): Promise<string>;
  /** Reviews on the pull request, oldest first. */
  listReviews(number: number): Promise<PullReview[]>;
  /** Dismisses a review (only blocking or approving ones can be); `message` is shown on the PR. */
  dismissReview(number: number, reviewId: number, message: string): Promise<void>;
  /** Files changed from `base` to `head`; undefined when `head` does not build on `base` (unknown sha, force-push). */
  compare(base: string, head: string): Promise<PullFile[] | undefined>;
  /** Inline comments already on the PR (to avoid repeating one). */
  reviewComments(number: number): Promise<{ path: string; line: number | null; body: string; author: string }[]>;
  createReview(
    number: number,
    review: { commitId: string; event: 'COMMENT' | 'REQUEST_CHANGES'; body: string; comments: InlineComment[] },
  ): Promise<{ id: number; url: string }>;
  createCheckRun(check: CheckRunInput): Promise<{ id: number; url: string }>;

  // --- Committing files (ADRs). Git Data API: blobs and trees are created by GitHub from the tree's
  // inline contents, the commit carries no author or committer (so an installation's commits are signed
  // by GitHub), and refs only ever move forward.
  /** Commit sha a branch points at; undefined when the branch does not exist. */
  getBranchHead(branch: string): Promise<string | undefined>;
  /** Branch names (without `refs/heads/`) starting with a prefix, e.g. `agency/adr-`. */
  listBranches(prefix: string): Promise<string[]>;
  /** A new commit with these files on top of `parent` (its tree as the base); returns the commit's sha and page. */
  createCommit(input: { parent: string; message: string; files: FileChange[] }): Promise<{ sha: string; url: string }>;
  /** ADR numbers already handed out (one ref each under `refs/agency/adr-numbers/`). */
  listAdrNumberReservations(): Promise<number[]>;
  /** The commit a number's reservation ref points at (the ADR's own commit, so a retry can tell whose it is); undefined when not reserved. */
  getAdrNumberReservation(adrNumber: number): Promise<string | undefined>;
  /**
   * Reserves an ADR number by creating `refs/agency/adr-numbers/NNNN` at a commit: creating a ref is
   * atomic, so of two writers only one gets a number. False when it was taken (422). A hidden ref
   * (not a branch), and the only ref outside `agency/adr-*` the app creates.
   */
  reserveAdrNumber(input: { adrNumber: number; sha: string }): Promise<boolean>;
  /** Creates `refs/heads/<branch>` at a commit; false when it already exists (422). */
  createBranch(branch: string, sha: string): Promise<boolean>;
  /** Moves a branch, fast-forward only (never force); refusals are returned, not thrown. */
  updateBranch(branch: string, sha: string): Promise<RefUpdate>;
  /** Open pull requests whose head branch (in this repository) starts with a prefix. */
  listOpenPulls(headPrefix: string): Promise<PullRef[]>;
  /** The open pull request from a head branch of this repository, if any. */
  findPull(head: string, base: string): Promise<PullRef | undefined>;
  /** Opens a pull request; when one is already open for the head (422), returns that one with `existed`. */
  createPull(input: { head: string; base: string; title: string; body: string }): Promise<PullRef & { existed: boolean }>;
}

/** The port's writes: only executors of a write plan call them (src/publish). */
export type GitHubWriteMethod =
  | 'createComment'
  | 'updateComment'
  | 'reactToComment'
  | 'dismissReview'
  | 'createReview'
  | 'createCheckRun'
  | 'createCommit'
  | 'reserveAdrNumber'
  | 'createBranch'
  | 'updateBranch'
  | 'createPull';

/** What jobs get: reads only, so a job can decide what to write but cannot write (that is the executor's). */
export type ReadGitHub = Omit<GitHub, GitHubWriteMethod>;
