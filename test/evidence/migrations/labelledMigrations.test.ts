import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/evidence/collectEvidence.js';
import { addedFile, loadLabelledMigrations } from '../../support/labelledMigrations.js';

const labelled = loadLabelledMigrations();

describe('labelled framework migrations through collectEvidence', () => {
  it('has labelled unsafe and safe examples for every framework folder', () => {
    // Prisma writes plain SQL: squawk's own .sql behaviour applies (convention rules once per file), no translation to label.
    const frameworks = new Set(labelled.map((m) => m.framework).filter((f) => f !== 'prisma'));
    for (const framework of frameworks) {
      const mine = labelled.filter((m) => m.framework === framework);
      expect(mine.some((m) => m.expected.length > 0), framework).toBe(true);
      expect(mine.some((m) => m.expected.length === 0), framework).toBe(true);
    }
  });

  for (const m of labelled) {
    it(`${m.framework}: ${m.path} → ${m.expected.length === 0 ? 'no findings' : m.expected.map((e) => `${e.rule}@${e.line}`).join(', ')}`, async () => {
      const { findings } = await collectEvidence([addedFile(m.path, m.content)]);
      const got = findings.filter((f) => f.path === m.path).map((f) => `${f.line} ${f.source.id}`).sort();
      expect(got).toEqual(m.expected.map((e) => `${e.line} ${e.rule}`).sort());
    });
  }
});
