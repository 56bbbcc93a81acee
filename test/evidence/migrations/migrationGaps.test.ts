import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/evidence/collectEvidence.js';
import { translateAlembic } from '../../../src/evidence/migrations/translateAlembic.js';
import { resolveStatement } from '../../../src/evidence/migrations/translateEcto.js';
import { translateKnex } from '../../../src/evidence/migrations/translateKnex.js';
import { translateLaravel } from '../../../src/evidence/migrations/translateLaravel.js';
import { translateSequelize } from '../../../src/evidence/migrations/translateSequelize.js';
import { translateTypeorm } from '../../../src/evidence/migrations/translateTypeorm.js';
import { rewrites } from '../../../src/evidence/migrations/tableBuilder.js';
import { tokenize } from '../../../src/evidence/migrations/tokenize.js';
import { diffFileFromPatch } from '../../../src/evidence/parseUnifiedDiff.js';
import { at, newFile } from '../diffHelpers.js';

// Gaps found by measuring on other linters' public test suites; every example here is written anew.

describe('Alembic exclusion constraints', () => {
  it('lints op.create_exclude_constraint on an existing table, not on one created in the revision', async () => {
    const body = [
      'from alembic import op',
      '',
      'def upgrade():',
      '    op.create_exclude_constraint(',
      '        "no_double_booking", "reservations", ("room_id", "="), ("during", "&&"), using="gist"',
      '    )',
      '    op.create_table("shifts")',
      '    op.create_exclude_constraint("no_overlap", "shifts", ("span", "&&"))',
    ];
    const { findings } = await collectEvidence([newFile('alembic/versions/5e1c_bookings.py', body)]);
    expect(at(findings)).toEqual(['4 constraint-missing-not-valid']);
  });
});

describe('Ecto concurrent indexes and the migration lock', () => {
  const migration = (attributes: string[]) => [
    'defmodule Shop.Repo.Migrations.IndexOrdersByPlacedAt do',
    '  use Ecto.Migration',
    ...attributes,
    '  def change do',
    '    create index(:orders, [:placed_at], concurrently: true)',
    '  end',
    'end',
  ];

  it('reports a concurrent index with the DDL transaction off but the migration lock on', async () => {
    const { findings } = await collectEvidence([newFile('priv/repo/migrations/20250301000000_index_orders.exs', migration(['  @disable_ddl_transaction true']))]);
    expect(at(findings)).toEqual(['5 concurrent-index-with-migration-lock']);
  });

  it('accepts it with both attributes', async () => {
    const body = migration(['  @disable_ddl_transaction true', '  @disable_migration_lock true']);
    const { findings } = await collectEvidence([newFile('priv/repo/migrations/20250301000001_index_orders.exs', body)]);
    expect(at(findings)).toEqual([]);
  });
});

describe('Ecto indexes built through a name or a pipeline', () => {
  it('reads `create ix` after `ix = unique_index(...)` and `:t |> index([...]) |> create()`', async () => {
    const body = [
      'defmodule Billing.Repo.Migrations.InvoiceIndexes do',
      '  use Ecto.Migration',
      '  def change do',
      '    by_number = unique_index(:invoices, [:number])',
      '    create by_number',
      '    :payments |> index([:paid_at]) |> create()',
      '  end',
      'end',
    ];
    const { findings, notes } = await collectEvidence([newFile('priv/repo/migrations/20250302000000_invoice_indexes.exs', body)]);
    expect(at(findings)).toEqual(['5 require-concurrent-index-creation', '6 require-concurrent-index-creation']);
    expect(notes.join('\n')).not.toMatch(/Not linted/);
  });

  it('turns a pipeline into nested calls and leaves other statements alone', () => {
    const text = (src: string) => resolveStatement(tokenize(src, 'elixir').filter((t) => t.kind !== 'nl'), new Map())?.map((t) => t.text).join(' ');
    expect(text(':a |> f(1) |> g()')).toBe('g ( f ( :a , 1 ) )');
    expect(text('"t" |> Mod.h')).toBe('Mod . h ( "t" )');
    expect(text('create index(:t, [:c])')).toBeUndefined();
    expect(text('x || y')).toBeUndefined();
  });
});

