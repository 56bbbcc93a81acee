import { severityRank, type Finding, type FindingSource } from '../../domain/findingSchema.js';
import type { Review } from '../../domain/reviewSchema.js';

export const MODEL_SOURCE: FindingSource = { kind: 'model', id: 'judgment', url: null };

/** Identity of a finding for the merge: path + line + source id. */
export function findingKey(finding: Pick<Finding, 'path' | 'line' | 'source'>): string {
  return JSON.stringify([finding.path ?? null, finding.line ?? null, finding.source.id]);
}

function concernKey(finding: Pick<Finding, 'path' | 'line' | 'category'>): string {
  return JSON.stringify([finding.path, finding.line, finding.category.trim().toLowerCase()]);
}

/**
 * Merges the model's review with the deterministic evidence so the model cannot hide any of it:
 * - every evidence finding is in the result, first and in its original order, with its own severity, place and
 *   source; when the model echoed one (same path + line + source id, or the same path + line + category
 *   under its own source) with extra explanation, that text is appended to the evidence body;
 * - every other finding is the model's judgment and gets `source: { kind: 'model', id: 'judgment', url: null }`,
 *   whatever source the model claimed;
 * - an `approve` verdict over a blocker or major evidence finding becomes `comment`.
 */
export function mergeEvidence(review: Review, evidence: readonly Finding[]): Review {
  const echoes = new Map<string, Finding[]>();
  const judgments: Finding[] = [];
  const evidenceKeys = new Set(evidence.map(findingKey));
  // The same concern restated by the model under its own source: same path, line and category.
  const byConcern = new Map<string, string>();
  for (const item of evidence) {
    if (item.path !== null && item.line !== null) byConcern.set(concernKey(item), byConcern.get(concernKey(item)) ?? findingKey(item));
  }

  for (const finding of review.findings) {
    const restated = finding.path !== null && finding.line !== null ? byConcern.get(concernKey(finding)) : undefined;
    const key = finding.source.kind !== 'model' && evidenceKeys.has(findingKey(finding)) ? findingKey(finding) : restated;
    if (key !== undefined) {
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
