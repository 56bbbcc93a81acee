import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/evidence/collectEvidence.js';
import { generateLargeDiff } from '../../src/evidence/generateLargeDiff.js';
import { isMigration } from '../../src/evidence/isMigration.js';
import { packDiff } from '../../src/evidence/packDiff.js';
import { parseUnifiedDiff } from '../../src/evidence/parseUnifiedDiff.js';
import { DEFAULT_BACKEND_PATHS, DEFAULT_IGNORE_PATHS } from '../../src/config/configSchema.js';

// Scale behaviour only; wall time is measured by the benchmark, never asserted here.
describe('generateLargeDiff at scale', async () => {
  const text = generateLargeDiff();
  const files = parseUnifiedDiff(text);
  const changed = files.reduce((n, f) => n + f.additions + f.deletions, 0);

  it('is deterministic and has the requested shape', () => {
    expect(generateLargeDiff()).toBe(text);
    expect(files).toHaveLength(200);
    expect(new Set(files.map((f) => f.path)).size).toBe(200);
    expect(files.filter((f) => isMigration(f.path))).toHaveLength(20);
    expect(changed).toBeGreaterThan(38_000);
    expect(changed).toBeLessThan(42_000);
  });

  it('scales its size to the options', () => {
    const small = parseUnifiedDiff(generateLargeDiff({ files: 10, changedLines: 1000, migrations: 2 }));
    expect(small).toHaveLength(10);
    expect(small.filter((f) => isMigration(f.path))).toHaveLength(2);
  });

  const evidence = await collectEvidence(files, { ignore: DEFAULT_IGNORE_PATHS });

  it('finds the planted problems across the whole diff', () => {
    const ids = new Set(evidence.findings.map((f) => f.source.id));
    expect(ids).toContain('adding-required-field');
    expect(ids).toContain('require-concurrent-index-creation');
    expect(ids).toContain('hardcoded-secret/github-token');
    expect(ids).toContain('hardcoded-secret/aws-secret-access-key');
    expect(ids).toContain('query-in-loop');
    expect(evidence.notes).toEqual([]);
  });

  it('packs within the budget, leaves the lockfiles out and accounts for every changed line', () => {
    const packed = packDiff(files, { backend: DEFAULT_BACKEND_PATHS, ignore: DEFAULT_IGNORE_PATHS, tokenBudget: 60_000, maxFiles: 300 });
    const sent = packed.files.reduce((n, f) => n + f.patch.length, 0);
    expect(sent / 4).toBeLessThanOrEqual(60_000);
    expect(packed.files.slice(0, 20).every((f) => isMigration(f.path))).toBe(true);
    const lockfiles = files.filter((f) => f.path.endsWith('package-lock.json')).map((f) => f.path);
    expect(lockfiles.length).toBeGreaterThan(0);
    expect(packed.files.some((f) => f.path.endsWith('package-lock.json'))).toBe(false);
    expect(packed.notReviewed.filter((n) => n.path.endsWith('package-lock.json'))).toEqual(
      lockfiles.map((path) => ({ path, reason: expect.stringMatching(/^ignored/) })),
    );
    expect(packed.coverage.totalLines).toBe(changed);
    expect(packed.coverage.reviewedLines).toBeGreaterThan(0);
    expect(packed.coverage.reviewedLines).toBeLessThan(changed);
    expect(packed.files.length + new Set(packed.notReviewed.map((n) => n.path)).size).toBeGreaterThanOrEqual(200);
  });
});
