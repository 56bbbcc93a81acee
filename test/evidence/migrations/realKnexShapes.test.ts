import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/evidence/collectEvidence.js';
import { newFile } from '../diffHelpers.js';

// Shapes met in public projects' migrations (a reality check of the translators), each written anew.
const at = (findings: Array<{ line: number | null; source: { id: string } }>) => findings.map((f) => `${f.line} ${f.source.id}`).sort();

describe('Knex shapes from real migrations', () => {
  it('reads table.dateTime (camel case, as Knex also spells it) as a column', async () => {
    const body = [
      'exports.up = async (knex) => {',
      "  await knex.schema.alterTable('shipments', (t) => {",
      "    t.dateTime('picked_at').defaultTo(knex.fn.now());",
      "    t.dateTime('packed_at').notNullable();",
      '  });',
      '};',
    ];
    const { findings, notes } = await collectEvidence([newFile('migrations/20240405_shipment_times.js', body)]);
    expect(notes).toEqual([]);
    expect(at(findings)).toEqual(['4 adding-required-field']);
  });
});
