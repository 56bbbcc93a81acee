import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Agent } from '../../src/domain/Agent.js';
import { collectEvidence } from '../../src/evidence/collectEvidence.js';
import { packDiff } from '../../src/evidence/packDiff.js';
import { parseUnifiedDiff } from '../../src/evidence/parseUnifiedDiff.js';
import { DEFAULT_BACKEND_PATHS, DEFAULT_IGNORE_PATHS } from '../../src/config/configSchema.js';
import type { Finding } from '../../src/domain/findingSchema.js';
import type { PackedDiff, ReviewRequest } from '../../src/domain/Model.js';
import { offlineReview } from '../../src/model/offline/offlineReview.js';
import { ReviewSchema } from '../../src/domain/reviewSchema.js';

const agent: Agent = { name: 'backend-architect', description: 'Backend architect', prompt: 'You review backends.', source: 'test' };
const request = (diff: PackedDiff, evidence: Finding[]): ReviewRequest => ({
  agent,
  focus: 'review',
  subject: { kind: 'pull_request', number: 7, title: 'Tenancy', body: '', comments: [] },
  diff,
  evidence,
  decisions: [],
});
const finding = (over: Partial<Finding>): Finding => ({
  severity: 'minor',
  category: 'performance',
  title: 't',
  body: 'b',
  path: 'src/a.ts',
  line: 1,
  endLine: null,
  suggestion: null,
  source: { kind: 'rule', id: 'select-star', url: null },
  ...over,
});
const status = (review: ReturnType<typeof offlineReview>, prefix: string) => review.checklist.find((c) => c.item.startsWith(prefix))?.status;

describe('offlineReview on the realistic pull request', async () => {
  const files = parseUnifiedDiff(readFileSync(new URL('../fixtures/diffs/backend-pr.diff', import.meta.url), 'utf8'));
  const diff = packDiff(files, { backend: DEFAULT_BACKEND_PATHS, ignore: DEFAULT_IGNORE_PATHS, tokenBudget: 60_000, maxFiles: 300 });
  const { findings } = await collectEvidence(files);
  const review = offlineReview(request(diff, findings));

  it('is a valid Review that keeps every piece of evidence, in order', () => {
    expect(ReviewSchema.parse(review)).toEqual(review);
    expect(review.findings).toEqual(findings);
    expect(review.decisionConflicts).toEqual([]);
  });

  it('requests changes because of blockers', () => {
    expect(review.verdict).toBe('request-changes');
  });

  it('fails the checklist items the evidence shows failing, and names where', () => {
    expect(status(review, 'Migrations are safe')).toBe('fail');
    expect(review.checklist.find((c) => c.item.startsWith('Migrations'))?.note).toContain('db/migrations/20240501120000_add_tenant_to_users.sql:2');
    expect(status(review, 'Authorization')).toBe('fail');
    expect(status(review, 'Input is validated')).toBe('fail');
    expect(status(review, 'No secrets')).toBe('fail');
  });

  it('leaves the rest to a human, or n/a when nothing relevant changed', () => {
    expect(status(review, 'List endpoints')).toBe('check');
    expect(status(review, 'New query paths')).toBe('check');
    expect(status(review, 'Outbound calls')).toBe('n/a');
  });

  it('lists what was not reviewed and says honestly what kind of review this is', () => {
    expect(review.notReviewed).toEqual([expect.stringMatching(/^package-lock\.json: ignored/)]);
    expect(review.summary).toMatch(/^Offline evidence review: no model was consulted\./);
    expect(review.summary).toContain('29 lines; 15 of them');
  });
});

describe('offlineReview verdicts and scope', () => {
  const diffOf = (paths: string[], patch = ''): PackedDiff => ({
    files: paths.map((path) => ({ path, status: 'modified', patch })),
    notReviewed: [],
    coverage: { reviewedLines: 1, totalLines: 1 },
  });

  it('comments on major or minor findings and approves when there are none', () => {
    expect(offlineReview(request(diffOf(['src/a.ts']), [finding({ severity: 'major' })])).verdict).toBe('comment');
    expect(offlineReview(request(diffOf(['src/a.ts']), [finding({ severity: 'minor' })])).verdict).toBe('comment');
    const clean = offlineReview(request(diffOf(['src/a.ts']), []));
    expect(clean.verdict).toBe('approve');
    expect(clean.summary).toContain('found nothing to report');
  });

  it('marks everything n/a for a docs-only change except the secrets check', () => {
    const review = offlineReview(request(diffOf(['README.md']), []));
    expect(review.checklist.filter((c) => c.status !== 'n/a').map((c) => c.item)).toEqual(['No secrets in code or configuration']);
  });

  it('asks a human about outbound calls when the code makes them', () => {
    const review = offlineReview(request(diffOf(['src/services/pay.ts'], '@@ -1 +1 @@\n+const res = await fetch(url);'), []));
    expect(status(review, 'Outbound calls')).toBe('check');
  });

  it('fails the N+1 item on a query-in-loop finding', () => {
    const review = offlineReview(request(diffOf(['src/services/a.ts']), [finding({ source: { kind: 'rule', id: 'query-in-loop', url: null }, severity: 'major' })]));
    expect(status(review, 'New query paths')).toBe('fail');
  });
});
