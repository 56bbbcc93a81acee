import { ADR_STATUSES } from '../domain/adrSchema.js';

/** How other tools and teams spell the statuses. */
const SYNONYMS: Record<string, string> = {
  approved: 'accepted',
  adopted: 'accepted',
  active: 'accepted',
  draft: 'proposed',
  pending: 'proposed',
  open: 'proposed',
  declined: 'rejected',
  obsolete: 'deprecated',
  replaced: 'superseded',
};

/**
 * A status line (`Accepted`, `**Superseded** by [3. x](0003-x.md)`, `status: Draft`) to one
 * lower-case word: a known ADR status when recognisable, else the first word as written.
 */
export function normalizeAdrStatus(raw: string): string | undefined {
  const word = raw
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~>#]/g, ' ')
    .trim()
    .split(/[\s:,.;()]+/)[0]
    ?.toLowerCase();
  if (!word) return undefined;
  const status = SYNONYMS[word] ?? word;
  return (ADR_STATUSES as readonly string[]).includes(status) ? status : status.slice(0, 40);
}
