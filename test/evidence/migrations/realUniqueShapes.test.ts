import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/evidence/collectEvidence.js';
import { at, newFile } from '../diffHelpers.js';

// Shapes met in public projects' migrations (a reality check of the translators), each written anew.

describe('UNIQUE constraints from a translated migration', () => {
  it('does not ask for NOT VALID on a UNIQUE constraint (Postgres refuses it); the unique finding stays', async () => {
    const body = [
      "exports.up = (knex) => knex.schema.alterTable('vouchers', (t) => {",
      "  t.unique(['code'], 'vouchers_code_unique');",
      '});',
    ];
    const { findings } = await collectEvidence([newFile('migrations/20240407_voucher_code.js', body)]);
    expect(at(findings)).toEqual(['2 disallowed-unique-constraint']);
  });
});