describe('Django: database defaults set by django-add-default-value', () => {
  it('does not report the dropped Django default when AddDefaultValue puts one in the database', async () => {
    const body = [
      'from django.db import migrations, models',
      'from django_add_default_value import AddDefaultValue',
      '',
      'class Migration(migrations.Migration):',
      '    dependencies = [("library", "0004_loans")]',
      '    operations = [',
      '        migrations.AddField(model_name="loan", name="renewals", field=models.PositiveIntegerField(default=0)),',
      '        AddDefaultValue(model_name="loan", name="renewals", value=0),',
      '        migrations.AddField(model_name="loan", name="late", field=models.BooleanField(default=False)),',
      '    ]',
    ];
    const { findings } = await collectEvidence([newFile('library/migrations/0005_loan_counters.py', body)]);
    expect(at(findings)).toEqual(['9 not-null-without-database-default']);
  });
});

describe('Django: data migrations that import the app models', () => {
  it('reports `from <app>.models import` in a migration with RunPython', async () => {
    const body = [
      'from django.db import migrations',
      'from inventory.models import Warehouse',
      '',
      'def close_empty(apps, schema_editor):',
      '    Warehouse.objects.filter(stock=0).update(open=False)',
      '',
      'class Migration(migrations.Migration):',
      '    dependencies = [("inventory", "0011_stock")]',
      '    operations = [migrations.RunPython(close_empty, migrations.RunPython.noop)]',
    ];
    const { findings } = await collectEvidence([newFile('inventory/migrations/0012_close_empty.py', body)]);
    expect(at(findings)).toEqual(['2 migration-imports-models']);
  });

  it('leaves generated imports and schema-only migrations alone', async () => {
    const body = [
      'import django.contrib.auth.models',
      'from django.db import migrations, models',
      'import inventory.models',
      '',
      'class Migration(migrations.Migration):',
      '    dependencies = [("inventory", "0012_close_empty")]',
      '    operations = [',
      '        migrations.AddField(model_name="bin", name="code", field=models.CharField(max_length=8, null=True, default=inventory.models.new_code)),',
      '    ]',
    ];
    const { findings } = await collectEvidence([newFile('inventory/migrations/0013_bin_code.py', body)]);
    expect(at(findings)).toEqual([]);
  });
});

describe('Django: data operations with no way back', () => {
  it('reports RunPython without reverse_code and RunSQL without reverse_sql, not those that give one', async () => {
    const body = [
      'from django.db import migrations',
      '',
      'def archive(apps, schema_editor):',
      '    apps.get_model("crm", "Lead").objects.filter(stale=True).update(archived=True)',
      '',
      'class Migration(migrations.Migration):',
      '    dependencies = [("crm", "0020_leads")]',
      '    operations = [',
      '        migrations.RunPython(archive),',
      '        migrations.RunPython(archive, reverse_code=migrations.RunPython.noop),',
      '        migrations.RunSQL("UPDATE crm_lead SET score = 0 WHERE score IS NULL"),',
      '        migrations.RunSQL("UPDATE crm_lead SET tier = 1", "UPDATE crm_lead SET tier = NULL"),',
      '    ]',
    ];
    const { findings } = await collectEvidence([newFile('crm/migrations/0021_archive_leads.py', body)]);
    expect(at(findings).filter((f) => f.endsWith('irreversible-data-migration'))).toEqual(['11 irreversible-data-migration', '9 irreversible-data-migration']);
  });
});

describe('Django GeneratedField', () => {
  it('reports a stored generated column as the rewrite it is, and not as a required field; a virtual one is free', async () => {
    const body = [
      'from django.db import migrations, models',
      '',
      'class Migration(migrations.Migration):',
      '    dependencies = [("sales", "0007_lines")]',
      '    operations = [',
      '        migrations.AddField(',
      '            model_name="line",',
      '            name="total",',
      '            field=models.GeneratedField(expression=models.F("qty") * models.F("price"), output_field=models.DecimalField(max_digits=12, decimal_places=2), db_persist=True),',
      '        ),',
      '        migrations.AddField(',
      '            model_name="line",',
      '            name="label",',
      '            field=models.GeneratedField(expression=models.F("sku"), output_field=models.TextField(), db_persist=False),',
      '        ),',
      '    ]',
    ];
    const { findings } = await collectEvidence([newFile('sales/migrations/0008_line_totals.py', body)]);
    expect(at(findings)).toEqual(['6 adding-field-with-default']);
  });
});

/** Each operation of a translation as `line: SQL` (statements of one operation joined by a space). */
function sqlOf(tr: { operations: ReadonlyArray<{ line: number; sql: ReadonlyArray<{ text: string }> }> }): string[] {
  return tr.operations.map((o) => `${o.line}: ${o.sql.map((l) => l.text).join(' ')}`);
}

