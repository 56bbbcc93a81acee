import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/evidence/collectEvidence.js';
import { at, newFile } from '../diffHelpers.js';

// Shapes found missing when the Knex, Sequelize, TypeORM and Laravel translators were measured on public
// migrations (and the Rails/Alembic misses of the earlier measurement); each example is written for this test.

describe('Knex shapes', () => {
  it('reads builder callbacks whose parameter has a TypeScript type', async () => {
    const body = [
      "import type { Knex } from 'knex';",
      'export const up = async (db: Knex) => {',
      "  await db.schema.alterTable('invoices', (t: Knex.AlterTableBuilder) => {",
      "    t.index('tenant_code');",
      '  });',
      "  await db.schema.alterTable('invoices', function (tbl: Knex.TableBuilder) {",
      "    tbl.string('tenant_code', 40).notNullable().alter();",
      '  });',
      '};',
      'export const down = async () => {};',
    ];
    expect(at((await collectEvidence([newFile('server/migrations/20240401_invoice_tenant.ts', body)])).findings)).toEqual([
      '4 require-concurrent-index-creation',
      '7 adding-not-nullable-field',
      '7 changing-column-type',
    ]);
  });

  it('fills knex.raw bindings that are literals, and notes (never sends to squawk) SQL with a computed binding', async () => {
    const body = [
      'exports.up = async (knex) => {',
      "  await knex.raw('CREATE INDEX ?? ON ?? (sku)', ['parts_sku_idx', 'parts']);",
      "  await knex.raw('ALTER TABLE parts ADD COLUMN weight ?', [knex.raw(unitType)]);",
      "  await knex.schema.alterTable('parts', (t) => { t.dropColumn('legacy_bin'); });",
      '};',
    ];
    const { findings, notes } = await collectEvidence([newFile('db/migrations/20240402_parts.js', body)]);
    expect(at(findings)).toEqual(['2 require-concurrent-index-creation', '4 ban-drop-column']);
    expect(notes.join('\n')).toMatch(/Not linted in db\/migrations\/20240402_parts\.js \(Knex\): line 3 `knex\.raw` with interpolated or computed SQL/);
    expect(notes.join('\n')).not.toMatch(/could not parse/);
  });

  it('skips the branches that cannot run on Postgres, and keeps those that do', async () => {
    const body = [
      'exports.up = async function up(knex) {',
      "  if (knex.client.config.client === 'sqlite3') {",
      "    await knex.schema.alterTable('shipments', (t) => { t.index(['carrier']); });",
      '  } else {',
      "    await knex.raw('CREATE INDEX CONCURRENTLY shipments_carrier_idx ON shipments (carrier)');",
      '  }',
      "  if (!knex.client.config.client.includes('mysql')) {",
      "    await knex.schema.alterTable('shipments', (t) => { t.index(['eta']); });",
      '  }',
      '};',
      'exports.config = { transaction: false };',
    ];
    expect(at((await collectEvidence([newFile('db/migrations/20240403_shipments.js', body)])).findings)).toEqual(['8 require-concurrent-index-creation']);
  });
});

describe('helpers of the other databases', () => {
  it('skips a helper called only from a branch that cannot run on Postgres, and lints one the Postgres path calls', async () => {
    const body = [
      "import type { Knex } from 'knex';",
      'async function rebuildForMysql(db: Knex): Promise<void> {',
      "  await db.raw('UPDATE parcels SET weight_g = weight_kg * 1000');",
      "  await db.raw('ALTER TABLE parcels MODIFY weight_g INT NOT NULL');",
      '}',
      'async function indexParcels(db: Knex): Promise<void> {',
      "  await db.schema.alterTable('parcels', (t) => { t.index(['weight_g']); });",
      '}',
      'export async function up(db: Knex): Promise<void> {',
      "  if (db.client.config.client === 'mysql2') {",
      '    await rebuildForMysql(db);',
      '    return;',
      '  }',
      '  await indexParcels(db);',
      '}',
      'export async function down(db: Knex): Promise<void> {}',
    ];
    const { findings, notes } = await collectEvidence([newFile('src/migrations/20240405_parcel_weight.ts', body)]);
    expect(at(findings)).toEqual(['7 require-concurrent-index-creation']);
    expect(notes.join('\n')).not.toMatch(/could not parse/);
  });

  it('follows arrow helpers the same way', async () => {
    const body = [
      'const copyForSqlite = async (db) => {',
      "  await db.raw('UPDATE crates SET label_v2 = label');",
      '};',
      'exports.up = async (db) => {',
      "  await db.schema.alterTable('crates', (t) => { t.string('label_v2'); });",
      "  if (db.client.config.client === 'sqlite3') await copyForSqlite(db);",
      "  if (db.client.config.client === 'sqlite3') {",
      '    await copyForSqlite(db);',
      '  }',
      '};',
    ];
    // The one-line `if` without braces is not a cleared branch: that call counts as running, so the helper is linted.
    expect(at((await collectEvidence([newFile('db/migrations/20240407_crate_label.js', body)])).findings)).toEqual(['2 backfill-in-schema-migration']);
    const braced = body.filter((_, i) => i !== 5);
    expect(at((await collectEvidence([newFile('db/migrations/20240407_crate_label.js', braced)])).findings)).toEqual([]);
  });

  it('still lints the helper when the Postgres path calls it too', async () => {
    const body = [
      'async function backfill(db) {',
      "  await db.raw('UPDATE parcels SET weight_g = 0');",
      '}',
      'exports.up = async function (db) {',
      "  await db.schema.alterTable('parcels', (t) => { t.integer('weight_g'); });",
      "  if (db.client.config.client === 'sqlite3') {",
      '    await backfill(db);',
      '  }',
      '  await backfill(db);',
      '};',
    ];
    expect(at((await collectEvidence([newFile('db/migrations/20240406_parcel_weight.js', body)])).findings)).toEqual(['2 backfill-in-schema-migration']);
  });
});

