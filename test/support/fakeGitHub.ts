/**
 * A stateful fake of GitHub's REST API, speaking real HTTP on 127.0.0.1 (random port), for tests
 * that drive the real app (Probot 14) and the real @octokit/rest client.
 *
 * Every request is checked against GitHub's OpenAPI description (@octokit/openapi): a request with no
 * matching operation, an invalid JSON body or a badly typed query parameter is recorded in
 * `violations` and answered with an error that says what was wrong. Endpoints the fake does not
 * implement answer 404 and are recorded too. `assertNoViolations()` throws with the list.
 *
 *   const gh = await startFakeGitHub();
 *   gh.addRepo({ owner: 'acme', name: 'api' });
 *   const octokit = new Octokit({ baseUrl: gh.url, auth: 'x' });             // @octokit/rest
 *   const probot = new Probot({ appId: 1, privateKey, secret: 'test', baseUrl: gh.url });
 *   // or createTestProbot(gh.url) from ./fakeGitHubProbot.js: same, minus write throttling/retries
 *   ...
 *   gh.assertNoViolations();
 *   await gh.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { nowIso } from './fakeGitHubGit.js';
import { hasOperation, loadOpenApi, matchOperation, validateQuery, validateRequestBody, validateResponseBody } from './fakeGitHubOpenApi.js';
import { applyPullFiles, commitToBranch } from './fakeGitHubOps.js';
import { HttpError, type RouteContext, type RouteResult, type Routes, type Violation, type ViolationKind } from './fakeGitHubRouting.js';
import { appRoutes } from './fakeGitHubRoutesApp.js';
import { gitRoutes } from './fakeGitHubRoutesGit.js';
import { issueRoutes } from './fakeGitHubRoutesIssues.js';
import { pullRoutes } from './fakeGitHubRoutesPulls.js';
import { hookRoutes } from './fakeGitHubRoutesHooks.js';
import { DOCS, makeShapes } from './fakeGitHubShapes.js';
import { createFakeRateLimits, type FakeRateLimitOptions } from './fakeGitHubRateLimits.js';
import {
  createRepo,
  createState,
  ensureLabel,
  repoKey,
  userFor,
  type Actor,
  type CheckRunState,
  type CommentState,
  type FakeState,
  type IssueState,
  type Permission,
  type PullFileInput,
  type PullState,
  type RepoState,
  type ReviewCommentState,
  type ReviewState,
} from './fakeGitHubState.js';

export type { Violation, ViolationKind } from './fakeGitHubRouting.js';
export type {
  Actor,
  CheckRunState,
  CommentState,
  FakeState,
  IssueState,
  Permission,
  PullFileInput,
  PullState,
  RepoState,
  ReviewCommentState,
  ReviewState,
} from './fakeGitHubState.js';

export const routes: Routes = { ...appRoutes, ...issueRoutes, ...pullRoutes, ...gitRoutes, ...hookRoutes };

export interface FakeGitHubOptions {
  /** The app's id (GET /app). Default 1. */
  appId?: number;
  /** The app's slug; the bot login is `<slug>[bot]`. Default `agency-architect`. */
  appSlug?: string;
  /** Installation of every repository added without one. Default 1. */
  installationId?: number;
  /** Delay before each response, in milliseconds (a number, or a function of the request). */
  latencyMs?: number | ((method: string, path: string) => number);
  /** Validate the fake's own JSON responses against the documented schemas (slower). Default false. */
  validateResponses?: boolean;
  /** Answer 403 and record a `contract` violation when someone edits another user's comment. Default true. */
  forbidEditingOthersComments?: boolean;
  /** GitHub's primary and secondary rate limits per installation (fakeGitHubRateLimits.ts). Default on; `false` turns them off. */
  rateLimits?: FakeRateLimitOptions | false;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, as sent (percent-encoded). */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, the raw text when it was not JSON, or undefined. */
  body: unknown;
  status: number;
  /** The OpenAPI path template that matched, e.g. `/repos/{owner}/{repo}/issues/{issue_number}`. */
  template?: string;
  operationId?: string;
  /** Login of the caller (`agency-architect[bot]` for installation tokens), `app` for a JWT. */
  actor?: string;
  response: unknown;
}

