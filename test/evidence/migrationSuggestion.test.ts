import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/evidence/collectEvidence.js';
import { commentableLines } from '../../src/evidence/commentableLines.js';
import { diffFileFromPatch } from '../../src/evidence/parseUnifiedDiff.js';

function migration(lines: string[]) {
  return diffFileFromPatch('db/migrations/0002_idx.sql', 'added', [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n'));
}

describe('committable suggestions for migrations', () => {
  it('suggests CONCURRENTLY for a one-line CREATE INDEX, replacing exactly that line', async () => {
    const file = migration(['-- speed up lookups', 'CREATE UNIQUE INDEX orders_ref_idx ON orders (ref);']);
    const { findings } = await collectEvidence([file]);
    const finding = findings.find((f) => f.source.id === 'require-concurrent-index-creation');
    expect(finding).toMatchObject({ line: 2, endLine: null, suggestion: 'CREATE UNIQUE INDEX CONCURRENTLY orders_ref_idx ON orders (ref);' });
    expect(commentableLines(file.patch).has(2)).toBe(true);
  });

  it('gives no suggestion when the statement spans lines', async () => {
    const { findings } = await collectEvidence([migration(['CREATE INDEX orders_ref_idx', '  ON orders (ref);'])]);
    const finding = findings.find((f) => f.source.id === 'require-concurrent-index-creation');
    expect(finding).toMatchObject({ line: 1, suggestion: null });
  });
});