const laravelMigration = (body: string[]) => [
  '<?php',
  '',
  'use Illuminate\\Database\\Migrations\\Migration;',
  'use Illuminate\\Database\\Schema\\Blueprint;',
  'use Illuminate\\Support\\Facades\\Schema;',
  '',
  'return new class extends Migration',
  '{',
  '    public function up(): void',
  '    {',
  ...body,
  '    }',
  '};',
];

describe('Laravel enum columns on Postgres', () => {
  it('adds the CHECK Laravel writes with the column (a validating scan), on an existing table only', async () => {
    const body = laravelMigration([
      "        Schema::table('tickets', function (Blueprint $table) {",
      "            $table->enum('priority', ['low', 'high'])->default('low');",
      '        });',
      "        Schema::create('ticket_tags', function (Blueprint $table) {",
      "            $table->enum('colour', ['red', 'blue']);",
      '        });',
    ]);
    expect(sqlOf(translateLaravel(body.join('\n')))).toEqual([
      `12: ALTER TABLE "tickets" ADD COLUMN "priority" varchar(255) DEFAULT 'low' NOT NULL; ALTER TABLE "tickets" ADD CONSTRAINT "tickets_priority_check" CHECK ("priority" IN ('low', 'high'));`,
    ]);
    const { findings } = await collectEvidence([newFile('database/migrations/2025_04_02_000000_add_priority_to_tickets.php', body)]);
    expect(at(findings)).toEqual(['12 constraint-missing-not-valid']);
    expect(findings[0]?.body).toMatch(/inside the ADD COLUMN/);
  });

  it('notes an enum whose values are computed instead of dropping its CHECK silently', () => {
    const tr = translateLaravel(laravelMigration(["        Schema::table('tickets', function (Blueprint $table) {", "            $table->enum('state', State::values())->nullable();", '        });']).join('\n'));
    expect(tr.unknown.map((u) => u.what)).toEqual(['the CHECK of `$table->enum` (computed values)']);
  });
});

describe('Knex enu columns on Postgres', () => {
  it('adds the CHECK of `enu` and none for a native enum type', () => {
    const source = [
      'exports.up = (knex) =>',
      "  knex.schema.alterTable('rooms', (t) => {",
      "    t.enu('climate', ['cool', 'warm']).nullable();",
      "    t.enu('view', ['sea', 'yard'], { useNative: true, enumName: 'room_view' });",
      '  });',
      'exports.down = () => {};',
    ].join('\n');
    expect(sqlOf(translateKnex(source))).toEqual([
      `3: ALTER TABLE "rooms" ADD COLUMN "climate" text; ALTER TABLE "rooms" ADD CONSTRAINT "rooms_climate_check" CHECK ("climate" IN ('cool', 'warm'));`,
      '4: ALTER TABLE "rooms" ADD COLUMN "view" "room_view";',
    ]);
  });
});

