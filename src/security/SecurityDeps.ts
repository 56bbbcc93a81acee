import { createMemoryState } from '../state/memoryState.js';
import type { CommandAllowance, TokenLedger } from '../state/SharedState.js';
import { createRedactor, type Redact } from './redactor.js';

/** Hardening state created once per app (or Action run) and shared by every event. */
export interface SecurityDeps {
  /** Token shapes plus the app's own keys (exact values). */
  redact: Redact;
  /** Tokens spent per installation per UTC day. */
  tokens: TokenLedger;
  /** Per user and repository: commands in the sliding window (config.limits.commandsPerWindow). */
  allowance: CommandAllowance;
}

/** In memory unless `state` (e.g. the Redis-backed one, shared by every process) is given. */
export function createSecurityDeps(secrets: readonly (string | undefined)[] = [], state: Pick<SecurityDeps, 'tokens' | 'allowance'> = createMemoryState()): SecurityDeps {
  return { redact: createRedactor(secrets), tokens: state.tokens, allowance: state.allowance };
}
