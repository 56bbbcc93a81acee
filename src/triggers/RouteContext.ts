import type { z } from 'zod';
import type { Config } from '../config/configSchema.js';
import type { Intent, Route, Target } from './Intent.js';

/** The bot's own identity, e.g. `{ login: 'agency-architect[bot]' }`. */
export interface AppIdentity {
  login: string;
}

/** What every per-event router gets: the fields common to all payloads, already validated. */
export interface RouteContext {
  /** `${name}.${action}`, e.g. `issues.labeled`. */
  event: string;
  action: string;
  owner: string;
  repo: string;
  requester: Intent['requester'];
  installationId: number | undefined;
  /** The raw payload, for the event's own schema. */
  payload: unknown;
  config: Config;
  app: AppIdentity | undefined;
}

export function ignore(event: string, reason: string): Route {
  return { kind: 'ignore', reason: `${event}: ${reason}` };
}

/** A payload that lacks a field routing needs: name the first bad field, for the logs. */
export function malformed(event: string, error: z.ZodError): Route {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'payload';
  return ignore(event, `malformed payload (${where}: ${issue?.message ?? 'invalid'})`);
}

export function target(ctx: RouteContext, number: number, kind: Target['kind']): Target {
  return { owner: ctx.owner, repo: ctx.repo, number, kind };
}

/** A run route with the fields every intent shares; optional fields are left out, not set to undefined. */
export function run(
  ctx: RouteContext,
  fields: Omit<Intent, 'requester' | 'event' | 'installationId'>,
): Route {
  const intent: Intent = { ...fields, requester: ctx.requester, event: ctx.event };
  if (ctx.installationId !== undefined) intent.installationId = ctx.installationId;
  return { kind: 'run', intent };
}

/** GitHub label names are case-insensitive. */
export function sameLabel(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