describe('Dropped indexes and constraints (Laravel, Knex, Alembic)', () => {
  it('Laravel: DROP INDEX is reported (no CONCURRENTLY), dropped constraints are translated and pass, helper drops drop columns', async () => {
    const body = laravelMigration([
      "        Schema::table('invoices', function (Blueprint $table) {",
      "            $table->dropIndex(['customer_id', 'issued_on']);",
      "            $table->dropIndex('invoices_legacy_idx');",
      "            $table->dropUnique(['number']);",
      "            $table->dropForeign('invoices_agent_fk');",
      "            $table->dropConstrainedForeignId('branch_id');",
      '        });',
    ]);
    expect(sqlOf(translateLaravel(body.join('\n')))).toEqual([
      '12: DROP INDEX "invoices_customer_id_issued_on_index";',
      '13: DROP INDEX "invoices_legacy_idx";',
      '14: ALTER TABLE "invoices" DROP CONSTRAINT "invoices_number_unique";',
      '15: ALTER TABLE "invoices" DROP CONSTRAINT "invoices_agent_fk";',
      '16: ALTER TABLE "invoices" DROP CONSTRAINT "invoices_branch_id_foreign"; ALTER TABLE "invoices" DROP COLUMN "branch_id";',
    ]);
    const { findings, notes } = await collectEvidence([newFile('database/migrations/2025_04_03_000000_tidy_invoices.php', body)]);
    expect(at(findings)).toEqual(['12 require-concurrent-index-deletion', '13 require-concurrent-index-deletion', '16 ban-drop-column']);
    expect(notes.join('\n')).not.toMatch(/Not linted/);
  });

  it('dropPrimary: Laravel on Postgres drops <table>_pkey whatever name it is given; Knex drops the one it names', () => {
    const laravel = laravelMigration(["        Schema::table('badges', function (Blueprint $table) {", "            $table->dropPrimary('badges_code_primary');", '        });']);
    expect(sqlOf(translateLaravel(laravel.join('\n')))).toEqual(['12: ALTER TABLE "badges" DROP CONSTRAINT "badges_pkey";']);
    const knex = ['exports.up = async (knex) => {', "  await knex.schema.table('badges', (table) => {", "    table.dropPrimary('badges_code_pk');", '    table.dropPrimary();', '  });', '};'];
    expect(sqlOf(translateKnex(knex.join('\n')))).toEqual(['3: ALTER TABLE "badges" DROP CONSTRAINT "badges_code_pk";', '4: ALTER TABLE "badges" DROP CONSTRAINT "badges_pkey";']);
  });

  it('Knex: dropIndex takes the columns first, then an optional name', () => {
    const source = [
      'exports.up = async (knex) => {',
      "  await knex.schema.table('visits', (table) => {",
      "    table.dropIndex('visitor_id');",
      "    table.dropIndex(['site_id', 'day'], 'visits_by_site');",
      "    table.dropUnique(['token']);",
      '  });',
      '};',
    ].join('\n');
    expect(sqlOf(translateKnex(source))).toEqual([
      '3: DROP INDEX "visits_visitor_id_index";',
      '4: DROP INDEX "visits_by_site";',
      '5: ALTER TABLE "visits" DROP CONSTRAINT "visits_token_unique";',
    ]);
  });

  it('Sequelize and TypeORM: removeIndex/dropIndex are DROP INDEX (concurrent when asked), dropped constraints pass', async () => {
    const sequelize = [
      'module.exports = {',
      '  async up(queryInterface) {',
      "    await queryInterface.removeIndex('shelves', ['aisle', 'bay']);",
      "    await queryInterface.removeIndex('shelves', 'shelves_label', { concurrently: true });",
      "    await queryInterface.removeConstraint('shelves', 'shelves_code_key');",
      '  },',
      '  async down() {},',
      '};',
    ];
    expect(sqlOf(translateSequelize(sequelize.join('\n')))).toEqual([
      '3: DROP INDEX "shelves_aisle_bay";',
      '4: DROP INDEX CONCURRENTLY "shelves_label";',
      '5: ALTER TABLE "shelves" DROP CONSTRAINT "shelves_code_key";',
    ]);
    const typeorm = [
      'import { MigrationInterface, QueryRunner, TableIndex } from "typeorm";',
      'export class TidyBins1745000000000 implements MigrationInterface {',
      '  public async up(queryRunner: QueryRunner): Promise<void> {',
      '    await queryRunner.dropIndex("bins", "IDX_bins_zone");',
      '    await queryRunner.dropIndex("bins", new TableIndex({ name: "IDX_bins_tag", columnNames: ["tag"], isConcurrent: true }));',
      '    await queryRunner.dropForeignKey("bins", "FK_bins_shelf");',
      '    await queryRunner.dropCheckConstraint("bins", "CHK_bins_capacity");',
      '  }',
      '  public async down(): Promise<void> {}',
      '}',
    ];
    expect(sqlOf(translateTypeorm(typeorm.join('\n')))).toEqual([
      '4: DROP INDEX "IDX_bins_zone";',
      '5: DROP INDEX CONCURRENTLY "IDX_bins_tag";',
      '6: ALTER TABLE "bins" DROP CONSTRAINT "FK_bins_shelf";',
      '7: ALTER TABLE "bins" DROP CONSTRAINT "CHK_bins_capacity";',
    ]);
    const { findings } = await collectEvidence([newFile('src/migrations/1745000000000-TidyBins.ts', typeorm)]);
    expect(at(findings).filter((f) => f.endsWith('require-concurrent-index-deletion'))).toEqual(['4 require-concurrent-index-deletion']);
  });

  it('Alembic: op.drop_constraint and batch_op.drop_constraint become DROP CONSTRAINT, with no finding and no note', async () => {
    const body = [
      'from alembic import op',
      '',
      'def upgrade():',
      '    op.drop_constraint("uq_vendors_slug", "vendors", type_="unique")',
      '    with op.batch_alter_table("depots") as batch_op:',
      '        batch_op.drop_constraint("fk_depots_region", type_="foreignkey")',
      '    op.drop_index("ix_vendors_city", table_name="vendors")',
    ];
    expect(sqlOf(translateAlembic(body.join('\n')))).toEqual([
      '4: ALTER TABLE "vendors" DROP CONSTRAINT "uq_vendors_slug";',
      '6: ALTER TABLE "depots" DROP CONSTRAINT "fk_depots_region";',
      '7: DROP INDEX "ix_vendors_city";',
    ]);
    const { findings, notes } = await collectEvidence([newFile('alembic/versions/7c2d_vendor_cleanup.py', body)]);
    expect(at(findings)).toEqual(['7 require-concurrent-index-deletion']);
    expect(notes.join('\n')).not.toMatch(/Not linted/);
  });
});

