import type { Config } from '../config/configSchema.js';
import type { AppIdentity } from './RouteContext.js';
import type { Sender } from './payloadSchemas.js';
import { isAllowListedBot, isBotSender } from './isAllowListedBot.js';

/**
 * Why a sender may not trigger work, or undefined if it may. Bots are out unless allow-listed, so two
 * bots cannot answer each other forever; the app itself is always out, so its own comments (which
 * quote commands in help) never loop back. GitHub logins are case-insensitive.
 */
export function senderIgnoreReason(sender: Sender, config: Pick<Config, 'allowBots'>, app?: AppIdentity): string | undefined {
  const login = sender.login.toLowerCase();
  if (app && login === app.login.toLowerCase()) return `sent by the app itself (${sender.login})`;
  if (isBotSender(sender) && !isAllowListedBot(sender, config)) {
    return `sender ${sender.login} is a bot not listed in allowBots`;
  }
  return undefined;
}
