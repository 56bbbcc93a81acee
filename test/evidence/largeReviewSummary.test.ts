import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKEND_PATHS, DEFAULT_IGNORE_PATHS } from '../../src/config/configSchema.js';
import { collectEvidence } from '../../src/evidence/collectEvidence.js';
import { generateLargeDiff } from '../../src/evidence/generateLargeDiff.js';
import { packDiff } from '../../src/evidence/packDiff.js';
import { parseUnifiedDiff } from '../../src/evidence/parseUnifiedDiff.js';
import type { ReviewRequest } from '../../src/domain/Model.js';
import { offlineReview } from '../../src/model/offline/offlineReview.js';
import { GITHUB_BODY_LIMIT } from '../../src/render/limitBody.js';
import { decodeMarker } from '../../src/domain/marker.js';
import { renderReview, type ReviewMeta } from '../../src/render/renderReview.js';
import { OFFLINE_INFO } from '../render/fixtures.js';

// The summary comment of a review with hundreds of findings (the generated 200-file / 40,000-line PR).
describe('the summary comment of a review with hundreds of findings', async () => {
  const files = parseUnifiedDiff(generateLargeDiff());
  const evidence = await collectEvidence(files, { ignore: DEFAULT_IGNORE_PATHS });
  const packed = packDiff(files, { backend: DEFAULT_BACKEND_PATHS, ignore: DEFAULT_IGNORE_PATHS, tokenBudget: 60_000, maxFiles: 300 });
  const review = offlineReview({ diff: packed, evidence: evidence.findings, decisions: [] } as unknown as ReviewRequest);
  const marker: ReviewMeta['marker'] = { family: 'review', shas: ['abcdef1234567'] };
  const body = renderReview(review, { marker, info: OFFLINE_INFO, coverage: packed.coverage, notReviewed: packed.notReviewed, shas: ['abcdef1234567'] });
  const rows = body.split('\n').filter((l) => /^\| (?:⛔|🔴|🟡|⚪|💭|🔵)/u.test(l));
  const total = review.findings.length;

  it('has hundreds of findings, and stays under the limit with the verdict, the checklist and the marker', () => {
    expect(total).toBeGreaterThan(300);
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body).toContain('**Verdict:**');
    expect(body).toContain('### Checklist');
    expect(body).toContain('Migrations are safe to run online and reversible');
    expect(decodeMarker(body)).toEqual(marker);
  });

  it('keeps the most severe findings in the table and says how many, of which severity, were left out', () => {
    const blockers = review.findings.filter((f) => f.severity === 'blocker').length;
    expect(rows.filter((r) => r.includes('Blocker'))).toHaveLength(blockers);
    expect(rows.length).toBeLessThan(total);
    const left = total - rows.length;
    expect(body).toContain(`${left} more finding${left === 1 ? '' : 's'} not listed`);
  });

  it('lists each file that was not reviewed once, not once from packing and again from the engine', () => {
    const lockfiles = new Set(packed.notReviewed.filter((n) => n.path.endsWith('package-lock.json')).map((n) => n.path));
    expect(lockfiles.size).toBeGreaterThan(1);
    const lines = body.split('\n').filter((l) => l.includes('package-lock.json'));
    expect(lines).toHaveLength(lockfiles.size);
  });
});
