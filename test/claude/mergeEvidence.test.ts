import { describe, expect, it } from 'vitest';
import { mergeEvidence, MODEL_SOURCE } from '../../src/model/claude/mergeEvidence.js';
import type { Finding } from '../../src/domain/findingSchema.js';
import { reviewData, secretFinding, squawkFinding } from './fixtures.js';

const judgment: Finding = {
  severity: 'minor',
  category: 'api',
  title: 'Page size is unbounded',
  body: 'Cap limit at 100.',
  path: 'src/routes/orders.ts',
  line: 20,
  endLine: null,
  suggestion: null,
  source: MODEL_SOURCE,
};

describe('mergeEvidence', () => {
  it('re-adds every evidence finding the model omitted, first and in order', () => {
    const merged = mergeEvidence(reviewData([judgment]), [squawkFinding, secretFinding]);
    expect(merged.findings).toEqual([squawkFinding, secretFinding, judgment]);
  });

  it('keeps the evidence as it was when the model echoes it with a lower severity, appending its explanation', () => {
    const echo: Finding = { ...squawkFinding, severity: 'nit', title: 'meh', body: 'Use CREATE INDEX CONCURRENTLY.' };
    const merged = mergeEvidence(reviewData([echo]), [squawkFinding]);
    expect(merged.findings).toHaveLength(1);
    expect(merged.findings[0]).toMatchObject({ severity: 'major', title: squawkFinding.title, source: squawkFinding.source });
    expect(merged.findings[0]!.body).toBe(`${squawkFinding.body}\n\nUse CREATE INDEX CONCURRENTLY.`);
  });

  it('folds the model restating an evidence finding under its own source (same path, line and category) into it', () => {
    const restated: Finding = { ...squawkFinding, source: MODEL_SOURCE, severity: 'minor', title: 'Index locks writes', body: 'Build it concurrently, outside a transaction.' };
    const merged = mergeEvidence(reviewData([restated, judgment]), [squawkFinding]);
    expect(merged.findings).toHaveLength(2);
    expect(merged.findings[0]).toMatchObject({ severity: squawkFinding.severity, source: squawkFinding.source });
    expect(merged.findings[0]!.body).toContain('Build it concurrently, outside a transaction.');
    expect(merged.findings[1]).toEqual(judgment);
  });

  it('does not duplicate an echo that repeats the evidence body', () => {
    const merged = mergeEvidence(reviewData([{ ...squawkFinding }]), [squawkFinding]);
    expect(merged.findings).toEqual([squawkFinding]);
  });

  it('labels every other finding as model judgment, whatever source the model claimed', () => {
    const fake: Finding = { ...judgment, source: { kind: 'squawk', id: 'invented-rule', url: 'https://example.com' } };
    const sameLineOtherRule: Finding = { ...squawkFinding, category: 'performance', source: { kind: 'rule', id: 'other', url: null } };
    const merged = mergeEvidence(reviewData([fake, sameLineOtherRule]), [squawkFinding]);
    expect(merged.findings).toHaveLength(3);
    expect(merged.findings[1]!.source).toEqual(MODEL_SOURCE);
    expect(merged.findings[2]!.source).toEqual(MODEL_SOURCE);
  });

  it('keeps duplicated evidence (same key twice) twice', () => {
    const merged = mergeEvidence(reviewData([]), [squawkFinding, { ...squawkFinding }]);
    expect(merged.findings).toHaveLength(2);
  });

  it('turns approve into comment when evidence holds a blocker or major finding', () => {
    expect(mergeEvidence({ ...reviewData([]), verdict: 'approve' }, [secretFinding]).verdict).toBe('comment');
    expect(mergeEvidence({ ...reviewData([]), verdict: 'approve' }, [{ ...squawkFinding, severity: 'nit' }]).verdict).toBe(
      'approve',
    );
    expect(mergeEvidence({ ...reviewData([]), verdict: 'request-changes' }, [secretFinding]).verdict).toBe('request-changes');
  });
});
