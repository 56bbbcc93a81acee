import type { Published } from '../domain/Write.js';

export interface PublishedSummary {
  /** The last comment written (the job's living comment). */
  commentUrl?: string;
  checkUrl?: string;
  /** ADR pull requests opened or found open. */
  adrPullUrls: string[];
  /** ADRs left on their branch because GitHub refused the pull request. */
  pullsNotOpened: number;
}

/** The links and counts adapters report (the Action's outputs), from what the executor published. */
export function summarizePublished(published: readonly Published[]): PublishedSummary {
  const summary: PublishedSummary = { adrPullUrls: [], pullsNotOpened: 0 };
  for (const { write, result } of published) {
    if (result.kind === 'written' && (write.kind === 'comment' || write.kind === 'adr-log') && result.url) summary.commentUrl = result.url;
    if (result.kind === 'written' && write.kind === 'check-run') summary.checkUrl = result.url;
    if (result.kind === 'adr' && result.result.kind === 'pull') summary.adrPullUrls.push(result.result.pull.url);
    if (result.kind === 'adr' && result.result.kind === 'branch') summary.pullsNotOpened += 1;
  }
  return summary;
}
