import type { Write } from '../domain/Write.js';
import { SecurityError } from './SecurityError.js';

/** What one event may write, decided from the event and the repository's config (never from the model). */
export interface PlanScope {
  /** The triggering issue or pull request. */
  number: number;
  /** The triggering comment: the only one a reaction may go on. */
  triggerCommentId?: number;
  /** Comments the bot wrote on the thread (read before the plan was made): the only ones it may edit. */
  botComments: ReadonlySet<number>;
  /** ADR directories (configured, found) and the configured mode. */
  adr: { dirs: readonly string[]; mode: 'pr' | 'direct' };
}

const clean = (dir: string) => dir.replace(/\/+$/, '');

/** Why a write is outside the scope, or undefined when it is inside. */
function violation(write: Write, scope: PlanScope): string | undefined {
  const elsewhere = (n: number) => (n !== scope.number ? `#${n} is not the triggering #${scope.number}` : undefined);
  switch (write.kind) {
    case 'reaction':
      return write.commentId !== scope.triggerCommentId ? `comment ${write.commentId} is not the triggering comment` : undefined;
    case 'comment':
    case 'adr-log':
      return elsewhere(write.number) ?? (write.commentId !== undefined && !scope.botComments.has(write.commentId) ? `comment ${write.commentId} was not written by the app` : undefined);
    case 'review':
    case 'dismiss-review':
      return elsewhere(write.number);
    case 'check-run':
      return undefined;
    case 'adr': {
      const dirs = scope.adr.dirs.map(clean).filter((d) => d !== '');
      if (!dirs.includes(clean(write.dir))) return `ADR directory ${JSON.stringify(write.dir)} is not the configured one`;
      return write.mode !== scope.adr.mode ? `ADR mode ${write.mode} is not the configured ${scope.adr.mode}` : undefined;
    }
  }
}

/**
 * The write guard over a whole plan, before anything runs: every write goes to the triggering issue or
 * pull request, edits only the app's own comments, reacts only to the triggering comment, and records
 * ADRs only in the configured directory and mode. One write outside refuses the plan (nothing is written).
 * The port's guard (guardGitHub) still checks each request as it is sent.
 */
export function checkWritePlan(writes: readonly Write[], scope: PlanScope): void {
  for (const write of writes) {
    const why = violation(write, scope);
    if (why) throw new SecurityError(`refused the plan's ${write.kind} write: ${why}`, write.kind);
  }
}