describe('Knex .alter() and Laravel ->change() restate the whole column', () => {
  const knexAlter = (up: string[], down: string[]) =>
    [
      'exports.up = (knex) =>',
      "  knex.schema.alterTable('drivers', (table) => {",
      ...up,
      '  });',
      '',
      'exports.down = (knex) =>',
      "  knex.schema.alterTable('drivers', (table) => {",
      ...down,
      '  });',
    ].join('\n');

  it('Knex: the type the rollback restores is no type change; SET NOT NULL is the hazard (Knex drops NOT NULL first)', async () => {
    const source = knexAlter(
      ["    table.string('licence').notNullable().alter();", "    table.bigInteger('fleet_id').alter();", "    table.decimal('rate', 10, 2).notNullable().defaultTo(0).alter();"],
      ["    table.string('licence').nullable().alter();", "    table.integer('fleet_id').alter();", "    table.decimal('rate', 10, 2).notNullable().alter();"],
    );
    expect(sqlOf(translateKnex(source))).toEqual([
      '3: ALTER TABLE "drivers" ALTER COLUMN "licence" SET NOT NULL;',
      '4: ALTER TABLE "drivers" ALTER COLUMN "fleet_id" TYPE bigint;',
      '5: ALTER TABLE "drivers" ALTER COLUMN "rate" SET NOT NULL;',
    ]);
    const { findings } = await collectEvidence([newFile('migrations/20250405000000_drivers_required.js', source.split('\n'))]);
    expect(at(findings)).toEqual(['3 adding-not-nullable-field', '4 changing-column-type', '5 adding-not-nullable-field']);
    expect(findings.find((f) => f.line === 3)?.body).toMatch(/drops NOT NULL and sets it again/);
  });

  it('Knex: without the rollback the type is taken as changed and the finding says so; alter options are read', async () => {
    const source = [
      'exports.up = (knex) =>',
      "  knex.schema.alterTable('drivers', (table) => {",
      "    table.string('licence').notNullable().alter();",
      "    table.string('plate').notNullable().alter({ alterType: false });",
      "    table.text('notes').notNullable().alter({ alterNullable: false, alterType: false });",
      '  });',
    ];
    expect(sqlOf(translateKnex(source.join('\n')))).toEqual([
      '3: ALTER TABLE "drivers" ALTER COLUMN "licence" TYPE varchar(255); ALTER TABLE "drivers" ALTER COLUMN "licence" SET NOT NULL;',
      '4: ALTER TABLE "drivers" ALTER COLUMN "plate" SET NOT NULL;',
    ]);
    const { findings } = await collectEvidence([newFile('migrations/20250405000001_drivers_licence.js', source)]);
    expect(findings.find((f) => f.source.id === 'changing-column-type')?.body).toMatch(/type before this migration is unknown/);
  });

  it('a type change Postgres makes in the catalog only is no rewrite (longer varchar, to text, wider numeric)', () => {
    expect(rewrites('varchar(20)', 'varchar(40)')).toBe(false);
    expect(rewrites('varchar(40)', 'varchar(20)')).toBe(true);
    expect(rewrites('varchar(255)', 'text')).toBe(false);
    expect(rewrites('text', 'varchar(255)')).toBe(true);
    expect(rewrites('numeric(8, 2)', 'numeric(12, 2)')).toBe(false);
    expect(rewrites('numeric(8, 2)', 'numeric(12, 4)')).toBe(true);
    expect(rewrites('integer', 'bigint')).toBe(true);
  });

  it('Laravel: ->change() to the same type on a column that was NOT NULL changes nothing squawk judges', async () => {
    const body = laravelMigration([
      "        Schema::table('routes', function (Blueprint $table) {",
      "            $table->string('code', 40)->default('none')->change();",
      "            $table->string('zone', 40)->change();",
      '        });',
      '    }',
      '',
      '    public function down(): void',
      '    {',
      "        Schema::table('routes', function (Blueprint $table) {",
      "            $table->string('code', 40)->change();",
      "            $table->string('zone', 40)->nullable()->change();",
      '        });',
    ]);
    expect(sqlOf(translateLaravel(body.join('\n')))).toEqual(['13: ALTER TABLE "routes" ALTER COLUMN "zone" SET NOT NULL;']);
    const { findings } = await collectEvidence([newFile('database/migrations/2025_04_06_000000_route_codes.php', body)]);
    expect(at(findings)).toEqual(['13 adding-not-nullable-field']);
  });
});