describe('Sequelize and TypeORM backfills', () => {
  const sequelize = (wrap: boolean) => [
    'module.exports = {',
    '  async up(queryInterface, Sequelize) {',
    ...(wrap ? ['    await queryInterface.sequelize.transaction(async (transaction) => {'] : ['    {']),
    "      await queryInterface.addColumn('vouchers', 'redeemed', { type: Sequelize.BOOLEAN, allowNull: true });",
    "      await queryInterface.sequelize.query('UPDATE vouchers SET redeemed = false');",
    wrap ? '    });' : '    }',
    '  },',
    '};',
  ];

  it('reports a Sequelize backfill only when the migration opens a transaction (sequelize-cli runs none by default)', async () => {
    expect(at((await collectEvidence([newFile('migrations/20240404-vouchers.js', sequelize(false))])).findings)).toEqual([]);
    expect(at((await collectEvidence([newFile('migrations/20240404-vouchers.js', sequelize(true))])).findings)).toEqual(['5 backfill-in-schema-migration']);
  });

  it('takes a Sequelize changeColumn to the type its down migration restores as a nullability change, not a type change', async () => {
    const body = (upType: string) => [
      'module.exports = {',
      '  up: async (queryInterface, Sequelize) => {',
      `    await queryInterface.changeColumn('couriers', 'phone', { type: ${upType}, allowNull: true });`,
      '  },',
      '  down: async (queryInterface, Sequelize) => {',
      "    await queryInterface.changeColumn('couriers', 'phone', { type: Sequelize.STRING(32), allowNull: false });",
      '  },',
      '};',
    ];
    expect(at((await collectEvidence([newFile('migrations/20240409-courier-phone.js', body('Sequelize.STRING(32)'))])).findings)).toEqual([]);
    expect(at((await collectEvidence([newFile('migrations/20240409-courier-phone.js', body('Sequelize.BIGINT'))])).findings)).toEqual(['3 changing-column-type']);
  });

  it("reports a TypeORM backfill (one transaction by default), but not TypeORM's own typeorm_metadata rows", async () => {
    const body = [
      "import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';",
      'export class BadgeLevel1712000000000 implements MigrationInterface {',
      '  public async up(queryRunner: QueryRunner): Promise<void> {',
      "    await queryRunner.addColumn('badges', new TableColumn({ name: 'level', type: 'int', isNullable: true }));",
      '    await queryRunner.query(`UPDATE badges SET level = 1`);',
      '    await queryRunner.query(`INSERT INTO "typeorm_metadata"("type", "name") VALUES ($1, $2)`, [\'VIEW\', \'badge_stats\']);',
      '  }',
      '  public async down(queryRunner: QueryRunner): Promise<void> {}',
      '}',
    ];
    expect(at((await collectEvidence([newFile('src/migrations/1712000000000-BadgeLevel.ts', body)])).findings)).toEqual(['5 backfill-in-schema-migration']);
  });
});

