import type { Config } from '../config/configSchema.js';
import type { Route } from './Intent.js';
import { BasePayloadSchema } from './payloadSchemas.js';
import { routeIssueComment } from './routeIssueComment.js';
import { routeIssues } from './routeIssues.js';
import { routePullRequest } from './routePullRequest.js';
import { ignore, malformed, type AppIdentity, type RouteContext } from './RouteContext.js';
import { senderIgnoreReason } from './senderIgnoreReason.js';

export type { AppIdentity } from './RouteContext.js';

/** A webhook delivery or Actions event: the event name (`x-github-event`) and its JSON payload. */
export interface WebhookEvent {
  name: string;
  payload: unknown;
}

/** The `${name}.${action}` pairs that can start work; everything else is ignored by name. */
const ROUTERS: ReadonlyMap<string, (ctx: RouteContext) => Route> = new Map([
  ['issues.opened', routeIssues],
  ['issues.labeled', routeIssues],
  ['issue_comment.created', routeIssueComment],
  ['issue_comment.edited', routeIssueComment],
  ['pull_request.opened', routePullRequest],
  ['pull_request.reopened', routePullRequest],
  ['pull_request.synchronize', routePullRequest],
  ['pull_request.ready_for_review', routePullRequest],
  ['pull_request.labeled', routePullRequest],
]);

/** For adapters to subscribe with (Probot `app.on(...)`, the Action's `on:`): nothing else can run. */
export const ROUTED_EVENTS: readonly string[] = [...ROUTERS.keys()];

const HANDLED_EVENTS = new Set([...ROUTERS.keys()].map((key) => key.split('.')[0]));

/**
 * Decide what an event asks the bot to do, from the event and the repo config alone (no I/O).
 * Never throws: a malformed or truncated payload is an `ignore` with a reason that names the event.
 * Permission of the requester is not checked here; the job does it with the GitHub port.
 */
export function route(event: WebhookEvent, config: Config, app?: AppIdentity): Route {
  try {
    return routeEvent(event, config, app);
  } catch (error) {
    // A webhook handler must not crash on a surprise; the reason ends up in the logs.
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'ignore', reason: `${eventLabel(event)}: could not route (${message})` };
  }
}

function routeEvent(event: WebhookEvent, config: Config, app: AppIdentity | undefined): Route {
  const label = eventLabel(event);
  if (!HANDLED_EVENTS.has(String(event.name))) return ignore(label, 'event not handled');
  const base = BasePayloadSchema.safeParse(event.payload);
  if (!base.success) return malformed(label, base.error);

  const { action, repository, sender, installation } = base.data;
  const key = `${event.name}.${action}`;
  const router = ROUTERS.get(key);
  if (!router) return ignore(key, 'action not handled');

  const blocked = senderIgnoreReason(sender, config, app);
  if (blocked) return ignore(key, blocked);

  return router({
    event: key,
    action,
    owner: repository.owner.login,
    repo: repository.name,
    requester: { login: sender.login, type: sender.type },
    installationId: installation?.id,
    payload: event.payload,
    config,
    app,
  });
}

/** `name.action` when the payload has a readable action, else the name: for reasons only, so it cannot throw. */
function eventLabel(event: WebhookEvent): string {
  let name = 'unnamed event';
  try {
    if (typeof event?.name === 'string' && event.name !== '') name = event.name;
    const payload: unknown = event?.payload;
    const action = payload && typeof payload === 'object' ? (payload as { action?: unknown }).action : undefined;
    return typeof action === 'string' && action !== '' ? `${name}.${action}` : name;
  } catch {
    return name;
  }
}
