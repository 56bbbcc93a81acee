import type { Config } from '../config/configSchema.js';
import type { Sender } from './payloadSchemas.js';

/** Either signal is enough: a `[bot]` login is a bot whatever `type` claims, so a look-alike stays out. */
export function isBotSender(sender: Sender): boolean {
  return sender.type === 'Bot' || sender.login.toLowerCase().endsWith('[bot]');
}

/**
 * A bot named in `allowBots` (GitHub logins are case-insensitive). Such a bot is authorized by the list:
 * bots are never collaborators, so GitHub's permission API answers 404 for them.
 */
export function isAllowListedBot(sender: Sender, config: Pick<Config, 'allowBots'>): boolean {
  const login = sender.login.toLowerCase();
  return isBotSender(sender) && config.allowBots.some((allowed) => allowed.toLowerCase() === login);
}
