/**
 * Pull requests, their files, reviews and review comments (with GitHub's line resolution),
 * compare, and check runs.
 */
import { diffHunkFor, findLine, findPosition, parsePatch, type DiffSide, type PatchLine } from './fakeGitHubDiff.js';
import { nowIso, type GitCommit } from './fakeGitHubGit.js';
import { diffCommits } from './fakeGitHubOps.js';
import {
  bodyObject,
  forbidden,
  intParam,
  notFound,
  paginate,
  requireActor,
  requireRepo,
  str,
  unprocessable,
  type RouteContext,
  type RouteResult,
  type Routes,
} from './fakeGitHubRouting.js';
import type { Actor, CheckRunState, IssueState, PullFileInput, PullState, RepoState, ReviewCommentState, ReviewState } from './fakeGitHubState.js';

const MAX_PULL_FILES = 3000;
/** "the returned files are limited to 300 files" (https://docs.github.com/en/rest/commits/commits#compare-two-commits). */
const MAX_COMPARE_FILES = 300;
const MAX_ANNOTATIONS = 50;

function requirePull(ctx: RouteContext, repo: RepoState): PullState {
  const pull = repo.pulls.get(intParam(ctx, 'pull_number'));
  if (!pull) throw notFound();
  return pull;
}

function wantsDiff(ctx: RouteContext): boolean {
  const accept = String(ctx.headers.accept ?? '');
  return /\.(diff|patch)\b/.test(accept);
}

export function unifiedDiff(files: PullFileInput[]): string {
  return files
    .map((file) => {
      const before = file.previous_filename ?? file.filename;
      const header = [`diff --git a/${before} b/${file.filename}`];
      if (file.status === 'added') header.push('new file mode 100644', '--- /dev/null', `+++ b/${file.filename}`);
      else if (file.status === 'removed') header.push('deleted file mode 100644', `--- a/${before}`, '+++ /dev/null');
      else header.push(`--- a/${before}`, `+++ b/${file.filename}`);
      return [...header, file.patch ?? ''].join('\n');
    })
    .join('\n');
}

interface CommentInput {
  path?: unknown;
  body?: unknown;
  position?: unknown;
  line?: unknown;
  side?: unknown;
  start_line?: unknown;
  start_side?: unknown;
  subject_type?: unknown;
}

interface ResolvedComment {
  path: string;
  body: string;
  line: number | null;
  side: DiffSide | null;
  startLine: number | null;
  startSide: DiffSide | null;
  position: number | null;
  diffHunk: string;
  subjectType: 'line' | 'file';
}

/**
 * The pull request's files as of `commitId`: a review comment is placed on the diff of the commit it
 * names, not on the current head's ("pull_request_review_thread.line must be part of the diff" otherwise;
 * https://docs.github.com/en/rest/pulls/comments#create-a-review-comment-for-a-pull-request and
 * https://docs.github.com/en/rest/pulls/reviews#create-a-review-for-a-pull-request).
 */
function filesAt(repo: RepoState, pull: PullState, commitId: string): PullFileInput[] {
  if (commitId === pull.headSha) return pull.files;
  const seen = pull.filesByHead?.get(commitId);
  if (seen) return seen;
  const commit = repo.git.commits.get(commitId);
  const base = repo.git.commits.get(pull.baseSha);
  return commit && base ? diffCommits(repo, mergeBase(repo, base, commit), commit) : pull.files;
}

