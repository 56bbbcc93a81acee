/** One write the guarded port sent (or was refused): the port method and what it named. */
export interface LedgerEntry {
  /** The port method, e.g. `createReview`, `createBranch`. */
  operation: string;
  /** What the write named, where that tells a reader more: a branch, a pull request's head, an ADR number. */
  subject?: string;
  /** For a refused write: the error, so the notice can tell whether it is what stopped the job. */
  error?: unknown;
}

/**
 * What one job actually wrote to GitHub, kept by the guarded port (every write goes through it), so a
 * failure notice says what was published and what was not instead of guessing.
 */
export interface WriteLedger {
  /** Writes GitHub accepted, in order. */
  readonly published: LedgerEntry[];
  /** Writes GitHub (or the guard) refused, in order. */
  readonly failed: LedgerEntry[];
}

export function createWriteLedger(): WriteLedger {
  return { published: [], failed: [] };
}

/** The subject of a write from its arguments: a leading string (branch), or an ADR number or head. */
export function writeSubject(args: unknown[]): string | undefined {
  const [first] = args;
  if (typeof first === 'string') return first;
  if (typeof first === 'object' && first !== null) {
    const o = first as Record<string, unknown>;
    if (typeof o.adrNumber === 'number') return String(o.adrNumber).padStart(4, '0');
    if (typeof o.head === 'string') return o.head;
  }
  return undefined;
}
