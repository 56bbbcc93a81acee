/**
 * What a route handler of the fake GitHub receives and returns, and the errors it throws.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Shapes } from './fakeGitHubShapes.js';
import { DOCS } from './fakeGitHubShapes.js';
import type { Actor, FakeState, RepoState } from './fakeGitHubState.js';
import { repoKey } from './fakeGitHubState.js';

export type ViolationKind = 'unknown-operation' | 'invalid-body' | 'invalid-query' | 'not-implemented' | 'invalid-response' | 'contract';

export interface Violation {
  kind: ViolationKind;
  method: string;
  path: string;
  template?: string;
  message: string;
  details: string[];
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as-is instead of JSON (raw file contents, diffs). */
  raw?: string | Buffer;
  contentType?: string;
}

export interface RouteContext {
  method: string;
  path: string;
  template: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** Who is calling: the app's bot for installation tokens, a mapped user, or undefined. */
  actor: Actor | undefined;
  authKind: 'none' | 'jwt' | 'token';
  /** What a mapped token was limited to (a workflow's `permissions:`); undefined = everything. */
  tokenPermissions?: Record<string, 'read' | 'write' | 'none'>;
  state: FakeState;
  shapes: Shapes;
  /** Base URL of the fake, e.g. http://127.0.0.1:1234 */
  api: string;
  forbidEditingOthersComments: boolean;
  violation(kind: ViolationKind, message: string, details?: string[]): void;
}

export type RouteHandler = (ctx: RouteContext) => RouteResult;
/** Keyed by `METHOD /template` exactly as in GitHub's OpenAPI description. */
export type Routes = Record<string, RouteHandler>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message));
  }
}

function docs(status: number): { documentation_url: string; status: string } {
  return { documentation_url: DOCS, status: String(status) };
}

export function notFound(message = 'Not Found'): HttpError {
  return new HttpError(404, { message, ...docs(404) });
}

/** GitHub's 422 shape; `errors` may be strings (reviews) or objects (validation failures). */
export function unprocessable(message: string, errors?: unknown[]): HttpError {
  return new HttpError(422, { message, ...(errors ? { errors } : {}), ...docs(422) });
}

export function forbidden(message: string): HttpError {
  return new HttpError(403, { message, ...docs(403) });
}

export function httpError(status: number, message: string): HttpError {
  return new HttpError(status, { message, ...docs(status) });
}

export function requireRepo(ctx: RouteContext): RepoState {
  const owner = ctx.params.owner ?? '';
  const name = ctx.params.repo ?? '';
  const repo = ctx.state.repos.get(repoKey(owner, name));
  if (!repo) throw notFound();
  if (repo.private && ctx.authKind === 'none') throw notFound();
  return repo;
}

/** The caller must be authenticated (any token); GitHub answers 401 otherwise. */
export function requireActor(ctx: RouteContext): Actor {
  if (!ctx.actor) throw new HttpError(401, { message: 'Requires authentication', ...docs(401) });
  return ctx.actor;
}

export function intParam(ctx: RouteContext, name: string): number {
  const value = Number(ctx.params[name]);
  if (!Number.isInteger(value)) throw notFound();
  return value;
}

export function bodyObject(ctx: RouteContext): Record<string, unknown> {
  return typeof ctx.body === 'object' && ctx.body !== null && !Array.isArray(ctx.body) ? (ctx.body as Record<string, unknown>) : {};
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** GitHub-style pagination (`per_page` ≤ 100, `page` from 1) with a Link header. */
export function paginate(ctx: RouteContext, items: unknown[], options: { cap?: number; status?: number } = {}): RouteResult {
  const list = options.cap !== undefined ? items.slice(0, options.cap) : items;
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(list.length / perPage));
  const body = list.slice((page - 1) * perPage, page * perPage);
  const link = (target: number) => {
    const query = new URLSearchParams(ctx.query);
    query.set('per_page', String(perPage));
    query.set('page', String(target));
    return `<${ctx.api}${ctx.path}?${query.toString()}>`;
  };
  const parts: string[] = [];
  if (page > 1) parts.push(`${link(page - 1)}; rel="prev"`);
  if (page < last) parts.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
  if (page > 1) parts.push(`${link(1)}; rel="first"`);
  return { status: options.status ?? 200, body, headers: parts.length > 0 ? { link: parts.join(', ') } : {} };
}
