import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/*
 * Real GitHub payloads from @octokit/webhooks-examples. The interfaces below name only the fields the
 * tests change or check; the objects keep every other field of the real payload.
 */

interface User {
  login: string;
  type: string;
}
interface Label {
  name: string;
}
export interface CommonPayload {
  action: string;
  sender: User;
  repository: { name: string; owner: { login: string } };
  installation?: { id: number };
}
export interface IssuesPayload extends CommonPayload {
  issue: { number: number; state: string; labels: Label[]; pull_request?: unknown };
  label?: Label;
}
export interface IssueCommentPayload extends CommonPayload {
  issue: { number: number; pull_request?: unknown };
  comment: { id: number; body: string; user: User };
  changes?: { body?: { from: string } };
}
export interface PullRequestPayload extends CommonPayload {
  pull_request: { number: number; state: string; draft: boolean; merged: boolean; head: { sha: string }; labels: Label[] };
  label?: Label;
}

interface Definition {
  name: string;
  examples: { action?: string; installation?: unknown }[];
}

const indexPath = createRequire(import.meta.url).resolve('@octokit/webhooks-examples');
export const DEFINITIONS = JSON.parse(readFileSync(indexPath, 'utf8')) as Definition[];

/** A fresh copy of a real example for `name.action` (no action: events like push), preferring one sent to an installation. */
export function webhookExample<T>(name: string, action?: string): T {
  const examples = DEFINITIONS.find((d) => d.name === name)?.examples.filter((e) => e.action === action) ?? [];
  const found = examples.find((e) => e.installation) ?? examples[0];
  if (!found) throw new Error(`no webhook example for ${name}.${action ?? ''}`);
  return structuredClone(found) as T;
}

/** Label object shaped like the example's own (id, color, ...) with another name. */
export function labelNamed(like: Label | undefined, name: string): Label {
  return { ...(like ?? {}), name };
}