export interface FailNextOptions {
  /** How many matching requests fail. Default 1. */
  times?: number;
  headers?: Record<string, string>;
  /** Let this many matching requests through first (e.g. fail the second `POST /git/refs` of a job). Default 0. */
  after?: number;
}

export interface AddRepoInput {
  owner: string;
  name: string;
  defaultBranch?: string;
  private?: boolean;
  ownerType?: 'User' | 'Organization';
  installationId?: number;
}

export interface AddIssueInput {
  owner: string;
  repo: string;
  number?: number;
  title?: string;
  body?: string | null;
  /** Author login. Default `octocat`. */
  user?: string;
  labels?: string[];
  state?: 'open' | 'closed';
  assignees?: string[];
}

export interface AddPullRequestInput extends Omit<AddIssueInput, 'state'> {
  /** Head commit sha. A new commit with this sha is made when unknown. Default: generated. */
  headSha?: string;
  /** Base commit sha; the base branch is moved to it. Default: the base branch's head. */
  baseSha?: string;
  /** Default `pr-<number>`. */
  headRef?: string;
  /** Default: the repository's default branch. */
  baseRef?: string;
  files: PullFileInput[];
  draft?: boolean;
  state?: 'open' | 'closed';
}

export interface AddCommentInput {
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  /** Author login. Default `octocat`. Use `gh.botLogin` for a comment by the app. */
  user?: string;
}

export interface FakeGitHub {
  /** e.g. `http://127.0.0.1:54321`: pass as `baseUrl` to Octokit and Probot. */
  url: string;
  botLogin: string;
  state: FakeState;
  requests: RecordedRequest[];
  violations: Violation[];
  /** Every request that is not a GET or HEAD, in order. */
  writes(): RecordedRequest[];
  assertNoViolations(): void;
  /** Resolves when `predicate()` is true (checked after every request and every 10 ms). */
  waitFor(predicate: () => boolean, options?: { timeoutMs?: number; message?: string }): Promise<void>;
  close(): Promise<void>;

  addRepo(input: AddRepoInput): RepoState;
  /** 'none' answers `permission: none`; a login never given a permission answers 404. */
  setPermission(owner: string, repo: string, login: string, permission: Permission | undefined): void;
  addIssue(input: AddIssueInput): IssueState;
  addPullRequest(input: AddPullRequestInput): PullState;
  /** A new push to a pull request: new head commit, and the full new list of files (relative to base). */
  pushToPullRequest(owner: string, repo: string, number: number, input: { headSha?: string; files: PullFileInput[]; force?: boolean }): PullState;
  /** Sets (or with null, deletes) a file at a branch (new commit) or at a commit sha (in place). Returns the commit sha. */
  setFile(owner: string, repo: string, ref: string, path: string, content: string | Buffer | null): string;
  readFile(owner: string, repo: string, ref: string, path: string): string | undefined;
  addComment(input: AddCommentInput): CommentState;
  addLabel(owner: string, repo: string, name: string, options?: { color?: string; description?: string }): void;
  /** Files `GET /compare/{base}...{head}` returns for exactly these specs (instead of a tree diff). */
  setCompare(owner: string, repo: string, base: string, head: string, files: PullFileInput[]): void;
  /** Ref updates, deletes and contents writes to the branch fail (default 422 "Protected branch update failed ..."). */
  protectBranch(owner: string, repo: string, branch: string, options?: { status?: number; message?: string }): void;
  /** Removes a commit, as after a force-push and garbage collection: compare with it answers 404. */
  forgetCommit(owner: string, repo: string, sha: string): void;
  /**
   * Requests with this token act as this user instead of the app's bot. `permissions` limits a workflow
   * token like a workflow's `permissions:` block (e.g. `{ checks: 'read' }`); absent = everything.
   */
  mapToken(token: string, login: string, type?: Actor['type'], permissions?: Record<string, 'read' | 'write' | 'none'>): void;
  /**
   * The next request(s) matching fail with `status`. `pathPattern`: an OpenAPI template
   * (`/repos/{owner}/{repo}/pulls/{pull_number}/reviews`), a path with `*` wildcards, an exact path,
   * or a RegExp tested on the path. `method` may be `*`.
   */
  failNext(method: string, pathPattern: string | RegExp, status: number, body?: unknown, options?: FailNextOptions): void;

