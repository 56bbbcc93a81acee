/**
 * App authentication, repositories, collaborators' permissions and labels.
 */
import { randomBytes } from 'node:crypto';
import {
  bodyObject,
  forbidden,
  HttpError,
  intParam,
  notFound,
  paginate,
  requireActor,
  requireRepo,
  str,
  unprocessable,
  type RouteContext,
  type Routes,
} from './fakeGitHubRouting.js';
import { appPermissions } from './fakeGitHubShapes.js';
import type { Permission } from './fakeGitHubState.js';
import { ensureLabel } from './fakeGitHubState.js';

function requireJwt(ctx: RouteContext): void {
  if (ctx.authKind !== 'jwt') {
    throw new HttpError(401, {
      message: 'A JSON web token could not be decoded',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });
  }
}

const ROLE_TO_PERMISSION: Record<Permission, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};

/** A GitHub App's account: `name[bot]` (user logins cannot contain brackets) or a user of type Bot. */
function isBotAccount(ctx: RouteContext, login: string): boolean {
  return login.toLowerCase().endsWith('[bot]') || ctx.state.users.get(login.toLowerCase())?.type === 'Bot';
}

export const appRoutes: Routes = {
  'GET /app': (ctx) => {
    requireJwt(ctx);
    return { status: 200, body: ctx.shapes.app() };
  },

  'GET /repos/{owner}/{repo}/installation': (ctx) => {
    requireJwt(ctx);
    const repo = requireRepo(ctx);
    return { status: 200, body: ctx.shapes.installation(repo.installationId, repo.owner) };
  },

  'GET /app/installations/{installation_id}': (ctx) => {
    requireJwt(ctx);
    const id = intParam(ctx, 'installation_id');
    if (!ctx.state.installations.has(id)) throw notFound();
    const repo = [...ctx.state.repos.values()].find((item) => item.installationId === id);
    return { status: 200, body: ctx.shapes.installation(id, repo?.owner ?? ctx.state.bot) };
  },

  'POST /app/installations/{installation_id}/access_tokens': (ctx) => {
    requireJwt(ctx);
    const id = intParam(ctx, 'installation_id');
    if (!ctx.state.installations.has(id)) throw notFound();
    const token = `ghs_${randomBytes(18).toString('base64url')}`;
    const expiresAt = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    ctx.state.tokens.set(token, { token, installationId: id, expiresAt });
    const requested = bodyObject(ctx).permissions;
    return {
      status: 201,
      body: {
        token,
        expires_at: expiresAt,
        permissions: typeof requested === 'object' && requested !== null ? requested : appPermissions(),
        repository_selection: 'all',
      },
    };
  },

  'GET /user': (ctx) => {
    const actor = requireActor(ctx);
    // Installation tokens (and Actions' GITHUB_TOKEN) are not users: GitHub answers 403 here.
    if (actor.type === 'Bot') throw forbidden('Resource not accessible by integration');
    return {
      status: 200,
      body: {
        ...ctx.shapes.user(actor),
        name: null,
        company: null,
        blog: '',
        location: null,
        email: null,
        hireable: null,
        bio: null,
        public_repos: 0,
        public_gists: 0,
        followers: 0,
        following: 0,
        created_at: '2024-01-01T00:00:00Z',
        updated_at: '2024-01-01T00:00:00Z',
      },
    };
  },

  'GET /repos/{owner}/{repo}': (ctx) => {
    const repo = requireRepo(ctx);
    return { status: 200, body: ctx.shapes.repository(repo, { admin: false, push: true, pull: true }) };
  },

  'GET /repos/{owner}/{repo}/collaborators/{username}/permission': (ctx) => {
    const repo = requireRepo(ctx);
    const login = ctx.params.username ?? '';
    // Bot accounts (GitHub Apps, `name[bot]`) are never collaborators: GitHub answers 404 for them, even
    // for an app installed with write access (https://docs.github.com/en/rest/collaborators/collaborators#get-repository-permissions-for-a-user).
    if (isBotAccount(ctx, login)) throw notFound(`${login} is not a user`);
    const role = repo.permissions.get(login.toLowerCase());
    if (role === undefined) throw notFound(`${login} is not a user`);
    const user = ctx.state.users.get(login.toLowerCase()) ?? { login, id: 0, type: 'User' as const };
    const permission = ROLE_TO_PERMISSION[role];
    return {
      status: 200,
      body: {
        permission,
        role_name: role,
        user: {
          ...ctx.shapes.user(user),
          permissions: {
            admin: role === 'admin',
            maintain: role === 'admin' || role === 'maintain',
            push: permission === 'admin' || permission === 'write',
            triage: role !== 'read' && role !== 'none',
            pull: role !== 'none',
          },
          role_name: role,
        },
      },
    };
  },

  'GET /repos/{owner}/{repo}/collaborators/{username}': (ctx) => {
    const repo = requireRepo(ctx);
    const role = repo.permissions.get((ctx.params.username ?? '').toLowerCase());
    if (role === undefined || role === 'none' || isBotAccount(ctx, ctx.params.username ?? '')) throw notFound();
    return { status: 204 };
  },

  'GET /repos/{owner}/{repo}/labels': (ctx) => {
    const repo = requireRepo(ctx);
    return paginate(
      ctx,
      [...repo.labels.values()].map((label) => ctx.shapes.label(repo, label)),
    );
  },

  'GET /repos/{owner}/{repo}/labels/{name}': (ctx) => {
    const repo = requireRepo(ctx);
    const label = repo.labels.get((ctx.params.name ?? '').toLowerCase());
    if (!label) throw notFound();
    return { status: 200, body: ctx.shapes.label(repo, label) };
  },

  'POST /repos/{owner}/{repo}/labels': (ctx) => {
    requireActor(ctx);
    const repo = requireRepo(ctx);
    const body = bodyObject(ctx);
    const name = str(body.name) ?? '';
    if (repo.labels.has(name.toLowerCase())) {
      throw unprocessable('Validation Failed', [{ resource: 'Label', code: 'already_exists', field: 'name' }]);
    }
    const label = ensureLabel(ctx.state, repo, name);
    label.color = (str(body.color) ?? 'ededed').replace(/^#/, '');
    label.description = str(body.description) ?? null;
    return { status: 201, body: ctx.shapes.label(repo, label) };
  },
};