describe('Laravel shapes', () => {
  const laravel = (up: string[]) => [
    '<?php',
    'use Illuminate\\Database\\Migrations\\Migration;',
    'use Illuminate\\Database\\Schema\\Blueprint;',
    'use Illuminate\\Support\\Facades\\DB;',
    'use Illuminate\\Support\\Facades\\Schema;',
    'return new class extends Migration {',
    '    public function up(): void',
    '    {',
    ...up.map((l) => `        ${l}`),
    '    }',
    '};',
  ];

  it('reports rows written by DB::table, Eloquent chunks and DB::statement next to a schema change in the transaction', async () => {
    const up = [
      "Schema::table('tickets', function (Blueprint $table) { $table->string('queue')->nullable(); });",
      "DB::table('tickets')->whereNull('queue')->update(['queue' => 'default']);",
      'Ticket::query()->chunkById(500, function ($rows) { foreach ($rows as $r) { $r->save(); } });',
      "DB::statement('UPDATE tickets SET priority = 0 WHERE priority IS NULL');",
    ];
    expect(at((await collectEvidence([newFile('database/migrations/2024_04_05_000000_ticket_queue.php', laravel(up))])).findings)).toEqual([
      '10 backfill-in-schema-migration',
      '11 backfill-in-schema-migration',
      '12 backfill-in-schema-migration',
    ]);
  });

  it('reads Schema::connection(...)->table and DB::connection(...)->statement like the default connection (they were passed over)', async () => {
    const up = [
      "Schema::connection('pgsql')->table('tickets', function (Blueprint $table) { $table->index('sla_due'); });",
      "DB::connection('pgsql')->statement('ALTER TABLE tickets DROP COLUMN legacy_ref');",
    ];
    expect(at((await collectEvidence([newFile('database/migrations/2024_04_10_000000_ticket_sla.php', laravel(up))])).findings)).toEqual(['10 ban-drop-column', '9 require-concurrent-index-creation']);
  });

  it('lints a Postgres-only branch and skips a branch for another driver', async () => {
    const up = [
      "Schema::table('tickets', function (Blueprint $table) {",
      "    if (DB::getDriverName() === 'pgsql') { $table->index('assignee_id'); }",
      "    if (DB::getDriverName() === 'mysql') { $table->index('reporter_id'); }",
      '});',
    ];
    expect(at((await collectEvidence([newFile('database/migrations/2024_04_06_000000_ticket_indexes.php', laravel(up))])).findings)).toEqual(['10 require-concurrent-index-creation']);
  });
});

describe('Rails raw SQL shapes', () => {
  const rails = (up: string[]) => ['class IndexLedgers < ActiveRecord::Migration[7.1]', '  def up', ...up.map((l) => `    ${l}`), '  end', 'end'];
  const lint = async (up: string[]) => at((await collectEvidence([newFile('db/migrate/20240407000000_index_ledgers.rb', rails(up))])).findings);

  it('reads connection.execute like execute (it was passed over silently)', async () => {
    expect(await lint(['connection.execute("CREATE INDEX ledgers_account_idx ON ledgers (account_id)")'])).toEqual(['3 require-concurrent-index-creation']);
    expect(await lint(['ActiveRecord::Base.connection.execute("ALTER TABLE ledgers DROP COLUMN memo")'])).toEqual(['3 ban-drop-column']);
  });

  it('reads %Q() with nested parentheses, <<~SQL.squish and strings joined across a line continuation', async () => {
    expect(await lint(['execute %Q(CREATE INDEX ledgers_account_idx ON ledgers (account_id))'])).toEqual(['3 require-concurrent-index-creation']);
    expect(await lint(['execute <<~SQL.squish', '  CREATE INDEX ledgers_account_idx ON ledgers (account_id);', 'SQL'])).toEqual(['4 require-concurrent-index-creation']);
    expect(await lint(['execute "CREATE INDEX ledgers_account_idx " \\', '  "ON ledgers (account_id)"'])).toEqual(['4 require-concurrent-index-creation']);
  });
});

describe('Alembic autocommit_block', () => {
  const revision = (body: string[]) => ['from alembic import op', '', 'def upgrade():', ...body.map((l) => `    ${l}`), '', 'def downgrade():', '    pass'];
  const lint = async (body: string[]) => at((await collectEvidence([newFile('alembic/versions/20240408_orders_idx.py', revision(body))])).findings);

  it('reports a concurrent index outside autocommit_block (it fails inside the migration transaction) and accepts it inside', async () => {
    expect(await lint(["op.create_index('ix_orders_ref', 'orders', ['ref'], postgresql_concurrently=True)"])).toEqual(['4 ban-concurrent-index-creation-in-transaction']);
    expect(await lint(['op.execute("CREATE INDEX CONCURRENTLY ix_orders_ref ON orders (ref)")'])).toEqual(['4 ban-concurrent-index-creation-in-transaction']);
    expect(await lint(['with op.get_context().autocommit_block():', "    op.create_index('ix_orders_ref', 'orders', ['ref'], postgresql_concurrently=True)"])).toEqual([]);
  });

  it('keeps the statements after the block in a transaction again', async () => {
    const body = [
      'with op.get_context().autocommit_block():',
      '    op.execute("CREATE INDEX CONCURRENTLY ix_orders_ref ON orders (ref)")',
      'op.execute("CREATE INDEX CONCURRENTLY ix_orders_day ON orders (day)")',
    ];
    expect(await lint(body)).toEqual(['6 ban-concurrent-index-creation-in-transaction']);
  });
});
