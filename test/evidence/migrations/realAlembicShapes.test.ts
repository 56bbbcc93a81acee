import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/evidence/collectEvidence.js';
import { at, newFile } from '../diffHelpers.js';

// Shapes met in public projects' migrations (a reality check of the translators), each written anew.

describe('Alembic shapes from real migrations', () => {
  const head = ['from alembic import op', 'import sqlalchemy as sa', '', 'revision = "b2"', 'down_revision = "b1"', ''];

  it('takes a widening to Text (existing_type a String) as the catalog-only change it is', async () => {
    const body = [
      ...head,
      'def upgrade():',
      '    with op.batch_alter_table("widgets") as batch_op:',
      '        batch_op.alter_column("label", existing_type=sa.String(length=200), type_=sa.Text(), existing_nullable=True)',
      '        batch_op.alter_column("weight", existing_type=sa.Integer(), type_=sa.Float())',
    ];
    const { findings } = await collectEvidence([newFile('alembic/versions/b2_widen.py', body)]);
    expect(at(findings)).toEqual(['10 changing-column-type']);
  });

  it('skips a branch for another database and a helper only downgrade() calls', async () => {
    const body = [
      ...head,
      'def upgrade():',
      '    conn = op.get_bind()',
      '    if conn.dialect.name == "mysql":',
      '        op.alter_column("gadgets", "size", existing_type=sa.Integer, nullable=False)',
      '    else:',
      '        op.add_column("gadgets", sa.Column("size", sa.Integer, nullable=False, server_default="0"))',
      '',
      'def _restore(',
      '    table,',
      '):',
      '    op.create_foreign_key("fk_owner", table, "owners", ["owner_id"], ["id"])',
      '',
      'def downgrade():',
      '    _restore("gadgets")',
    ];
    const { findings } = await collectEvidence([newFile('alembic/versions/b3_size.py', body)]);
    expect(findings).toEqual([]);
  });
});

describe('Alembic batch operations', () => {
  const head = ['from alembic import op', 'import sqlalchemy as sa', '', 'revision = "c2"', 'down_revision = "c1"', ''];

  it('puts each batch table where the op.* form has it, from the nearest batch_alter_table', async () => {
    const body = [
      ...head,
      'def upgrade():',
      '    with op.batch_alter_table("parcels") as batch_op:',
      '        batch_op.create_index("ix_parcels_zone", ["zone"])',
      '    with op.batch_alter_table("routes") as batch_op:',
      '        batch_op.drop_index("ix_routes_legacy")',
      '    op.drop_index("ix_hubs_code", table_name="hubs", postgresql_concurrently=True)',
    ];
    const { findings } = await collectEvidence([newFile('alembic/versions/c2_indexes.py', body)]);
    // Line 12 drops CONCURRENTLY outside `autocommit_block()`, in the transaction Alembic runs the revision in: Postgres refuses it.
    expect(at(findings)).toEqual(['11 require-concurrent-index-deletion', '12 concurrent-index-in-transaction', '9 require-concurrent-index-creation']);
    expect(findings.find((f) => f.line === 9)?.body).toContain('CREATE INDEX "ix_parcels_zone" ON "parcels" ("zone");');
    expect(findings.find((f) => f.line === 12)?.body).toContain('**Alembic:** Use `op.drop_index(…, postgresql_concurrently=True)` inside `op.get_context().autocommit_block()`.');
  });

  // Which helpers only downgrade() calls was found by scanning the whole file once per helper: 98 s on
  // this file of 6,000 helpers (280 KB). Bad input gets a bounded time, so the call sites are indexed once.
  it('reads a file of thousands of helpers in linear time', { timeout: 20_000 }, async () => {
    const helpers = Array.from({ length: 6000 }, (_, i) => [`def helper_${i}(x):`, `    return helper_${(i + 1) % 6000}(x)`, '']).flat();
    const body = [
      'from alembic import op',
      'import sqlalchemy as sa',
      ...helpers,
      'def upgrade():',
      '    op.add_column("users", sa.Column("n", sa.Integer(), nullable=False))',
      '',
      'def downgrade():',
      '    helper_1(1)',
    ];
    const started = performance.now();
    const { findings } = await collectEvidence([newFile('migrations/versions/a1_many_helpers.py', body)]);
    expect(at(findings)).toContain(`${helpers.length + 4} adding-required-field`);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