/** Resolves a review comment against the pull request's diff as GitHub does, or returns the error. */
function resolveComment(pull: PullState, input: CommentInput, files: PullFileInput[] = pull.files): ResolvedComment | string {
  const path = str(input.path) ?? '';
  const file = files.find((candidate) => candidate.filename === path);
  if (!file) return 'Path could not be resolved';
  const body = str(input.body) ?? '';
  if (input.subject_type === 'file') {
    return { path, body, line: null, side: null, startLine: null, startSide: null, position: null, diffHunk: '', subjectType: 'file' };
  }
  const parsed = parsePatch(file.patch);
  let target: PatchLine | undefined;
  let side: DiffSide = input.side === 'LEFT' ? 'LEFT' : 'RIGHT';
  if (typeof input.line === 'number') {
    target = findLine(parsed, input.line, side);
  } else if (typeof input.position === 'number') {
    target = findPosition(parsed, input.position);
    if (target) side = target.kind === 'delete' ? 'LEFT' : 'RIGHT';
  }
  if (!target) return 'Line could not be resolved';
  let startLine: number | null = null;
  let startSide: DiffSide | null = null;
  if (typeof input.start_line === 'number') {
    startSide = input.start_side === 'LEFT' ? 'LEFT' : input.start_side === 'RIGHT' ? 'RIGHT' : side;
    const start = findLine(parsed, input.start_line, startSide);
    if (!start) return 'Start line could not be resolved';
    if (start.hunk !== target.hunk) return 'start_line must be part of the same hunk as the line.';
    if (start.position >= target.position) return 'start_line must precede the end line.';
    startLine = input.start_line;
  }
  const line = side === 'RIGHT' ? (target.rightLine ?? null) : (target.leftLine ?? null);
  return {
    path,
    body,
    line,
    side,
    startLine,
    startSide,
    position: target.position,
    diffHunk: diffHunkFor(file.patch ?? '', target),
    subjectType: 'line',
  };
}

function makeReviewComment(ctx: RouteContext, pull: PullState, review: ReviewState, resolved: ResolvedComment, actor: Actor): ReviewCommentState {
  const now = nowIso();
  return {
    id: ctx.state.nextId(),
    reviewId: review.id,
    pullNumber: pull.number,
    path: resolved.path,
    body: resolved.body,
    user: actor,
    commitId: review.commitId,
    line: resolved.line,
    side: resolved.side,
    startLine: resolved.startLine,
    startSide: resolved.startSide,
    position: resolved.position,
    diffHunk: resolved.diffHunk,
    subjectType: resolved.subjectType,
    createdAt: now,
    updatedAt: now,
  };
}

function checkCommitId(repo: RepoState, pull: PullState, commitId: string | undefined): string {
  if (commitId === undefined) return pull.headSha;
  if (!pull.headHistory.includes(commitId) && !repo.git.commits.has(commitId)) {
    throw unprocessable('Unprocessable Entity', ['Commit could not be resolved']);
  }
  return commitId;
}

const REVIEW_STATES: Record<string, ReviewState['state']> = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
};

function parseSide(spec: string, repo: RepoState): GitCommit | undefined {
  // `owner:ref` names a branch in a fork; the fake only knows the repository itself.
  const ref = spec.includes(':') ? spec.slice(spec.indexOf(':') + 1) : spec;
  return repo.git.resolveCommit(ref);
}

function mergeBase(repo: RepoState, base: GitCommit, head: GitCommit): GitCommit {
  const ancestors = new Set<string>();
  const stack = [base.sha];
  while (stack.length > 0) {
    const sha = stack.pop() as string;
    if (ancestors.has(sha)) continue;
    ancestors.add(sha);
    stack.push(...(repo.git.commits.get(sha)?.parents ?? []));
  }
  const queue = [head.sha];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const sha = queue.shift() as string;
    if (ancestors.has(sha)) return repo.git.commits.get(sha) ?? base;
    if (seen.has(sha)) continue;
    seen.add(sha);
    queue.push(...(repo.git.commits.get(sha)?.parents ?? []));
  }
  return base;
}

function compareFiles(repo: RepoState, baseSpec: string, headSpec: string, base: GitCommit, head: GitCommit, from: GitCommit): PullFileInput[] {
  const seeded = repo.compares.get(`${baseSpec}...${headSpec}`) ?? repo.compares.get(`${base.sha}...${head.sha}`);
  if (seeded) return seeded;
  const pull = [...repo.pulls.values()].find((candidate) => candidate.baseSha === base.sha && candidate.headSha === head.sha);
  if (pull) return pull.files;
  return diffCommits(repo, from, head);
}

