import type { Config } from '../config/configSchema.js';
import { encodeMarker } from '../domain/marker.js';
import type { Write } from '../domain/Write.js';
import type { SecurityDeps } from '../security/SecurityDeps.js';
import type { Intent } from '../triggers/Intent.js';

/** The allowance note keeps the family it always had, so an old note is edited, not duplicated. */
const FAMILY_COOLDOWN = 'cooldown';

export type Allowance = { ok: true; release: () => void } | { ok: false; reason: string; writes: Write[] };

/** "4 min 10 s" / "25 s": how long until the allowance has room again. */
function formatWait(seconds: number): string {
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min${seconds % 60 ? ` ${seconds % 60} s` : ''}` : `${seconds} s`;
}

/**
 * Writers are trusted: their commands queue. A burst allowance per user and repository bounds the cost;
 * past it, one short note per burst and no model call. What a run took is given back if it fails
 * (`release`), so the retry the failure notice asks for (or a redelivery) is not turned away.
 */
export async function takeAllowance(intent: Intent, config: Config, allowance: SecurityDeps['allowance'], repository: string): Promise<Allowance> {
  const counted = (intent.via === 'comment' || intent.via === 'checkbox') && intent.command !== 'help';
  if (!counted) return { ok: true, release: () => undefined };
  const { commandsPerWindow: limit, commandWindowMinutes: minutes } = config.limits;
  const key = `${repository}:${intent.requester.login.toLowerCase()}`;
  const taken = await allowance.take(key, limit, minutes * 60_000);
  if (taken.ok) return { ok: true, release: () => void allowance.release(key, taken.token).catch(() => undefined) };
  const note = `> ⏳ ${limit} command${limit === 1 ? '' : 's'} per ${minutes} min per user: this one was not run. It can run again in ${formatWait(taken.retryInSeconds)}.`;
  return {
    ok: false,
    reason: `${intent.requester.login}: command allowance used (${limit} per ${minutes} min; ${taken.retryInSeconds} s to wait)`,
    writes: taken.firstRefusal
      ? [{ kind: 'comment', number: intent.target.number, family: FAMILY_COOLDOWN, body: `${note}\n\n${encodeMarker({ family: FAMILY_COOLDOWN })}`, bestEffort: true }]
      : [],
  };
}
