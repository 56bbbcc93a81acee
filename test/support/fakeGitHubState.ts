/**
 * The fake GitHub's state: repositories with their issues, pull requests, comments, reviews, check
 * runs, labels, permissions and Git objects. Plain data, inspected by tests through `gh.state`.
 */
import { GitStore } from './fakeGitHubGit.js';

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export interface Actor {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

export interface LabelState {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface IssueState {
  id: number;
  number: number;
  title: string;
  body: string | null;
  user: Actor;
  state: 'open' | 'closed';
  stateReason: string | null;
  /** Label names, in the order they were added. */
  labels: string[];
  assignees: string[];
  locked: boolean;
  isPull: boolean;
  reactions: ReactionState[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface ReactionState {
  id: number;
  content: string;
  user: Actor;
  createdAt: string;
}

export interface CommentEdit {
  at: string;
  by: string;
  previousBody: string;
}

export interface CommentState {
  id: number;
  issueNumber: number;
  body: string;
  user: Actor;
  createdAt: string;
  updatedAt: string;
  reactions: ReactionState[];
  /** Every edit made through PATCH, oldest first. */
  edits: CommentEdit[];
}

export type PullFileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

/** A file of a pull request as seeded by a test (GitHub's diff-entry, plus optional head content). */
export interface PullFileInput {
  filename: string;
  status: PullFileStatus;
  patch?: string;
  additions: number;
  deletions: number;
  previous_filename?: string;
  /** The file's text at the head commit; also readable through the contents API at `headSha`. */
  content?: string;
}

export interface PullState {
  id: number;
  number: number;
  headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  draft: boolean;
  merged: boolean;
  maintainerCanModify: boolean;
  files: PullFileInput[];
  /** Every head sha this pull request has had, oldest first. */
  headHistory: string[];
  /** The files the pull request had at each earlier head sha (review comments resolve against their `commit_id`). */
  filesByHead?: Map<string, PullFileInput[]>;
}

export interface ReviewState {
  id: number;
  pullNumber: number;
  user: Actor;
  body: string;
  state: 'PENDING' | 'COMMENTED' | 'APPROVED' | 'CHANGES_REQUESTED' | 'DISMISSED';
  commitId: string;
  submittedAt: string | null;
}

export interface ReviewCommentState {
  id: number;
  reviewId: number;
  pullNumber: number;
  path: string;
  body: string;
  user: Actor;
  commitId: string;
  line: number | null;
  side: 'LEFT' | 'RIGHT' | null;
  startLine: number | null;
  startSide: 'LEFT' | 'RIGHT' | null;
  position: number | null;
  diffHunk: string;
  subjectType: 'line' | 'file';
  inReplyToId?: number;
  createdAt: string;
  updatedAt: string;
}

export interface CheckRunState {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: Record<string, unknown>[];
  app: Actor;
}

export interface BranchProtection {
  status: number;
  message: string;
}

export interface RepoState {
  id: number;
  owner: Actor;
  name: string;
  fullName: string;
  defaultBranch: string;
  private: boolean;
  installationId: number;
  git: GitStore;
  permissions: Map<string, Permission>;
  issues: Map<number, IssueState>;
  pulls: Map<number, PullState>;
  comments: Map<number, CommentState>;
  reviews: Map<number, ReviewState>;
  reviewComments: Map<number, ReviewCommentState>;
  checkRuns: Map<number, CheckRunState>;
  /** Keyed by lower-case name. */
  labels: Map<string, LabelState>;
  protectedBranches: Map<string, BranchProtection>;
  /** Seeded compare results, keyed `base...head`. */
  compares: Map<string, PullFileInput[]>;
  /**
   * "Allow GitHub Actions to create and approve pull requests" (`can_approve_pull_request_reviews` of
   * GET /repos/{owner}/{repo}/actions/permissions/workflow). Off by default, as GitHub's default for new
   * repositories and organizations: workflow tokens then get 403 on POST /pulls.
   */
  actionsCanCreatePullRequests: boolean;
  nextNumber: number;
}

export interface TokenState {
  token: string;
  installationId: number;
  expiresAt: string;
}

export interface FakeState {
  appId: number;
  appSlug: string;
  bot: Actor;
  repos: Map<string, RepoState>;
  users: Map<string, Actor>;
  /** Installation tokens issued by POST /app/installations/{id}/access_tokens. */
  tokens: Map<string, TokenState>;
  /** Tokens a test mapped to a user (anything else acts as the app's bot). */
  tokenUsers: Map<string, Actor>;
  /** Permissions a mapped token was limited to (a workflow's `permissions:`); absent = all. */
  tokenPermissions: Map<string, Record<string, 'read' | 'write' | 'none'>>;
  /** App JWTs seen (Authorization: Bearer header with three dot-separated parts). */
  jwts: string[];
  installations: Set<number>;
  nextId: () => number;
}

export function repoKey(owner: string, repo: string): string {
  return `${owner}/${repo}`.toLowerCase();
}

export function createState(options: { appId: number; appSlug: string; installationId: number }): FakeState {
  let id = 1000;
  const nextId = () => (id += 1);
  const state: FakeState = {
    appId: options.appId,
    appSlug: options.appSlug,
    bot: { login: `${options.appSlug}[bot]`, id: 41898282 + options.appId, type: 'Bot' },
    repos: new Map(),
    users: new Map(),
    tokens: new Map(),
    tokenUsers: new Map(),
    tokenPermissions: new Map(),
    jwts: [],
    installations: new Set([options.installationId]),
    nextId,
  };
  state.users.set(state.bot.login.toLowerCase(), state.bot);
  return state;
}

/** The user with this login, created on first use with a stable id. */
export function userFor(state: FakeState, login: string, type: Actor['type'] = 'User'): Actor {
  const existing = state.users.get(login.toLowerCase());
  if (existing) return existing;
  const actor: Actor = { login, id: state.nextId(), type: login.endsWith('[bot]') ? 'Bot' : type };
  state.users.set(login.toLowerCase(), actor);
  return actor;
}

export function createRepo(
  state: FakeState,
  input: { owner: string; name: string; defaultBranch: string; private: boolean; installationId: number; ownerType: Actor['type'] },
): RepoState {
  const owner = userFor(state, input.owner, input.ownerType);
  const git = new GitStore(`${input.owner}/${input.name}`);
  const initial = git.putCommit({ tree: git.emptyTree().sha, parents: [], message: 'Initial commit' });
  git.refs.set(`heads/${input.defaultBranch}`, initial.sha);
  const repo: RepoState = {
    id: state.nextId(),
    owner,
    name: input.name,
    fullName: `${input.owner}/${input.name}`,
    defaultBranch: input.defaultBranch,
    private: input.private,
    installationId: input.installationId,
    git,
    permissions: new Map(),
    issues: new Map(),
    pulls: new Map(),
    comments: new Map(),
    reviews: new Map(),
    reviewComments: new Map(),
    checkRuns: new Map(),
    labels: new Map(),
    protectedBranches: new Map(),
    compares: new Map(),
    actionsCanCreatePullRequests: false,
    nextNumber: 1,
  };
  if (owner.type === 'User') repo.permissions.set(owner.login.toLowerCase(), 'admin');
  state.installations.add(input.installationId);
  state.repos.set(repoKey(input.owner, input.name), repo);
  return repo;
}

export function ensureLabel(state: FakeState, repo: RepoState, name: string): LabelState {
  const key = name.toLowerCase();
  const existing = repo.labels.get(key);
  if (existing) return existing;
  const label: LabelState = { id: state.nextId(), name, color: 'ededed', description: null, default: false };
  repo.labels.set(key, label);
  return label;
}
