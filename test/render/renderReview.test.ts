import { describe, expect, it } from 'vitest';
import { ReviewSchema, type Review } from '../../src/domain/reviewSchema.js';
import { GITHUB_BODY_LIMIT } from '../../src/render/limitBody.js';
import { decodeMarker } from '../../src/domain/marker.js';
import { coverageLine, renderReview, sortFindings, verdictLabel, type ReviewMeta } from '../../src/render/renderReview.js';
import { FINDINGS, finding, OFFLINE_INFO, REVIEW, REVIEW_META } from './fixtures.js';

/** Cells of a GFM table row: split on pipes that no odd run of backslashes escapes. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!(?:^|[^\\])(?:\\\\)*\\)\|/)
    .map((c) => c.trim());
}

function tableRows(body: string): string[] {
  const lines = body.split('\n');
  const start = lines.indexOf('| Severity | Where | Finding | Source |');
  const rows: string[] = [];
  for (let i = start + 2; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(lines[i]!);
  return rows;
}

describe('renderReview', () => {
  it('uses a fixture that the review schema accepts', () => {
    expect(ReviewSchema.parse(REVIEW)).toEqual(REVIEW);
  });

  it('renders a realistic incremental review with evidence from squawk, secretlint, a rule and the model', async () => {
    await expect(renderReview(REVIEW, REVIEW_META)).toMatchFileSnapshot('__snapshots__/review.md');
  });

  it('renders a full offline review of a clean PR', async () => {
    const clean: Review = { ...REVIEW, verdict: 'approve', findings: [], checklist: [], notReviewed: [], decisionConflicts: [], summary: 'Adds a `GET /v1/exports` list endpoint with cursor pagination.' };
    const meta: ReviewMeta = {
      ...REVIEW_META,
      info: OFFLINE_INFO,
      notReviewed: [],
      coverage: { reviewedLines: 212, totalLines: 212 },
      incremental: { fullBecause: 'the branch was force-pushed' },
      shas: ['1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d'],
    };
    const body = renderReview(clean, meta);
    await expect(body).toMatchFileSnapshot('__snapshots__/review-clean-offline.md');
    expect(body).toContain('**Verdict:** ✅ Looks good · no findings');
    expect(body).toContain('Full review: the branch was force-pushed.');
    expect(body).not.toContain('### Findings');
  });

  it('says "Looks good" only of a change read in full', () => {
    expect(verdictLabel('approve', { reviewedLines: 212, totalLines: 212 })).toBe('✅ Looks good');
    expect(verdictLabel('approve', { reviewedLines: 0, totalLines: 0 })).toBe('✅ Looks good');
    expect(verdictLabel('approve', { reviewedLines: 150, totalLines: 212 })).toBe('⚠️ Partly reviewed');
    expect(verdictLabel('approve', { reviewedLines: 0, totalLines: 2 })).toBe('⚠️ Not reviewed');
    // Findings already say what was wrong in the part that was read.
    expect(verdictLabel('comment', { reviewedLines: 0, totalLines: 2 })).toBe('💬 Comments');
    expect(verdictLabel('request-changes', { reviewedLines: 1, totalLines: 2 })).toBe('🛑 Changes requested');
  });

  it('puts the partial label on the verdict line of a partly read clean review', () => {
    const clean: Review = { ...REVIEW, verdict: 'approve', findings: [], checklist: [], notReviewed: [], decisionConflicts: [] };
    const body = renderReview(clean, { ...REVIEW_META, coverage: { reviewedLines: 40, totalLines: 212 } });
    expect(body).toContain('**Verdict:** ⚠️ Partly reviewed · no findings');
    expect(body).not.toContain('Looks good');
  });

  it('sorts findings by severity, then path, then line', () => {
    const where = sortFindings(FINDINGS).map((f) => `${f.severity} ${f.path ?? '-'}:${f.line ?? '-'}`);
    expect(where).toEqual([
      'blocker config/staging.env:4',
      'blocker db/migrations/20240611120000_add_export_status.sql:3',
      'major db/migrations/20240611120000_add_export_status.sql:5',
      'major src/repositories/orderRepository.ts:42',
      'minor src/routes/exports.ts:58',
      'nit -:-',
    ]);
    const rows = tableRows(renderReview(REVIEW, REVIEW_META));
    expect(rows.map((r) => cells(r)[0])).toEqual(['⛔ Blocker', '⛔ Blocker', '🔴 Major', '🔴 Major', '🟡 Minor', '⚪ Nit']);
  });

  it('counts findings by severity on the verdict line and states coverage', () => {
    const body = renderReview(REVIEW, REVIEW_META);
    expect(body).toContain('**Verdict:** 🛑 Changes requested · ⛔ 2 blockers · 🔴 2 major · 🟡 1 minor · ⚪ 1 nit');
    expect(body).toContain('Reviewed 1,234 of 5,678 changed lines (22%).');
  });

  it('links squawk and secretlint rules, shows rule ids, and never links a model source', () => {
    const rows = tableRows(renderReview(REVIEW, REVIEW_META));
    const sources = rows.map((r) => cells(r)[3]);
    expect(sources).toContain('squawk [`adding-required-field`](https://squawkhq.com/docs/adding-required-field)');
    expect(sources).toContain('rule `sql-concatenation`');
    expect(sources.at(-1)).toBe('model judgment');
    const sneaky = renderReview({ ...REVIEW, findings: [finding({ source: { kind: 'model', id: 'judgment', url: 'https://evil.example' } })] }, REVIEW_META);
    expect(sneaky).not.toContain('evil.example');
  });

  it('links a location to the reviewed commit', () => {
    const rows = tableRows(renderReview(REVIEW, REVIEW_META));
    expect(cells(rows[2]!)[1]).toBe(
      '[`db/migrations/20240611120000_add_export_status.sql:5-6`](https://github.com/acme/shop-api/blob/1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d/db/migrations/20240611120000_add_export_status.sql#L5-L6)',
    );
    expect(cells(rows.at(-1)!)[1]).toBe('whole PR');
  });

  it('escapes a pipe in a table cell so the row keeps four cells', () => {
    const piped = finding({ title: 'Use `a || b` | not `a | b`', category: 'api|x', path: 'src/a|b.ts', line: 3, source: { kind: 'rule', id: 'x|y', url: null } });
    const rows = tableRows(renderReview({ ...REVIEW, findings: [piped] }, REVIEW_META));
    expect(rows).toHaveLength(1);
    expect(cells(rows[0]!)).toHaveLength(4);
    expect(rows[0]).toContain('`a \\|\\| b` \\| not `a \\| b`');
  });

  it('puts each finding in a details block with its body and suggestion', () => {
    const body = renderReview(REVIEW, REVIEW_META);
    expect(body.match(/^<details>$/gm)?.length).toBe(FINDINGS.length + 1); // + the footer
    expect(body).toContain('<summary>⛔ <b>blocker</b> · AWS access key committed · <code>config/staging.env:4</code></summary>');
    expect(body).toContain("```sql\nALTER TABLE orders ADD COLUMN export_status text NOT NULL DEFAULT 'none';\n```");
  });

  it('renders the checklist with one icon per status', () => {
    const body = renderReview(REVIEW, REVIEW_META);
    expect(body).toContain('- ❌ Migrations are safe to run on a live database: see the two squawk findings');
    expect(body).toContain('- ✅ Authorization checked on every new endpoint');
    expect(body).toContain('- ➖ GraphQL schema changes are backward compatible');
    expect(body).toContain('- 👀 Export worker retries are idempotent: confirm');
  });

  it('lists what was not reviewed, from packing and from the model, collapsing a long list', () => {
    const body = renderReview(REVIEW, REVIEW_META);
    expect(body).toContain('**Not reviewed**\n\n- `package-lock.json` — ignored (lockfile)\n- `src/legacy/reportBuilder.ts` — over the input token budget\n- src/generated/openapi.ts: generated client');
    const many = Array.from({ length: 12 }, (_, i) => ({ path: `vendor/lib${i}.js`, reason: 'ignored (vendored)' }));
    expect(renderReview(REVIEW, { ...REVIEW_META, notReviewed: many })).toContain('<summary>Not reviewed (13)</summary>');
  });

  it('shows the incremental range and the reviewed commits as short shas', () => {
    const body = renderReview(REVIEW, REVIEW_META);
    expect(body).toContain('Incremental review of the commits after 9f8e7d6, up to 1a2b3c4.');
    expect(body).toContain('<sub>Reviewed commits: 9f8e7d6 → 1a2b3c4</sub>');
  });

  it('carries the reviewed shas in the marker', () => {
    expect(decodeMarker(renderReview(REVIEW, REVIEW_META))).toEqual(REVIEW_META.marker);
  });

  it('stays within the limit with hundreds of long findings, keeping the verdict and the marker', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      finding({ severity: 'minor', title: `Unbounded query ${i}`, body: 'Add a `LIMIT` and paginate. '.repeat(20), path: `src/routes/r${i}.ts`, line: i + 1 }),
    );
    const body = renderReview({ ...REVIEW, findings: many }, REVIEW_META);
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body).toContain('**Verdict:**');
    expect(body).toContain('✂️ This comment was cut');
    expect(decodeMarker(body)).toEqual(REVIEW_META.marker);
  });

  it('neutralises hostile text in a finding', () => {
    const evil = finding({
      title: '<img src=x> @everyone-team',
      body: '![x](https://evil.example/p.png)\n/agency:review\n<details open><summary>fake</summary>',
      path: 'src/x.ts',
      line: 1,
    });
    const body = renderReview({ ...REVIEW, findings: [evil] }, REVIEW_META);
    expect(body).not.toMatch(/<img|<details open|evil\.example/);
    expect(body).toContain('<summary>🟡 <b>minor</b> · ');
    expect(body).toContain('&lt;img src=x&gt; <code>@everyone-team</code>');
    expect(body.split('\n').some((l) => l.startsWith('/agency:'))).toBe(false);
  });
});

describe('coverageLine', () => {
  it('formats thousands and rounds, but never shows 100% or 0% for a partial review', () => {
    expect(coverageLine({ reviewedLines: 1234, totalLines: 5678 })).toBe('Reviewed 1,234 of 5,678 changed lines (22%).');
    expect(coverageLine({ reviewedLines: 9999, totalLines: 10000 })).toBe('Reviewed 9,999 of 10,000 changed lines (99%).');
    expect(coverageLine({ reviewedLines: 1, totalLines: 10000 })).toBe('Reviewed 1 of 10,000 changed lines (<1%).');
    expect(coverageLine({ reviewedLines: 40, totalLines: 40 })).toBe('Reviewed 40 of 40 changed lines (100%).');
    expect(coverageLine({ reviewedLines: 0, totalLines: 0 })).toBe('No changed lines to review.');
  });
});
