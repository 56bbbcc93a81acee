/**
 * Issues, issue comments (shared by pull requests), reactions and issue labels.
 */
import {
  bodyObject,
  forbidden,
  intParam,
  notFound,
  paginate,
  requireActor,
  requireRepo,
  str,
  type RouteContext,
  type RouteResult,
  type Routes,
} from './fakeGitHubRouting.js';
import { nowIso } from './fakeGitHubGit.js';
import type { CommentState, IssueState, ReactionState, RepoState } from './fakeGitHubState.js';
import { ensureLabel } from './fakeGitHubState.js';

function requireIssue(ctx: RouteContext, repo: RepoState): IssueState {
  const issue = repo.issues.get(intParam(ctx, 'issue_number'));
  if (!issue) throw notFound();
  return issue;
}

function requireComment(ctx: RouteContext, repo: RepoState): CommentState {
  const comment = repo.comments.get(intParam(ctx, 'comment_id'));
  if (!comment) throw notFound();
  return comment;
}

function labelNames(body: unknown): string[] {
  const raw = Array.isArray(body) ? body : typeof body === 'object' && body !== null ? (body as { labels?: unknown }).labels : undefined;
  if (!Array.isArray(raw)) return [];
  return raw
    .map((item) => (typeof item === 'string' ? item : typeof item === 'object' && item !== null ? str((item as { name?: unknown }).name) : undefined))
    .filter((name): name is string => name !== undefined);
}

function labelsResponse(ctx: RouteContext, repo: RepoState, issue: IssueState): RouteResult {
  return {
    status: 200,
    body: issue.labels
      .map((name) => repo.labels.get(name.toLowerCase()))
      .filter((label) => label !== undefined)
      .map((label) => ctx.shapes.label(repo, label)),
  };
}

function react(ctx: RouteContext, reactions: ReactionState[]): RouteResult {
  const actor = requireActor(ctx);
  const content = str(bodyObject(ctx).content) ?? '';
  const existing = reactions.find((reaction) => reaction.content === content && reaction.user.login === actor.login);
  if (existing) return { status: 200, body: ctx.shapes.reaction(existing) };
  const reaction: ReactionState = { id: ctx.state.nextId(), content, user: actor, createdAt: nowIso() };
  reactions.push(reaction);
  return { status: 201, body: ctx.shapes.reaction(reaction) };
}

function listReactions(ctx: RouteContext, reactions: ReactionState[]): RouteResult {
  const content = ctx.query.get('content');
  return paginate(
    ctx,
    reactions.filter((reaction) => content === null || reaction.content === content).map((reaction) => ctx.shapes.reaction(reaction)),
  );
}