  repo(owner: string, repo: string): RepoState;
  comments(owner: string, repo: string, issueNumber: number): CommentState[];
  reviews(owner: string, repo: string, pullNumber: number): (ReviewState & { comments: ReviewCommentState[] })[];
  checkRuns(owner: string, repo: string): CheckRunState[];
}

interface Fault {
  method: string;
  pattern: string | RegExp;
  status: number;
  body: unknown;
  remaining: number;
  headers: Record<string, string>;
  after: number;
}

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Bad credentials',
  403: 'Resource not accessible by integration',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'API rate limit exceeded',
  500: 'Server Error',
  502: 'Server Error',
  503: 'Service Unavailable',
};

function faultMatches(fault: Fault, method: string, path: string, template: string | undefined): boolean {
  if (fault.method !== '*' && fault.method.toUpperCase() !== method) return false;
  if (fault.pattern instanceof RegExp) return fault.pattern.test(path);
  if (fault.pattern.includes('{')) return template === fault.pattern;
  if (fault.pattern.includes('*')) {
    const source = fault.pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    return new RegExp(`^${source}$`).test(path);
  }
  return fault.pattern === path || decodeURIComponent(path) === fault.pattern;
}

function decodeJwt(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof header.alg !== 'string') return undefined;
    return JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Templates an app JWT may call; everything else needs an installation (or user) token. */
