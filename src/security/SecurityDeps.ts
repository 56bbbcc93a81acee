import { CommandCooldown } from './CommandCooldown.js';
import { createRedactor, type Redact } from './redactor.js';
import { TokenBudget } from './TokenBudget.js';

/** Hardening state created once per app (or Action run) and shared by every event. */
export interface SecurityDeps {
  /** Token shapes plus the app's own keys (exact values). */
  redact: Redact;
  /** Tokens spent per installation per UTC day. */
  tokens: TokenBudget;
  /** Per user and repository: the last accepted command. */
  cooldown: CommandCooldown;
}

export function createSecurityDeps(secrets: readonly (string | undefined)[] = []): SecurityDeps {
  return { redact: createRedactor(secrets), tokens: new TokenBudget(), cooldown: new CommandCooldown() };
}