/** Paths an annotation may name on a check run at `headSha`: files of the commit, and of pull requests at that head. */
function annotatablePaths(repo: RepoState, headSha: string): Set<string> {
  const paths = new Set<string>();
  for (const pull of repo.pulls.values()) {
    if (pull.headSha === headSha || pull.filesByHead?.has(headSha)) for (const f of filesAt(repo, pull, headSha)) paths.add(f.filename);
  }
  const commit = repo.git.commits.get(headSha);
  if (commit) for (const path of repo.git.treeOf(commit).files.keys()) paths.add(path);
  return paths;
}

/**
 * GitHub validates every annotation and answers 422 for the whole request when one is off: at most 50
 * per request, `start_line`/`end_line` are 1-based with end >= start, and the path must be a file of the
 * commit (https://docs.github.com/en/rest/checks/runs#create-a-check-run, "annotations" object).
 */
function annotationsOf(ctx: RouteContext, repo: RepoState, headSha: string): Record<string, unknown>[] {
  const output = bodyObject(ctx).output;
  const annotations = typeof output === 'object' && output !== null ? (output as { annotations?: unknown }).annotations : undefined;
  if (!Array.isArray(annotations)) return [];
  if (annotations.length > MAX_ANNOTATIONS) {
    throw unprocessable(`Invalid request.\n\nOnly ${MAX_ANNOTATIONS} annotations are allowed per request (got ${annotations.length}).`, [
      { resource: 'CheckRun', field: 'output.annotations', code: 'invalid' },
    ]);
  }
  const items = annotations.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null);
  const paths = items.length > 0 ? annotatablePaths(repo, headSha) : new Set<string>();
  for (const a of items) {
    const start = a.start_line;
    const end = a.end_line;
    const invalid = (field: string) =>
      unprocessable('Validation Failed', [{ resource: 'CheckRun', field: `output.annotations.${field}`, code: 'invalid' }]);
    if (typeof start !== 'number' || !Number.isInteger(start) || start < 1) throw invalid('start_line');
    if (typeof end !== 'number' || !Number.isInteger(end) || end < start) throw invalid('end_line');
    if (typeof a.path !== 'string' || !paths.has(a.path)) throw invalid('path');
  }
  return items;
}

/** `output.summary` and `output.text` are capped in bytes (UTF-8), not characters (same doc, "output" object). */
const MAX_OUTPUT_BYTES = 65535;

function checkOutputSize(output: Record<string, unknown>): void {
  for (const field of ['summary', 'text'] as const) {
    const value = output[field];
    if (typeof value === 'string' && Buffer.byteLength(value, 'utf8') > MAX_OUTPUT_BYTES) {
      throw unprocessable(`Invalid request.\n\nOnly ${MAX_OUTPUT_BYTES} bytes are allowed in output.${field}; ${Buffer.byteLength(value, 'utf8')} were supplied.`, [
        { resource: 'CheckRun', field: `output.${field}`, code: 'too_long' },
      ]);
    }
  }
}

function applyCheckRunFields(ctx: RouteContext, run: CheckRunState): void {
  const body = bodyObject(ctx);
  if (typeof body.name === 'string') run.name = body.name;
  if (typeof body.details_url === 'string') run.detailsUrl = body.details_url;
  if (typeof body.external_id === 'string') run.externalId = body.external_id;
  if (typeof body.started_at === 'string') run.startedAt = body.started_at;
  if (typeof body.status === 'string') run.status = body.status;
  if (typeof body.conclusion === 'string') {
    run.conclusion = body.conclusion;
    run.status = 'completed';
  }
  if (typeof body.completed_at === 'string') {
    run.completedAt = body.completed_at;
    run.status = 'completed';
  }
  if (run.status === 'completed') {
    if (!run.conclusion) {
      throw unprocessable('Invalid request.\n\n"conclusion" is required when "status" is "completed".');
    }
    run.completedAt ??= nowIso();
  }
  const output = body.output;
  if (typeof output === 'object' && output !== null) {
    const o = output as Record<string, unknown>;
    checkOutputSize(o);
    if (typeof o.title === 'string') run.output.title = o.title;
    if (typeof o.summary === 'string') run.output.summary = o.summary;
    if (typeof o.text === 'string') run.output.text = o.text;
  }
}