export const issueRoutes: Routes = {
  'GET /repos/{owner}/{repo}/issues/{issue_number}': (ctx) => {
    const repo = requireRepo(ctx);
    return { status: 200, body: ctx.shapes.issue(repo, requireIssue(ctx, repo)) };
  },

  'POST /repos/{owner}/{repo}/issues': (ctx) => {
    const actor = requireActor(ctx);
    const repo = requireRepo(ctx);
    const body = bodyObject(ctx);
    const number = repo.nextNumber++;
    const now = nowIso();
    const issue: IssueState = {
      id: ctx.state.nextId(),
      number,
      title: String(body.title ?? ''),
      body: str(body.body) ?? null,
      user: actor,
      state: 'open',
      stateReason: null,
      labels: labelNames(body).map((name) => ensureLabel(ctx.state, repo, name).name),
      assignees: Array.isArray(body.assignees) ? body.assignees.filter((a): a is string => typeof a === 'string') : [],
      locked: false,
      isPull: false,
      reactions: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
    repo.issues.set(number, issue);
    return { status: 201, body: ctx.shapes.issue(repo, issue) };
  },

  'PATCH /repos/{owner}/{repo}/issues/{issue_number}': (ctx) => {
    requireActor(ctx);
    const repo = requireRepo(ctx);
    const issue = requireIssue(ctx, repo);
    const body = bodyObject(ctx);
    if (typeof body.title === 'string') issue.title = body.title;
    if ('body' in body) issue.body = str(body.body) ?? null;
    if (body.state === 'open' || body.state === 'closed') {
      if (body.state !== issue.state) issue.closedAt = body.state === 'closed' ? nowIso() : null;
      issue.state = body.state;
      issue.stateReason = str(body.state_reason) ?? (body.state === 'closed' ? 'completed' : null);
    }
    if (Array.isArray(body.labels)) issue.labels = labelNames(body).map((name) => ensureLabel(ctx.state, repo, name).name);
    issue.updatedAt = nowIso();
    return { status: 200, body: ctx.shapes.issue(repo, issue) };
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': (ctx) => {
    const repo = requireRepo(ctx);
    const issue = requireIssue(ctx, repo);
    const since = ctx.query.get('since');
    const comments = [...repo.comments.values()]
      .filter((comment) => comment.issueNumber === issue.number)
      .filter((comment) => since === null || comment.updatedAt >= since)
      .sort((a, b) => a.id - b.id)
      .map((comment) => ctx.shapes.comment(repo, comment));
    return paginate(ctx, comments);
  },

  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': (ctx) => {
    const actor = requireActor(ctx);
    const repo = requireRepo(ctx);
    const issue = requireIssue(ctx, repo);
    const now = nowIso();
    const comment: CommentState = {
      id: ctx.state.nextId(),
      issueNumber: issue.number,
      body: String(bodyObject(ctx).body ?? ''),
      user: actor,
      createdAt: now,
      updatedAt: now,
      reactions: [],
      edits: [],
    };
    repo.comments.set(comment.id, comment);
    issue.updatedAt = now;
    return { status: 201, body: ctx.shapes.comment(repo, comment), headers: { location: `${ctx.api}/repos/${repo.fullName}/issues/comments/${comment.id}` } };
  },

  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
    const repo = requireRepo(ctx);
    return { status: 200, body: ctx.shapes.comment(repo, requireComment(ctx, repo)) };
  },

  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
    const actor = requireActor(ctx);
    const repo = requireRepo(ctx);
    const comment = requireComment(ctx, repo);
    if (ctx.forbidEditingOthersComments && comment.user.login.toLowerCase() !== actor.login.toLowerCase()) {
      const message = `${actor.login} edited a comment by ${comment.user.login} (id ${comment.id}); the app must never edit someone else's comment`;
      ctx.violation('contract', message);
      throw forbidden(`Fake GitHub: ${message}`);
    }
    const now = nowIso();
    comment.edits.push({ at: now, by: actor.login, previousBody: comment.body });
    comment.body = String(bodyObject(ctx).body ?? '');
    comment.updatedAt = now;
    return { status: 200, body: ctx.shapes.comment(repo, comment) };
  },

  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': (ctx) => {
    const actor = requireActor(ctx);
    const repo = requireRepo(ctx);
    const comment = requireComment(ctx, repo);
    if (ctx.forbidEditingOthersComments && comment.user.login.toLowerCase() !== actor.login.toLowerCase()) {
      const message = `${actor.login} deleted a comment by ${comment.user.login} (id ${comment.id})`;
      ctx.violation('contract', message);
      throw forbidden(`Fake GitHub: ${message}`);
    }
    repo.comments.delete(comment.id);
    return { status: 204 };
  },

  'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions': (ctx) => {
    const repo = requireRepo(ctx);
    return react(ctx, requireComment(ctx, repo).reactions);
  },

  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions': (ctx) => {
    const repo = requireRepo(ctx);
    return listReactions(ctx, requireComment(ctx, repo).reactions);
  },

  'POST /repos/{owner}/{repo}/issues/{issue_number}/reactions': (ctx) => {
    const repo = requireRepo(ctx);
    return react(ctx, requireIssue(ctx, repo).reactions);
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}/reactions': (ctx) => {
    const repo = requireRepo(ctx);
    return listReactions(ctx, requireIssue(ctx, repo).reactions);
  },

  'GET /repos/{owner}/{repo}/issues/{issue_number}/labels': (ctx) => {
    const repo = requireRepo(ctx);
    return labelsResponse(ctx, repo, requireIssue(ctx, repo));
  },

  'POST /repos/{owner}/{repo}/issues/{issue_number}/labels': (ctx) => {
    requireActor(ctx);
    const repo = requireRepo(ctx);
    const issue = requireIssue(ctx, repo);
    for (const name of labelNames(ctx.body)) {
      const label = ensureLabel(ctx.state, repo, name);
      if (!issue.labels.some((existing) => existing.toLowerCase() === label.name.toLowerCase())) issue.labels.push(label.name);
    }
    issue.updatedAt = nowIso();
    return labelsResponse(ctx, repo, issue);
  },

  'PUT /repos/{owner}/{repo}/issues/{issue_number}/labels': (ctx) => {
    requireActor(ctx);
    const repo = requireRepo(ctx);
    const issue = requireIssue(ctx, repo);
    issue.labels = labelNames(ctx.body).map((name) => ensureLabel(ctx.state, repo, name).name);
    issue.updatedAt = nowIso();
    return labelsResponse(ctx, repo, issue);
  },

  'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}': (ctx) => {
    requireActor(ctx);
    const repo = requireRepo(ctx);
    const issue = requireIssue(ctx, repo);
    const name = (ctx.params.name ?? '').toLowerCase();
    const index = issue.labels.findIndex((label) => label.toLowerCase() === name);
    if (index < 0) throw notFound('Label does not exist');
    issue.labels.splice(index, 1);
    issue.updatedAt = nowIso();
    return labelsResponse(ctx, repo, issue);
  },
};
