import { severityRank, type Finding, type FindingSource } from '../findingSchema.js';
import type { Review } from '../reviewSchema.js';

export const MODEL_SOURCE: FindingSource = { kind: 'model', id: 'judgment', url: null };

/** Identity of a finding for the merge: path + line + source id. */
export function findingKey(finding: Pick<Finding, 'path' | 'line' | 'source'>): string {
  return JSON.stringify([finding.path ?? null, finding.line ?? null, finding.source.id]);
}

/**
 * Merges the model's review with the deterministic evidence so the model cannot hide any of it:
 * - every evidence finding is in the result, first and in its original order, with its own severity, place and
 *   source; when the model echoed one (same path + line + source id) with extra explanation, that text is
 *   appended to the evidence body;
 * - every other finding is the model's judgment and gets `source: { kind: 'model', id: 'judgment', url: null }`,
 *   whatever source the model claimed;
 * - an `approve` verdict over a blocker or major evidence finding becomes `comment`.
 */
export function mergeEvidence(review: Review, evidence: readonly Finding[]): Review {
  const echoes = new Map<string, Finding[]>();
  const judgments: Finding[] = [];
  const evidenceKeys = new Set(evidence.map(findingKey));

  for (const finding of review.findings) {
    const key = findingKey(finding);
    if (finding.source.kind !== 'model' && evidenceKeys.has(key)) {
      const list = echoes.get(key) ?? [];
      list.push(finding);
      echoes.set(key, list);
    } else {
      judgments.push({ ...finding, source: { ...MODEL_SOURCE } });
    }
  }

  const kept = evidence.map((item) => {
    const echo = echoes.get(findingKey(item))?.shift();
    const extra = echo?.body.trim();
    if (!extra || extra === item.body.trim() || item.body.includes(extra)) return { ...item };
    return { ...item, body: `${item.body.trimEnd()}\n\n${extra}` };
  });

  const serious = evidence.some((item) => severityRank(item.severity) <= severityRank('major'));
  const verdict = review.verdict === 'approve' && serious ? 'comment' : review.verdict;
  return { ...review, verdict, findings: [...kept, ...judgments] };
}