describe('A constraint added NOT VALID and validated in the same transaction', () => {
  const rails = (attributes: string[]) => [
    'class AddWarehouseFkToPallets < ActiveRecord::Migration[7.1]',
    ...attributes,
    '  def change',
    '    add_foreign_key :pallets, :warehouses, validate: false',
    '    validate_foreign_key :pallets, :warehouses',
    '  end',
    'end',
  ];

  it('is reported at the VALIDATE with a title and body that say what happens, and the framework way out', async () => {
    const { findings } = await collectEvidence([newFile('db/migrate/20250407000000_add_warehouse_fk_to_pallets.rb', rails([]))]);
    expect(at(findings)).toEqual(['4 constraint-missing-not-valid']);
    const [finding] = findings;
    expect(finding?.title).toBe('Constraint validated in the transaction that added it NOT VALID');
    expect(finding?.body).toMatch(/SHARE ROW EXCLUSIVE on this table and on the referenced one \(writes to both wait, reads go on\)/);
    expect(finding?.body).not.toMatch(/block all reads/);
    expect(finding?.body).toMatch(/\*\*Rails:\*\* Move `validate_foreign_key`/);
  });

  it('is not reported when the migration runs outside a transaction, or the VALIDATE runs after the add commits', async () => {
    const { findings } = await collectEvidence([newFile('db/migrate/20250407000001_add_warehouse_fk_to_pallets.rb', rails(['  disable_ddl_transaction!']))]);
    expect(at(findings)).toEqual([]);
    const alembic = [
      'from alembic import op',
      '',
      'def upgrade():',
      '    op.create_foreign_key("fk_pallets_bay", "pallets", "bays", ["bay_id"], ["id"], postgresql_not_valid=True)',
      '    with op.get_context().autocommit_block():',
      '        op.execute("ALTER TABLE pallets VALIDATE CONSTRAINT fk_pallets_bay")',
    ];
    const { findings: after } = await collectEvidence([newFile('alembic/versions/4b8e_pallet_bays.py', alembic)]);
    expect(at(after)).toEqual([]);
  });

  it('reads the same in a .sql migration that writes its own BEGIN/COMMIT', async () => {
    const sql = [
      'BEGIN;',
      'ALTER TABLE "crates" ADD CONSTRAINT "crates_weight_positive" CHECK ("weight" > 0) NOT VALID;',
      'ALTER TABLE "crates" VALIDATE CONSTRAINT "crates_weight_positive";',
      'COMMIT;',
    ];
    const { findings } = await collectEvidence([newFile('db/migrations/20250407_crates.sql', sql)]);
    expect(findings.filter((f) => f.source.id === 'constraint-missing-not-valid').map((f) => `${f.line} ${f.title}`)).toEqual(['3 Constraint validated in the transaction that added it NOT VALID']);
  });
});

