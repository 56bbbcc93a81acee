import { decodeMarker } from '../domain/marker.js';
import { newlyTickedDecisions } from '../domain/decisionCheckbox.js';
import { commandRoute } from './commandRoute.js';
import type { Route } from './Intent.js';
import { parseCommands } from './parseCommands.js';
import { IssueCommentPayloadSchema } from './payloadSchemas.js';
import { ignore, malformed, run, target, type RouteContext } from './RouteContext.js';

/**
 * `issue_comment.created|edited`: a slash command, or a decision ticked in the app's plan comment.
 * Edits only run what the edit added, so fixing a typo around a command does not run it again.
 */
export function routeIssueComment(ctx: RouteContext): Route {
  const parsed = IssueCommentPayloadSchema.safeParse(ctx.payload);
  if (!parsed.success) return malformed(ctx.event, parsed.error);
  const { issue, comment, changes } = parsed.data;
  const on = target(ctx, issue.number, issue.pull_request != null ? 'pull_request' : 'issue');

  if (ctx.action === 'created') {
    const [first] = parseCommands(comment.body);
    if (!first) return ignore(ctx.event, 'no /agency: command in the comment');
    return commandRoute(ctx, first, on, comment.id);
  }

  const before = changes?.body?.from;
  const byApp = ctx.app !== undefined && comment.user?.login.toLowerCase() === ctx.app.login.toLowerCase();
  if (byApp) {
    // Only a person editing the app's comment gets here (the app as sender was ignored earlier).
    // The only edit that means something is a tick in a plan's decision list: the ticker is the requester.
    if (decodeMarker(comment.body)?.family !== 'plan') return ignore(ctx.event, "edit of the app's own comment, not a plan");
    if (before === undefined) return ignore(ctx.event, "the app's plan comment was edited but not its body");
    const decisions = newlyTickedDecisions(before, comment.body);
    if (decisions.length === 0) return ignore(ctx.event, 'no newly ticked decision in the plan comment');
    return run(ctx, { command: 'adr', args: '', target: on, via: 'checkbox', commentId: comment.id, decisions });
  }

  if (before === undefined) return ignore(ctx.event, 'the comment body did not change');
  // Compared by name: an edit that keeps `/agency:adr` while fixing its title must not record a second ADR.
  const had = new Set(parseCommands(before).map((c) => c.name));
  const added = parseCommands(comment.body).find((c) => !had.has(c.name));
  if (!added) return ignore(ctx.event, 'the edit added no new /agency: command');
  return commandRoute(ctx, added, on, comment.id);
}