/**
 * Check runs are written by GitHub Apps only: "OAuth apps and authenticated users are not able to create
 * a check run" (https://docs.github.com/en/rest/checks/runs#create-a-check-run), so a personal token gets
 * 403; a workflow token whose `permissions:` leave out `checks: write` gets 403 too
 * (https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token).
 */
function requireApp(ctx: RouteContext): Actor {
  const actor = requireActor(ctx);
  if (actor.type !== 'Bot') throw forbidden('You must authenticate via a GitHub App.');
  if (ctx.tokenPermissions && ctx.tokenPermissions.checks !== 'write') throw forbidden('Resource not accessible by integration');
  return actor;
}

function compare(ctx: RouteContext, basehead: string): RouteResult {
  const repo = requireRepo(ctx);
  const separator = basehead.includes('...') ? '...' : '..';
  const index = basehead.indexOf(separator);
  if (index < 0) throw notFound();
  const baseSpec = basehead.slice(0, index);
  const headSpec = basehead.slice(index + separator.length);
  const base = parseSide(baseSpec, repo);
  const head = parseSide(headSpec, repo);
  if (!base || !head) throw notFound();
  const from = separator === '...' ? mergeBase(repo, base, head) : base;
  const files = compareFiles(repo, baseSpec, headSpec, base, head, from).slice(0, MAX_COMPARE_FILES);
  if (wantsDiff(ctx)) return { status: 200, raw: unifiedDiff(files), contentType: 'application/vnd.github.diff; charset=utf-8' };
  const ahead = repo.git.commitsBetween(base.sha, head.sha);
  const behind = repo.git.commitsBetween(head.sha, base.sha);
  const status = ahead.length === 0 && behind.length === 0 ? 'identical' : behind.length === 0 ? 'ahead' : ahead.length === 0 ? 'behind' : 'diverged';
  const api = `${ctx.api}/repos/${repo.fullName}/compare/${basehead}`;
  const web = `https://github.com/${repo.fullName}/compare/${basehead}`;
  return {
    status: 200,
    body: {
      url: api,
      html_url: web,
      permalink_url: `https://github.com/${repo.fullName}/compare/${repo.owner.login}:${base.sha}...${repo.owner.login}:${head.sha}`,
      diff_url: `${web}.diff`,
      patch_url: `${web}.patch`,
      base_commit: ctx.shapes.commit(repo, base),
      merge_base_commit: ctx.shapes.commit(repo, mergeBase(repo, base, head)),
      status,
      ahead_by: ahead.length,
      behind_by: behind.length,
      total_commits: ahead.length,
      commits: ahead.map((commit) => ctx.shapes.commit(repo, commit)),
      files: files.map((file) => ctx.shapes.diffEntry(repo, file, head.sha)),
    },
  };
}