describe('A modified migration shown only in part', () => {
  const path = 'db/migrate/20250408000000_add_contact_to_suppliers.rb';
  const file = [
    'class AddContactToSuppliers < ActiveRecord::Migration[7.1]',
    '  def change',
    '    change_table :suppliers do |t|',
    '      t.string :region',
    '      t.integer :rating',
    '      t.string :contact_phone, null: false',
    '      t.index :region',
    '    end',
    '  end',
    'end',
  ];
  // The hunk git would show for line 6, with three lines of context each side (or fewer, as given).
  const hunk = (from: number, to: number) => {
    const lines = file.slice(from - 1, to).map((text, k) => (from + k === 6 ? `+${text}` : ` ${text}`));
    const old = lines.filter((l) => l.startsWith(' ')).length;
    return diffFileFromPatch(path, 'modified', [`@@ -${from},${old} +${from},${lines.length} @@ class AddContactToSuppliers < ActiveRecord::Migration[7.1]`, ...lines].join('\n'));
  };

  it('with the full file (the App, `review --base`), lints the line in its change_table block', async () => {
    const { findings } = await collectEvidence([hunk(4, 7)], { readFile: async () => file.join('\n') });
    expect(at(findings)).toEqual(['6 adding-required-field']);
  });

  it('without it, uses the hunk context when it shows the block', async () => {
    const { findings, notes } = await collectEvidence([hunk(2, 9)]);
    expect(at(findings)).toEqual(['6 adding-required-field']);
    expect(notes.join('\n')).toMatch(/Only the diff's hunks of db\/migrate\/20250408000000_add_contact_to_suppliers\.rb \(added and context lines\) were translated/);
  });

  it('and when the hunk does not show it, says that the line was not linted and why (not "no change method")', async () => {
    const { findings, notes } = await collectEvidence([hunk(4, 7)]);
    expect(at(findings)).toEqual([]);
    const note = notes.find((n) => n.startsWith('Not linted in db/migrate/20250408000000'));
    expect(note).toMatch(/line 6 \(the hunks do not show the migration's `up`\/`change` method, `operations` list or the block the lines are in/);
    expect(note).not.toMatch(/no `change` or `up` method/);
  });
});

describe('Concurrent index drops inside a transaction (Postgres refuses them; squawk reports only CREATE)', () => {
  it('.sql: a DROP INDEX CONCURRENTLY between BEGIN and COMMIT is a blocker; outside one it is not', async () => {
    const inside = ['BEGIN;', 'DROP INDEX CONCURRENTLY IF EXISTS "ix_parcels_old_zone";', 'COMMIT;'];
    const { findings } = await collectEvidence([newFile('db/migrations/0042_drop_old_zone_index.sql', inside)]);
    const finding = findings.find((f) => f.source.id === 'concurrent-index-in-transaction');
    expect(finding).toMatchObject({ line: 2, severity: 'blocker', title: 'Index dropped CONCURRENTLY inside a transaction (the migration fails)', source: { kind: 'rule' } });
    expect(finding?.source.url).toMatch(/^https:\/\/www\.postgresql\.org\//);
    const outside = await collectEvidence([newFile('db/migrations/0043_drop_old_zone_index.sql', ['DROP INDEX CONCURRENTLY IF EXISTS "ix_parcels_old_zone";'])]);
    expect(at(outside.findings).filter((f) => f.endsWith('in-transaction'))).toEqual([]);
  });

  it('Knex: knex.raw in a migration Knex runs in a transaction is reported with the Knex way out; with transaction: false it is not', async () => {
    const body = (config: string[]) => [
      ...config,
      'exports.up = async (knex) => {',
      "  await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS lots_by_bidder');",
      '};',
      'exports.down = async () => {};',
    ];
    const { findings } = await collectEvidence([newFile('migrations/20250601000000_drop_lots_index.js', body([]))]);
    expect(at(findings)).toEqual(['2 concurrent-index-in-transaction']);
    expect(findings[0]?.body).toContain('**Knex:**');
    const off = await collectEvidence([newFile('migrations/20250601000001_drop_lots_index.js', body(['exports.config = { transaction: false };']))]);
    expect(at(off.findings)).toEqual([]);
  });

  it('Rails: remove_index algorithm: :concurrently without disable_ddl_transaction! is one finding, the Rails one, about a drop', async () => {
    const body = [
      'class DropLegacyLotsIndex < ActiveRecord::Migration[7.1]',
      '  def change',
      '    remove_index :lots, :legacy_code, algorithm: :concurrently',
      '  end',
      'end',
    ];
    const { findings } = await collectEvidence([newFile('db/migrate/20250601000002_drop_legacy_lots_index.rb', body)]);
    expect(at(findings)).toEqual(['3 concurrent-index-in-transaction']);
    expect(findings[0]?.body).toMatch(/cannot build or drop an index `CONCURRENTLY` inside a transaction.*`disable_ddl_transaction!`/);
  });
});
