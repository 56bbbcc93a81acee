import type { LedgerEntry, WriteLedger } from '../security/writeLedger.js';

/** How a write reads in a sentence: what it made, and the verb for it. Reactions are not worth a word. */
function phrase(entry: LedgerEntry): { noun: string; verb: string } | undefined {
  const code = (s: string | undefined) => (s ? ` \`${s.replace(/`/g, '')}\`` : '');
  switch (entry.operation) {
    case 'reactToComment':
      return undefined;
    case 'createComment':
      return { noun: 'the comment', verb: 'posted' };
    case 'updateComment':
      return { noun: 'the comment', verb: 'updated' };
    case 'createReview':
      return { noun: 'the review', verb: 'posted' };
    case 'createCheckRun':
      return { noun: 'the check run', verb: 'created' };
    case 'updateCheckRun':
      return { noun: 'the check run', verb: 'updated' };
    case 'dismissReview':
      return { noun: 'the earlier review', verb: 'dismissed' };
    case 'reserveAdrNumber':
      return { noun: `ADR number${entry.subject ? ` ${entry.subject}` : ''}`, verb: 'reserved' };
    case 'createCommit':
      return { noun: 'the ADR commit', verb: 'created' };
    case 'createBranch':
      return { noun: `the branch${code(entry.subject)}`, verb: 'created' };
    case 'updateBranch':
      return { noun: `the branch${code(entry.subject)}`, verb: 'updated' };
    case 'createPull':
      return { noun: `the pull request${entry.subject ? ` from${code(entry.subject)}` : ''}`, verb: 'opened' };
    default:
      // A write the port gained later: named by its method, still counted.
      return { noun: `the \`${entry.operation}\` write`, verb: 'made' };
  }
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * One sentence on what a failed job published and what it did not, from the ledger of its writes:
 * "The review was posted; the check run was not created." Never "nothing was changed" after a write.
 * `error` is what stopped the job: when it is a refused write, that write is named as not made.
 */
export function describePublished(ledger: WriteLedger, error: unknown): string {
  const done = [...new Set(ledger.published.map(phrase).filter((p) => p !== undefined).map((p) => `${p.noun} was ${p.verb}`))];
  const refused = ledger.failed.find((f) => f.error === error);
  const missed = refused ? phrase(refused) : undefined;
  if (done.length === 0) {
    if (ledger.published.length === 0 && ledger.failed.length === 0) return 'Nothing was changed.';
    return missed ? `Nothing was published: ${missed.noun} was not ${missed.verb}.` : 'Nothing was published.';
  }
  const first = list(done);
  const rest = missed ? `${missed.noun} was not ${missed.verb}` : 'the run stopped after that';
  return `${first.charAt(0).toUpperCase()}${first.slice(1)}; ${rest}.`;
}