export const pullRoutes: Routes = {
  'GET /repos/{owner}/{repo}/pulls/{pull_number}': (ctx) => {
    const repo = requireRepo(ctx);
    const pull = requirePull(ctx, repo);
    if (wantsDiff(ctx)) return { status: 200, raw: unifiedDiff(pull.files), contentType: 'application/vnd.github.diff; charset=utf-8' };
    return { status: 200, body: ctx.shapes.pullRequest(repo, pull) };
  },

  'PATCH /repos/{owner}/{repo}/pulls/{pull_number}': (ctx) => {
    requireActor(ctx);
    const repo = requireRepo(ctx);
    const pull = requirePull(ctx, repo);
    const issue = repo.issues.get(pull.number) as IssueState;
    const body = bodyObject(ctx);
    if (typeof body.title === 'string') issue.title = body.title;
    if ('body' in body) issue.body = str(body.body) ?? null;
    if (body.state === 'open' || body.state === 'closed') {
      issue.state = body.state;
      issue.closedAt = body.state === 'closed' ? nowIso() : null;
    }
    issue.updatedAt = nowIso();
    return { status: 200, body: ctx.shapes.pullRequest(repo, pull) };
  },

  'GET /repos/{owner}/{repo}/pulls': (ctx) => {
    const repo = requireRepo(ctx);
    const state = ctx.query.get('state') ?? 'open';
    const head = ctx.query.get('head');
    const base = ctx.query.get('base');
    const pulls = [...repo.pulls.values()]
      .filter((pull) => state === 'all' || repo.issues.get(pull.number)?.state === state)
      .filter((pull) => {
        if (head === null) return true;
        const [owner, ref] = head.includes(':') ? [head.slice(0, head.indexOf(':')), head.slice(head.indexOf(':') + 1)] : [undefined, head];
        return (owner === undefined || owner.toLowerCase() === repo.owner.login.toLowerCase()) && pull.headRef === ref;
      })
      .filter((pull) => base === null || pull.baseRef === base)
      .sort((a, b) => b.number - a.number)
      .map((pull) => ctx.shapes.pullRequest(repo, pull, false));
    return paginate(ctx, pulls);
  },

  'POST /repos/{owner}/{repo}/pulls': (ctx) => {
    const actor = requireActor(ctx);
    const repo = requireRepo(ctx);
    // The workflow token (acting as github-actions[bot]) may not open pull requests unless the repository
    // allows it; off by default for new repositories and organizations:
    // https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/enabling-features-for-your-repository/managing-github-actions-settings-for-a-repository#preventing-github-actions-from-creating-or-approving-pull-requests
    if (actor.login === 'github-actions[bot]' && !repo.actionsCanCreatePullRequests) {
      throw forbidden('GitHub Actions is not permitted to create or approve pull requests.');
    }
    const body = bodyObject(ctx);
    const headSpec = str(body.head) ?? '';
    const headRef = headSpec.includes(':') ? headSpec.slice(headSpec.indexOf(':') + 1) : headSpec;
    const baseRef = str(body.base) ?? '';
    const head = repo.git.resolveCommit(`heads/${headRef}`);
    const base = repo.git.resolveCommit(`heads/${baseRef}`);
    if (!base) throw unprocessable('Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
    if (!head || !repo.git.refs.has(`heads/${headRef}`)) throw unprocessable('Validation Failed', [{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
    const duplicate = [...repo.pulls.values()].find(
      (pull) => pull.headRef === headRef && pull.baseRef === baseRef && repo.issues.get(pull.number)?.state === 'open',
    );
    if (duplicate) {
      throw unprocessable('Validation Failed', [
        { resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${repo.owner.login}:${headRef}.` },
      ]);
    }
    if (head.sha === base.sha || repo.git.isAncestor(head.sha, base.sha)) {
      throw unprocessable('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${baseRef} and ${headRef}` }]);
    }
    const number = repo.nextNumber++;
    const now = nowIso();
    repo.issues.set(number, {
      id: ctx.state.nextId(),
      number,
      title: str(body.title) ?? '',
      body: str(body.body) ?? null,
      user: actor,
      state: 'open',
      stateReason: null,
      labels: [],
      assignees: [],
      locked: false,
      isPull: true,
      reactions: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    });
    const pull: PullState = {
      id: ctx.state.nextId(),
      number,
      headRef,
      headSha: head.sha,
      baseRef,
      baseSha: base.sha,
      draft: body.draft === true,
      merged: false,
      maintainerCanModify: body.maintainer_can_modify !== false,
      files: diffCommits(repo, mergeBase(repo, base, head), head),
      headHistory: [head.sha],
    };
    repo.pulls.set(number, pull);
    return { status: 201, body: ctx.shapes.pullRequest(repo, pull), headers: { location: `${ctx.api}/repos/${repo.fullName}/pulls/${number}` } };
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': (ctx) => {
    const repo = requireRepo(ctx);
    const pull = requirePull(ctx, repo);
    return paginate(
      ctx,
      pull.files.slice(0, MAX_PULL_FILES).map((file) => ctx.shapes.diffEntry(repo, file, pull.headSha)),
    );
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits': (ctx) => {
    const repo = requireRepo(ctx);
    const pull = requirePull(ctx, repo);
    const commits = repo.git.commitsBetween(pull.baseSha, pull.headSha);
    return paginate(
      ctx,
      commits.map((commit) => ctx.shapes.commit(repo, commit)),
      { cap: 250 },
    );
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews': (ctx) => {
    const repo = requireRepo(ctx);
    const pull = requirePull(ctx, repo);
    const reviews = [...repo.reviews.values()].filter((review) => review.pullNumber === pull.number).sort((a, b) => a.id - b.id);
    return paginate(
      ctx,
      reviews.map((review) => ctx.shapes.review(repo, review)),
    );
  },

  'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': (ctx) => {
    const actor = requireActor(ctx);
    const repo = requireRepo(ctx);
    const pull = requirePull(ctx, repo);
    const body = bodyObject(ctx);
    const event = str(body.event);
    const comments = Array.isArray(body.comments) ? (body.comments as CommentInput[]) : [];
    const author = repo.issues.get(pull.number)?.user;
    if (author && author.login === actor.login && (event === 'APPROVE' || event === 'REQUEST_CHANGES')) {
      throw unprocessable('Unprocessable Entity', [
        event === 'APPROVE' ? 'Can not approve your own pull request' : 'Can not request changes on your own pull request',
      ]);
    }
    const text = str(body.body) ?? '';
    if ((event === 'REQUEST_CHANGES' && text === '') || (event === 'COMMENT' && text === '' && comments.length === 0)) {
      throw unprocessable('Unprocessable Entity', [`Body is required for a ${event} review without comments`]);
    }
    if (event === undefined && [...repo.reviews.values()].some((r) => r.pullNumber === pull.number && r.state === 'PENDING' && r.user.login === actor.login)) {
      throw unprocessable('Unprocessable Entity', ['User can only have one pending review per pull request']);
    }
    const commitId = checkCommitId(repo, pull, str(body.commit_id));
    // GitHub rejects the whole review when one comment cannot be placed.
    const resolved: ResolvedComment[] = [];
    const files = filesAt(repo, pull, commitId);
    for (const comment of comments) {
      const result = resolveComment(pull, comment, files);
      if (typeof result === 'string') throw unprocessable('Unprocessable Entity', [result]);
      resolved.push(result);
    }
    const review: ReviewState = {
      id: ctx.state.nextId(),
      pullNumber: pull.number,
      user: actor,
      body: text,
      state: event ? (REVIEW_STATES[event] ?? 'COMMENTED') : 'PENDING',
      commitId,
      submittedAt: event ? nowIso() : null,
    };
    repo.reviews.set(review.id, review);
    for (const item of resolved) {
      const comment = makeReviewComment(ctx, pull, review, item, actor);
      repo.reviewComments.set(comment.id, comment);
    }
    return { status: 200, body: ctx.shapes.review(repo, review) };
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}': (ctx) => {
    const repo = requireRepo(ctx);
    const pull = requirePull(ctx, repo);
    const review = repo.reviews.get(intParam(ctx, 'review_id'));
    if (!review || review.pullNumber !== pull.number) throw notFound();
    return { status: 200, body: ctx.shapes.review(repo, review) };
  },

  'PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}': (ctx) => {
    requireActor(ctx);
    const repo = requireRepo(ctx);
    const pull = requirePull(ctx, repo);
    const review = repo.reviews.get(intParam(ctx, 'review_id'));
    if (!review || review.pullNumber !== pull.number) throw notFound();
    review.body = str(bodyObject(ctx).body) ?? review.body;
    return { status: 200, body: ctx.shapes.review(repo, review) };
  },

  // https://docs.github.com/en/rest/pulls/reviews#dismiss-a-review-for-a-pull-request: `message` is
  // required; only a blocking (changes requested) or approving review can be dismissed, a comment cannot.
  'PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals': (ctx) => {
    requireActor(ctx);
    const repo = requireRepo(ctx);
    const pull = requirePull(ctx, repo);
    const review = repo.reviews.get(intParam(ctx, 'review_id'));
    if (!review || review.pullNumber !== pull.number) throw notFound();
    const message = str(bodyObject(ctx).message);
    if (!message) throw unprocessable('Invalid request.\n\n"message" wasn\'t supplied.');
    if (review.state === 'COMMENTED') throw unprocessable('Unprocessable Entity', ['Can not dismiss a commented pull request review']);
    if (review.state === 'PENDING') throw unprocessable('Unprocessable Entity', ['Can not dismiss a pending pull request review']);
    review.state = 'DISMISSED';
    return { status: 200, body: ctx.shapes.review(repo, review) };
  },

  'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events': (ctx) => {
    requireActor(ctx);
    const repo = requireRepo(ctx);
    const pull = requirePull(ctx, repo);
    const review = repo.reviews.get(intParam(ctx, 'review_id'));
    if (!review || review.pullNumber !== pull.number) throw notFound();
    if (review.state !== 'PENDING') throw unprocessable('Unprocessable Entity', ['Can not submit a non-pending review']);
    const body = bodyObject(ctx);
    review.state = REVIEW_STATES[str(body.event) ?? 'COMMENT'] ?? 'COMMENTED';
    if (typeof body.body === 'string') review.body = body.body;
    review.submittedAt = nowIso();
    return { status: 200, body: ctx.shapes.review(repo, review) };
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments': (ctx) => {
    const repo = requireRepo(ctx);
    const pull = requirePull(ctx, repo);
    const reviewId = intParam(ctx, 'review_id');
    const comments = [...repo.reviewComments.values()].filter((c) => c.pullNumber === pull.number && c.reviewId === reviewId);
    return paginate(
      ctx,
      comments.map((comment) => ctx.shapes.reviewComment(repo, comment)),
    );
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments': (ctx) => {
    const repo = requireRepo(ctx);
    const pull = requirePull(ctx, repo);
    const comments = [...repo.reviewComments.values()]
      .filter((comment) => comment.pullNumber === pull.number && repo.reviews.get(comment.reviewId)?.state !== 'PENDING')
      .sort((a, b) => a.id - b.id);
    return paginate(
      ctx,
      comments.map((comment) => ctx.shapes.reviewComment(repo, comment)),
    );
  },

  'POST /repos/{owner}/{repo}/pulls/{pull_number}/comments': (ctx) => {
    const actor = requireActor(ctx);
    const repo = requireRepo(ctx);
    const pull = requirePull(ctx, repo);
    const body = bodyObject(ctx);
    const replyTo = typeof body.in_reply_to === 'number' ? repo.reviewComments.get(body.in_reply_to) : undefined;
    if (typeof body.in_reply_to === 'number' && !replyTo) throw notFound();
    const commitId = checkCommitId(repo, pull, str(body.commit_id));
    let resolved: ResolvedComment | string;
    if (replyTo) {
      resolved = {
        path: replyTo.path,
        body: str(body.body) ?? '',
        line: replyTo.line,
        side: replyTo.side,
        startLine: replyTo.startLine,
        startSide: replyTo.startSide,
        position: replyTo.position,
        diffHunk: replyTo.diffHunk,
        subjectType: replyTo.subjectType,
      };
    } else {
      resolved = resolveComment(pull, body, filesAt(repo, pull, commitId));
    }
    if (typeof resolved === 'string') throw unprocessable('Unprocessable Entity', [resolved]);
    const review: ReviewState = {
      id: ctx.state.nextId(),
      pullNumber: pull.number,
      user: actor,
      body: '',
      state: 'COMMENTED',
      commitId,
      submittedAt: nowIso(),
    };
    repo.reviews.set(review.id, review);
    const comment = makeReviewComment(ctx, pull, review, resolved, actor);
    if (replyTo) comment.inReplyToId = replyTo.id;
    repo.reviewComments.set(comment.id, comment);
    return { status: 201, body: ctx.shapes.reviewComment(repo, comment) };
  },

  'PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}': (ctx) => {
    const actor = requireActor(ctx);
    const repo = requireRepo(ctx);
    const comment = repo.reviewComments.get(intParam(ctx, 'comment_id'));
    if (!comment) throw notFound();
    if (ctx.forbidEditingOthersComments && comment.user.login.toLowerCase() !== actor.login.toLowerCase()) {
      const message = `${actor.login} edited a review comment by ${comment.user.login} (id ${comment.id}); the app must never edit someone else's comment`;
      ctx.violation('contract', message);
      throw forbidden(`Fake GitHub: ${message}`);
    }
    comment.body = str(bodyObject(ctx).body) ?? comment.body;
    comment.updatedAt = nowIso();
    return { status: 200, body: ctx.shapes.reviewComment(repo, comment) };
  },

  'GET /repos/{owner}/{repo}/compare/{basehead}': (ctx) => compare(ctx, ctx.params.basehead ?? ''),

  'GET /repos/{owner}/{repo}/compare/{base}...{head}': (ctx) => compare(ctx, `${ctx.params.base ?? ''}...${ctx.params.head ?? ''}`),

  'POST /repos/{owner}/{repo}/check-runs': (ctx) => {
    const actor = requireApp(ctx);
    const repo = requireRepo(ctx);
    const body = bodyObject(ctx);
    const headSha = str(body.head_sha) ?? '';
    if (!repo.git.commits.has(headSha)) throw unprocessable(`No commit found for SHA: ${headSha}`);
    const annotations = annotationsOf(ctx, repo, headSha);
    const run: CheckRunState = {
      id: ctx.state.nextId(),
      name: str(body.name) ?? '',
      headSha,
      status: 'queued',
      conclusion: null,
      startedAt: nowIso(),
      completedAt: null,
      detailsUrl: null,
      externalId: null,
      output: { title: null, summary: null, text: null },
      annotations: [],
      app: actor,
    };
    applyCheckRunFields(ctx, run);
    run.annotations.push(...annotations);
    repo.checkRuns.set(run.id, run);
    return { status: 201, body: ctx.shapes.checkRun(repo, run) };
  },

  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': (ctx) => {
    requireApp(ctx);
    const repo = requireRepo(ctx);
    const run = repo.checkRuns.get(intParam(ctx, 'check_run_id'));
    if (!run) throw notFound();
    const annotations = annotationsOf(ctx, repo, run.headSha);
    const draft: CheckRunState = { ...run, output: { ...run.output } };
    applyCheckRunFields(ctx, draft);
    Object.assign(run, draft);
    run.annotations.push(...annotations);
    return { status: 200, body: ctx.shapes.checkRun(repo, run) };
  },

  'GET /repos/{owner}/{repo}/check-runs/{check_run_id}': (ctx) => {
    const repo = requireRepo(ctx);
    const run = repo.checkRuns.get(intParam(ctx, 'check_run_id'));
    if (!run) throw notFound();
    return { status: 200, body: ctx.shapes.checkRun(repo, run) };
  },

  'GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations': (ctx) => {
    const repo = requireRepo(ctx);
    const run = repo.checkRuns.get(intParam(ctx, 'check_run_id'));
    if (!run) throw notFound();
    return paginate(ctx, ctx.shapes.checkRunAnnotations(run));
  },

  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs': (ctx): RouteResult => {
    const repo = requireRepo(ctx);
    const commit = repo.git.resolveCommit(ctx.params.ref ?? '');
    if (!commit) throw notFound();
    const name = ctx.query.get('check_name');
    const runs = [...repo.checkRuns.values()].filter((run) => run.headSha === commit.sha && (name === null || run.name === name));
    const page = paginate(
      ctx,
      runs.map((run) => ctx.shapes.checkRun(repo, run)),
    );
    return { ...page, body: { total_count: runs.length, check_runs: page.body } };
  },
};