function jwtAllowed(template: string): boolean {
  return template.startsWith('/app') || /^\/(repos\/\{owner\}\/\{repo\}|orgs\/\{org\}|users\/\{username\})\/installation$/.test(template);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  // Read GitHub's description now (once per process, ~0.3 s) rather than inside the first request.
  loadOpenApi();
  const installationId = options.installationId ?? 1;
  const state = createState({ appId: options.appId ?? 1, appSlug: options.appSlug ?? 'agency-architect', installationId });
  const requests: RecordedRequest[] = [];
  const violations: Violation[] = [];
  const faults: Fault[] = [];
  const waiters = new Set<() => void>();
  let api = '';
  let requestCounter = 0;
  const rateLimits = createFakeRateLimits(options.rateLimits);
  /** x-ratelimit-* headers of the request being answered (processRequest and send run in one tick). */
  let rateHeaders: Record<string, string> = {};

  const recordViolation = (kind: ViolationKind, method: string, path: string, template: string | undefined, message: string, details: string[] = []) => {
    violations.push({ kind, method, path, ...(template ? { template } : {}), message, details });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // GitHub Enterprise Server serves the REST API under /api/v3 (Probot's base URL with GHE_HOST):
    // http(s)://HOSTNAME/api/v3 (https://docs.github.com/en/enterprise-server@3.10/rest/enterprise-admin#endpoint-urls)
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '');
    const rawBody = await readBody(req);
    const latency = typeof options.latencyMs === 'function' ? options.latencyMs(method, path) : (options.latencyMs ?? 0);
    if (latency > 0) await sleep(latency);

    const record: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams.entries()),
      body: undefined,
      status: 0,
      response: undefined,
    };
    let result: RouteResult;
    rateHeaders = {};
    try {
      result = processRequest(method, path, url.searchParams, rawBody, req, record);
    } catch (error) {
      if (error instanceof HttpError) {
        result = { status: error.status, body: error.body };
      } else {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        recordViolation('contract', method, path, record.template, `fake GitHub crashed: ${message}`);
        result = { status: 500, body: { message: `Fake GitHub crashed: ${message}` } };
      }
    }

    if (options.validateResponses && record.template && result.raw === undefined && result.status !== 204) {
      const match = matchOperation(method, path);
      if (match) {
        const problems = validateResponseBody(match.operation, result.status, result.body);
        if (problems.length > 0) {
          recordViolation('invalid-response', method, path, record.template, `the fake's ${result.status} response does not match GitHub's schema`, problems);
        }
      }
    }

    record.status = result.status;
    record.response = result.body;
    requests.push(record);
    send(res, result);
    for (const wake of [...waiters]) wake();
  }

  function processRequest(method: string, path: string, query: URLSearchParams, rawBody: Buffer, req: IncomingMessage, record: RecordedRequest): RouteResult {
    const text = rawBody.toString('utf8');
    const hasBody = text.trim() !== '';
    let body: unknown;
    let jsonError = false;
    if (hasBody) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
        jsonError = true;
      }
    }
    record.body = body;

    const match = matchOperation(method, path);
    if (!match) {
      const message = `no operation in GitHub's OpenAPI description matches ${method} ${path}`;
      recordViolation('unknown-operation', method, path, undefined, message);
      return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404', fake_github: message } };
    }
    const { operation, params } = match;
    record.template = operation.template;
    record.operationId = operation.operationId;

    if (jsonError && operation.requestSchema) {
      recordViolation('invalid-body', method, path, operation.template, 'the request body is not valid JSON', [text.slice(0, 200)]);
      return { status: 400, body: { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' } };
    }
    const bodyProblems = validateRequestBody(operation, body, hasBody);
    if (bodyProblems.length > 0) {
      const message = `the body of ${method} ${operation.template} (${operation.operationId}) does not match GitHub's schema`;
      recordViolation('invalid-body', method, path, operation.template, message, bodyProblems);
      return {
        status: 422,
        body: { message: `Invalid request.\n\n${bodyProblems.join('\n')}`, documentation_url: DOCS, status: '422', fake_github: message },
      };
    }
    const queryProblems = validateQuery(operation, query);
    if (queryProblems.length > 0) {
      const message = `the query of ${method} ${operation.template} (${operation.operationId}) does not match GitHub's description`;
      recordViolation('invalid-query', method, path, operation.template, message, queryProblems);
      return { status: 422, body: { message: `Invalid request.\n\n${queryProblems.join('\n')}`, documentation_url: DOCS, status: '422', fake_github: message } };
    }

    const fault = faults.find((candidate) => candidate.remaining > 0 && faultMatches(candidate, method, path, operation.template));
    if (fault && fault.after > 0) fault.after -= 1;
    else if (fault) {
      fault.remaining -= 1;
      if (fault.remaining === 0) faults.splice(faults.indexOf(fault), 1);
      return { status: fault.status, body: fault.body, headers: fault.headers };
    }

    // Authentication: an app JWT, an installation token (the app's bot), or a mapped user token.
    const authorization = String(req.headers.authorization ?? '');
    const credential = authorization.replace(/^(token|bearer|basic)\s+/i, '').trim();
    let actor: Actor | undefined;
    let authKind: RouteContext['authKind'] = 'none';
    if (credential !== '') {
      const jwt = decodeJwt(credential);
      if (jwt) {
        authKind = 'jwt';
        state.jwts.push(credential);
        record.actor = 'app';
        if (!jwtAllowed(operation.template)) {
          const message = `an app JWT was used for ${method} ${operation.template}; only /app endpoints accept it (authenticate as an installation)`;
          recordViolation('contract', method, path, operation.template, message);
          return { status: 401, body: { message: 'A JSON web token could not be decoded', documentation_url: DOCS, status: '401', fake_github: message } };
        }
      } else {
        authKind = 'token';
        actor = state.tokenUsers.get(credential) ?? state.bot;
        record.actor = actor.login;
        const installationOfToken = state.tokens.get(credential)?.installationId;
        const admission = rateLimits.admit(installationOfToken !== undefined ? `installation ID ${installationOfToken}` : `token ${credential.slice(0, 8)}`, method);
        rateHeaders = admission.headers;
        if (admission.refusal) return admission.refusal;
      }
    }

    const handler = routes[`${method} ${operation.template}`];
    if (!handler) {
      const message = `the fake GitHub does not implement ${method} ${operation.template} (${operation.operationId})`;
      recordViolation('not-implemented', method, path, operation.template, message);
      return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404', fake_github: message } };
    }
    const ctx: RouteContext = {
      method,
      path,
      template: operation.template,
      params,
      query,
      body,
      headers: req.headers,
      actor,
      authKind,
      tokenPermissions: authKind === 'token' ? state.tokenPermissions.get(credential) : undefined,
      state,
      shapes,
      api,
      forbidEditingOthersComments: options.forbidEditingOthersComments ?? true,
      violation: (kind, message, details) => recordViolation(kind, method, path, operation.template, message, details),
    };
    return handler(ctx);
  }

  function send(res: ServerResponse, result: RouteResult): void {
    requestCounter += 1;
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const headers: Record<string, string> = {
      'x-github-request-id': `FAKE:${requestCounter}`,
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-used': '1',
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-resource': 'core',
      ...rateHeaders,
      ...(result.headers ?? {}),
    };
    if (result.status === 204 || result.status === 304) {
      res.writeHead(result.status, headers);
      res.end();
      return;
    }
    if (result.raw !== undefined) {
      res.writeHead(result.status, { ...headers, 'content-type': result.contentType ?? 'text/plain; charset=utf-8' });
      res.end(result.raw);
      return;
    }
    const payload = JSON.stringify(result.body ?? {});
    res.writeHead(result.status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(payload)) });
    res.end(payload);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: `Fake GitHub crashed: ${String(error)}` }));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  api = `http://127.0.0.1:${address.port}`;
  const shapes = makeShapes(api, state);

  const getRepo = (owner: string, name: string): RepoState => {
    const repo = state.repos.get(repoKey(owner, name));
    if (!repo) throw new Error(`fake GitHub: no repository ${owner}/${name}; call addRepo first`);
    return repo;
  };

  const claimNumber = (repo: RepoState, number: number | undefined): number => {
    const chosen = number ?? repo.nextNumber;
    if (repo.issues.has(chosen)) throw new Error(`fake GitHub: ${repo.fullName}#${chosen} already exists`);
    repo.nextNumber = Math.max(repo.nextNumber, chosen + 1);
    return chosen;
  };

  const makeIssue = (repo: RepoState, input: AddIssueInput, isPull: boolean): IssueState => {
    const number = claimNumber(repo, input.number);
    const now = nowIso();
    const issue: IssueState = {
      id: state.nextId(),
      number,
      title: input.title ?? (isPull ? `Pull request ${number}` : `Issue ${number}`),
      body: input.body === undefined ? '' : input.body,
      user: userFor(state, input.user ?? 'octocat'),
      state: input.state ?? 'open',
      stateReason: input.state === 'closed' ? 'completed' : null,
      labels: (input.labels ?? []).map((name) => ensureLabel(state, repo, name).name),
      assignees: input.assignees ?? [],
      locked: false,
      isPull,
      reactions: [],
      createdAt: now,
      updatedAt: now,
      closedAt: input.state === 'closed' ? now : null,
    };
    repo.issues.set(number, issue);
    return issue;
  };

  const gh: FakeGitHub = {
    url: api,
    botLogin: state.bot.login,
    state,
    requests,
    violations,
    writes: () => requests.filter((request) => request.method !== 'GET' && request.method !== 'HEAD'),
    assertNoViolations() {
      if (violations.length === 0) return;
      const lines = violations.map(
        (violation) =>
          `- [${violation.kind}] ${violation.method} ${violation.path}: ${violation.message}` +
          violation.details.map((detail) => `\n    ${detail}`).join(''),
      );
      throw new Error(`fake GitHub recorded ${violations.length} violation(s):\n${lines.join('\n')}`);
    },
    async waitFor(predicate, waitOptions = {}) {
      const timeoutMs = waitOptions.timeoutMs ?? 5000;
      if (predicate()) return;
      await new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!predicate()) return;
          cleanup();
          resolve();
        };
        const interval = setInterval(check, 10);
        const timer = setTimeout(() => {
          cleanup();
          const last = requests
            .slice(-10)
            .map((request) => `${request.method} ${request.path} → ${request.status}`)
            .join('\n  ');
          reject(new Error(`fake GitHub: timed out after ${timeoutMs} ms waiting for ${waitOptions.message ?? 'a condition'}; last requests:\n  ${last}`));
        }, timeoutMs);
        const cleanup = () => {
          clearInterval(interval);
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),

    addRepo(input) {
      return createRepo(state, {
        owner: input.owner,
        name: input.name,
        defaultBranch: input.defaultBranch ?? 'main',
        private: input.private ?? false,
        installationId: input.installationId ?? installationId,
        ownerType: input.ownerType ?? 'Organization',
      });
    },

    setPermission(owner, name, login, permission) {
      const repo = getRepo(owner, name);
      userFor(state, login);
      if (permission === undefined) repo.permissions.delete(login.toLowerCase());
      else repo.permissions.set(login.toLowerCase(), permission);
    },

    addIssue(input) {
      return makeIssue(getRepo(input.owner, input.repo), input, false);
    },

    addPullRequest(input) {
      const repo = getRepo(input.owner, input.repo);
      const issue = makeIssue(repo, { ...input, state: input.state ?? 'open' }, true);
      const baseRef = input.baseRef ?? repo.defaultBranch;
      const headRef = input.headRef ?? `pr-${issue.number}`;
      const git = repo.git;
      const baseTip = git.resolveCommit(`heads/${baseRef}`);
      let base = input.baseSha ? git.commits.get(input.baseSha) : baseTip;
      if (!base) {
        const tree = baseTip ? git.treeOf(baseTip) : git.emptyTree();
        base = git.putCommit({ tree: tree.sha, parents: baseTip ? [baseTip.sha] : [], message: `Base of #${issue.number}`, sha: input.baseSha });
      }
      if (!baseTip || git.isAncestor(baseTip.sha, base.sha)) git.refs.set(`heads/${baseRef}`, base.sha);
      let head = input.headSha ? git.commits.get(input.headSha) : undefined;
      if (head) {
        head.tree = applyPullFiles(repo, git.treeOf(head), input.files).sha;
      } else {
        const tree = applyPullFiles(repo, git.treeOf(base), input.files);
        head = git.putCommit({ tree: tree.sha, parents: [base.sha], message: `Head of #${issue.number}`, sha: input.headSha });
      }
      git.refs.set(`heads/${headRef}`, head.sha);
      const pull: PullState = {
        id: state.nextId(),
        number: issue.number,
        headRef,
        headSha: head.sha,
        baseRef,
        baseSha: base.sha,
        draft: input.draft ?? false,
        merged: false,
        maintainerCanModify: true,
        files: input.files.map((file) => ({ ...file })),
        headHistory: [head.sha],
      };
      repo.pulls.set(pull.number, pull);
      return pull;
    },

    pushToPullRequest(owner, name, number, input) {
      const repo = getRepo(owner, name);
      const pull = repo.pulls.get(number);
      if (!pull) throw new Error(`fake GitHub: no pull request ${owner}/${name}#${number}`);
      const git = repo.git;
      const previous = git.commits.get(pull.headSha);
      const parent = input.force ? git.commits.get(pull.baseSha) : previous;
      const tree = applyPullFiles(repo, previous ? git.treeOf(previous) : undefined, input.files);
      const head = git.putCommit({ tree: tree.sha, parents: parent ? [parent.sha] : [], message: `Push to #${number}`, sha: input.headSha });
      if (input.force && previous) git.commits.delete(previous.sha);
      (pull.filesByHead ??= new Map()).set(pull.headSha, pull.files);
      git.refs.set(`heads/${pull.headRef}`, head.sha);
      pull.headSha = head.sha;
      pull.headHistory.push(head.sha);
      pull.files = input.files.map((file) => ({ ...file }));
      const issue = repo.issues.get(number);
      if (issue) issue.updatedAt = nowIso();
      return pull;
    },

    setFile(owner, name, ref, path, content) {
      const repo = getRepo(owner, name);
      const git = repo.git;
      const changes = new Map<string, Buffer | null>([[path.replace(/^\/+/, ''), content === null ? null : Buffer.isBuffer(content) ? content : Buffer.from(content)]]);
      const branch = ref.replace(/^(refs\/)?heads\//, '');
      if (git.refs.has(`heads/${branch}`)) return commitToBranch(repo, branch, changes, `Set ${path}`).sha;
      const commit = git.commits.get(ref);
      if (commit) {
        commit.tree = git.withFiles(git.treeOf(commit), changes).sha;
        return commit.sha;
      }
      if (/^[0-9a-f]{7,40}$/i.test(ref)) {
        return git.putCommit({ tree: git.withFiles(undefined, changes).sha, parents: [], message: `Seeded ${ref}`, sha: ref }).sha;
      }
      return commitToBranch(repo, branch, changes, `Set ${path}`).sha;
    },

    readFile(owner, name, ref, path) {
      const repo = getRepo(owner, name);
      const commit = repo.git.resolveCommit(ref);
      return commit ? repo.git.read(repo.git.treeOf(commit), path)?.toString('utf8') : undefined;
    },

    addComment(input) {
      const repo = getRepo(input.owner, input.repo);
      const issue = repo.issues.get(input.issueNumber);
      if (!issue) throw new Error(`fake GitHub: no issue ${repo.fullName}#${input.issueNumber}`);
      const now = nowIso();
      const comment: CommentState = {
        id: state.nextId(),
        issueNumber: issue.number,
        body: input.body,
        user: userFor(state, input.user ?? 'octocat'),
        createdAt: now,
        updatedAt: now,
        reactions: [],
        edits: [],
      };
      repo.comments.set(comment.id, comment);
      return comment;
    },

    addLabel(owner, name, label, labelOptions = {}) {
      const item = ensureLabel(state, getRepo(owner, name), label);
      if (labelOptions.color) item.color = labelOptions.color;
      if (labelOptions.description !== undefined) item.description = labelOptions.description;
    },

    setCompare(owner, name, base, head, files) {
      getRepo(owner, name).compares.set(`${base}...${head}`, files);
    },

    protectBranch(owner, name, branch, protection = {}) {
      getRepo(owner, name).protectedBranches.set(branch, {
        status: protection.status ?? 422,
        message: protection.message ?? `Protected branch update failed for refs/heads/${branch}.`,
      });
    },

    forgetCommit(owner, name, sha) {
      getRepo(owner, name).git.commits.delete(sha);
    },

    mapToken(token, login, type = 'User', permissions) {
      state.tokenUsers.set(token, userFor(state, login, type));
      if (permissions) state.tokenPermissions.set(token, permissions);
    },

    failNext(method, pathPattern, status, body, failOptions = {}) {
      faults.push({
        method: method.toUpperCase(),
        pattern: pathPattern,
        status,
        body: body ?? { message: DEFAULT_MESSAGES[status] ?? 'Error', documentation_url: DOCS, status: String(status) },
        remaining: failOptions.times ?? 1,
        headers: failOptions.headers ?? {},
        after: failOptions.after ?? 0,
      });
    },

    repo: getRepo,
    comments: (owner, name, issueNumber) =>
      [...getRepo(owner, name).comments.values()].filter((comment) => comment.issueNumber === issueNumber).sort((a, b) => a.id - b.id),
    reviews: (owner, name, pullNumber) => {
      const repo = getRepo(owner, name);
      return [...repo.reviews.values()]
        .filter((review) => review.pullNumber === pullNumber)
        .sort((a, b) => a.id - b.id)
        .map((review) => ({ ...review, comments: [...repo.reviewComments.values()].filter((comment) => comment.reviewId === review.id) }));
    },
    checkRuns: (owner, name) => [...getRepo(owner, name).checkRuns.values()],
  };
  return gh;
}

/** Route keys that are not operations of GitHub's OpenAPI description (should be empty). */
export function routesMissingFromOpenApi(): string[] {
  return Object.keys(routes).filter((key) => {
    const space = key.indexOf(' ');
    return !hasOperation(key.slice(0, space), key.slice(space + 1));
  });
}
