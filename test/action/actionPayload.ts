import { webhookExample } from '../triggers/webhookExample.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A real example payload (@octokit/webhooks-examples) pointed at owner/repo, sent by `sender`, then `mutate`d. */
export function actionPayload(event: string, action: string, mutate: (p: Json) => void, at: { owner: string; repo: string; sender: string }): Json {
  const p = webhookExample<Json>(event, action);
  p.repository = { ...p.repository, name: at.repo, full_name: `${at.owner}/${at.repo}`, owner: { ...p.repository.owner, login: at.owner }, default_branch: 'main' };
  if (p.organization) p.organization = { ...p.organization, login: at.owner };
  p.sender = { ...p.sender, login: at.sender, type: 'User' };
  mutate(p);
  return p;
}
