import type { Config } from '../config/configSchema.js';
import { meetsPermission } from '../core/meetsPermission.js';
import type { JobLog } from '../domain/JobLog.js';
import type { Write } from '../domain/Write.js';
import { findLivingComment } from '../github/findLivingComment.js';
import type { ReadGitHub } from '../github/GitHub.js';
import { renderNotAllowed } from '../render/renderNotAllowed.js';
import type { Intent } from '../triggers/Intent.js';
import { isAllowListedBot } from '../triggers/isAllowListedBot.js';

const FAMILY_NOT_ALLOWED = 'not-allowed';

export type Authorization = { ok: true } | { ok: false; reason: string; writes: Write[] };

/**
 * Authorization before any cost: the collaborator permission API, failing closed. Automatic PR reviews
 * for outside contributors and labels applied without the permission (triage) stay silent; a command
 * gets one short reply per issue.
 */
export async function authorizeRequester(github: ReadGitHub, intent: Intent, config: Config, log: JobLog): Promise<Authorization> {
  let permission: Awaited<ReturnType<ReadGitHub['permission']>> = 'none';
  // A bot has no collaborator permission (GitHub answers 404): one listed in allowBots is authorized by the list.
  if (isAllowListedBot(intent.requester, config)) permission = config.permission;
  else {
    try {
      permission = await github.permission(intent.requester.login);
    } catch (error) {
      log.warn({ user: intent.requester.login, err: (error as Error).message }, 'permission check failed; denying');
    }
  }
  if (meetsPermission(permission, config.permission)) return { ok: true };
  const reason = `${intent.requester.login} lacks ${config.permission} permission`;
  const number = intent.target.number;
  const replies = intent.via === 'comment' || intent.via === 'checkbox';
  const replied = replies && (await findLivingComment(github, number, FAMILY_NOT_ALLOWED)) !== undefined;
  const writes: Write[] =
    replies && !replied ? [{ kind: 'comment', number, family: FAMILY_NOT_ALLOWED, body: renderNotAllowed(config, { marker: { family: FAMILY_NOT_ALLOWED } }) }] : [];
  return { ok: false, reason, writes };
}
