import type { Adr, AdrStatus } from './adrSchema.js';

/**
 * What a job wants written to GitHub, as data. Jobs read and decide; they never write. One executor per
 * adapter carries a plan out (GitHub for the App and the Action), or shows it (the CLI, a dry run, a fork
 * pull request), and the write guard checks the whole plan before the first write.
 */
export type Write = ReactionWrite | CommentWrite | ReviewWrite | DismissReviewWrite | CheckRunWrite | AdrWrite | AdrLogWrite;

/** A reaction on the triggering comment, so the user sees the command was heard. */
export interface ReactionWrite {
  kind: 'reaction';
  commentId: number;
  content: 'eyes' | '+1' | 'confused';
  /** A failed reaction is logged and the plan goes on. */
  bestEffort?: boolean;
}

/** The bot's one comment of a family on the issue or pull request: edited when it exists, else created. */
export interface CommentWrite {
  kind: 'comment';
  number: number;
  family: string;
  body: string;
  /** The living comment to edit; when absent the executor looks for one of the family first (never a second one). */
  commentId?: number;
  /** The notes of refused writes of the same plan go at the top of this comment (e.g. "no check run was created"). */
  withRefusals?: boolean;
  bestEffort?: boolean;
}

export interface InlineComment {
  path: string;
  line: number;
  startLine?: number;
  body: string;
}

/** A review with inline comments, pinned to the head sha it judged. */
export interface ReviewWrite {
  kind: 'review';
  number: number;
  commitId: string;
  event: 'COMMENT' | 'REQUEST_CHANGES';
  body: string;
  comments: InlineComment[];
}

/** Dismisses one of the bot's own blocking reviews; when GitHub refuses (403), `ifRefused` is said instead. */
export interface DismissReviewWrite {
  kind: 'dismiss-review';
  number: number;
  reviewId: number;
  message: string;
  ifRefused: string;
}

export interface CheckAnnotation {
  path: string;
  startLine: number;
  endLine: number;
  level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

export interface CheckRunInput {
  name: string;
  headSha: string;
  conclusion: 'neutral' | 'success' | 'failure';
  title: string;
  summary: string;
  annotations: CheckAnnotation[];
}

/** A completed check run; when GitHub refuses (403: personal tokens, workflow tokens without `checks: write`), `ifRefused` is said instead. */
export interface CheckRunWrite {
  kind: 'check-run';
  check: CheckRunInput;
  ifRefused: string;
}

/**
 * One architecture decision record, committed through a branch and a pull request (or to the default
 * branch in `direct` mode). Its number is only known while committing, so the record travels as data and
 * is rendered for the number it gets.
 */
export interface AdrWrite {
  kind: 'adr';
  dir: string;
  mode: 'pr' | 'direct';
  title: string;
  supersedes?: number;
  adr: Adr;
  meta: {
    status: AdrStatus;
    /** YYYY-MM-DD */
    date: string;
    deciders: string[];
    links: { issue?: string; pullRequest?: string };
  };
  /** For the pull request's description: who asked, and where. */
  requester: string;
  source?: { kind: 'issue' | 'pull_request'; url: string };
  /** `adr.auto` after a plan: a failure is logged, and the plan comment stands. */
  bestEffort?: boolean;
}

/** The ADR comment: its kept log lines, then one line per ADR write of the same plan, as it turned out. */
export interface AdrLogWrite {
  kind: 'adr-log';
  number: number;
  family: string;
  commentId?: number;
  heading: string;
  /** Lines of earlier runs, kept. */
  previous: string[];
  /** Lines that are known before anything runs (a decision number not found in the plan). */
  problems: string[];
  /** The footer, marker included. */
  footer: string;
  bestEffort?: boolean;
}

/** How an ADR write turned out: GitHub's answer, or (shown, not run) the record it would be. */
export type AdrResult =
  | { kind: 'pull'; number: number; path: string; branch: string; pull: { number: number; url: string; headRef: string }; existed: boolean }
  | { kind: 'commit'; number: number; path: string; url: string }
  | { kind: 'exists'; number?: number; path: string; url: string; pull?: { number: number; url: string; headRef: string } }
  | { kind: 'refused'; status?: number; message: string }
  /** Committed on its branch, but the token may not open pull requests (the Actions setting is off). */
  | { kind: 'branch'; number: number; path: string; branch: string; compareUrl: string; status?: number }
  | { kind: 'missing'; message: string }
  /** Not committed: the file it would be (CLI, dry run). */
  | { kind: 'preview'; number: number; path: string; content: string };

/** What happened to one write of a plan. */
export type WriteResult =
  | { kind: 'written'; id?: number; url?: string }
  /** GitHub refused a write the plan may go without; `note` says so to the reader. */
  | { kind: 'refused'; note: string }
  | { kind: 'adr'; result: AdrResult }
  /** Shown, not sent: the CLI, a dry run, a fork pull request. */
  | { kind: 'shown'; body?: string }
  /** A best-effort write that failed or was not reached; the plan went on. */
  | { kind: 'skipped'; reason: string };

export interface Published {
  write: Write;
  result: WriteResult;
}

/** Runs a plan, in order, and says what became of each write. */
export type Publish = (writes: readonly Write[]) => Promise<Published[]>;
