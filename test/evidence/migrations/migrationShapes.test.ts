import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/evidence/collectEvidence.js';
import { at, newFile } from '../diffHelpers.js';

describe('Rails migration shapes the translator reads', () => {
  it('reads a class-method migration (def self.up) whose base class is not ActiveRecord::Migration by name', async () => {
    const body = ['class IndexShipments < BaseMigration', '  def self.up', '    add_index :shipments, :carrier_code', '  end', '', '  def self.down', '    remove_index :shipments, :carrier_code', '  end', 'end'];
    expect(at((await collectEvidence([newFile('db/migrate/20240304000000_index_shipments.rb', body)])).findings)).toEqual(['3 require-concurrent-index-creation']);
  });

  it('reads safe_change_table blocks like change_table', async () => {
    const body = ['class DropFax < ActiveRecord::Migration[7.1]', '  def change', '    safe_change_table :vendors do |v|', '      v.remove :fax_number', '      v.string :website', '    end', '  end', 'end'];
    expect(at((await collectEvidence([newFile('db/migrate/20240305000000_drop_fax.rb', body)])).findings)).toEqual(['4 ban-drop-column']);
  });

  it('writes a function default of a uuid column as SQL, so a volatile default is reported', async () => {
    const body = ['class AddPublicId < ActiveRecord::Migration[7.1]', '  def change', '    add_column :tenants, :public_id, :uuid, default: "uuid_generate_v4()"', '  end', 'end'];
    expect(at((await collectEvidence([newFile('db/migrate/20240306000000_add_public_id.rb', body)])).findings)).toEqual(['3 adding-field-with-default']);
  });

  it('reports the UPDATE that change_column_null runs with a fill value, even after a validated check', async () => {
    const body = [
      'class RequireRegion < ActiveRecord::Migration[7.1]',
      '  def up',
      '    add_check_constraint :depots, "region IS NOT NULL", name: "depots_region_present", validate: false',
      '    change_column_null :depots, :region, false, "eu-west"',
      '  end',
      'end',
    ];
    const { findings } = await collectEvidence([newFile('db/migrate/20240307000000_require_region.rb', body)]);
    expect(at(findings)).toContain('4 backfill-in-schema-migration');
  });

  it('reports a constraint validated in the transaction that added it NOT VALID, and not when the migration opts out of the transaction', async () => {
    const body = (head: string[]) => [
      'class CheckStock < ActiveRecord::Migration[7.1]',
      ...head,
      '  def change',
      '    add_foreign_key :stock_moves, :warehouses, validate: false',
      '    validate_foreign_key :stock_moves, :warehouses',
      '    add_check_constraint :stock_moves, "qty <> 0", name: "stock_moves_qty_nonzero", validate: false',
      '    validate_check_constraint :stock_moves, name: "stock_moves_qty_nonzero"',
      '  end',
      'end',
    ];
    const inTx = await collectEvidence([newFile('db/migrate/20240308000000_check_stock.rb', body([]))]);
    expect(at(inTx.findings)).toEqual(['4 constraint-missing-not-valid', '6 constraint-missing-not-valid']);
    const outside = await collectEvidence([newFile('db/migrate/20240308000000_check_stock.rb', body(['  disable_ddl_transaction!']))]);
    expect(outside.findings).toEqual([]);
  });

  it('keeps one finding for a concurrent index inside a transaction (the translator names the Rails fix)', async () => {
    const body = ['class IndexLots < ActiveRecord::Migration[7.1]', '  def change', '    add_index :lots, :batch_code, algorithm: :concurrently', '  end', 'end'];
    expect(at((await collectEvidence([newFile('db/migrate/20240309000000_index_lots.rb', body)])).findings)).toEqual(['3 concurrent-index-in-transaction']);
  });

  it('turns a framework-only hazard inside safety_assured into a note, never dropping it silently', async () => {
    const body = ['class AddBlob < ActiveRecord::Migration[7.1]', '  def change', '    safety_assured { add_column :reports, :payload, :json }', '  end', 'end'];
    const { findings, notes } = await collectEvidence([newFile('db/migrate/20240310000000_add_blob.rb', body)]);
    expect(findings).toEqual([]);
    expect(notes).toContain('db/migrate/20240310000000_add_blob.rb:3 json-column (`json` column reports.payload: use `jsonb`) inside `safety_assured`: accepted by the author, not reported as a finding.');
  });
});

describe('Django migration shapes the translator reads', () => {
  const django = (ops: string[]) => ['from django.db import migrations, models', 'import django_migration_linter', '', 'class Migration(migrations.Migration):', '    operations = [', ...ops.map((o) => `        ${o}`), '    ]'];

  it('takes default=None and db_default=None as no default: a NOT NULL column without one is reported', async () => {
    const ops = ['migrations.AddField(model_name="parcel", name="weight_g", field=models.PositiveIntegerField(default=None, db_default=None)),'];
    expect(at((await collectEvidence([newFile('logistics/migrations/0004_parcel_weight.py', django(ops))])).findings)).toEqual(['6 adding-required-field']);
  });

  it('notes django-migration-linter IgnoreMigration instead of hiding what it covers', async () => {
    const ops = ['django_migration_linter.IgnoreMigration(),', 'migrations.RemoveField(model_name="parcel", name="legacy_code"),'];
    const { findings, notes } = await collectEvidence([newFile('logistics/migrations/0005_drop_legacy.py', django(ops))]);
    expect(findings).toEqual([]);
    expect(notes).toEqual(['logistics/migrations/0005_drop_legacy.py:7 squawk ban-drop-column (Column dropped) inside `django_migration_linter.IgnoreMigration`: accepted by the author, not reported as a finding.']);
  });
});

describe('Ecto migration shapes the translator reads', () => {
  it('reads a migration module without `use Ecto.Migration` by its def change do', async () => {
    const body = ['defmodule Shop.Repo.Migrations.IndexCarts do', '  def change do', '    create index(:carts, [:session_token])', '  end', 'end'];
    expect(at((await collectEvidence([newFile('priv/repo/migrations/20240311000000_index_carts.exs', body)])).findings)).toEqual(['3 require-concurrent-index-creation']);
  });

  it('notes an excellent_migrations escape comment and what it covers, and still reports the line it does not cover', async () => {
    const body = [
      'defmodule Shop.Repo.Migrations.TrimCarts do',
      '  use Ecto.Migration',
      '  def change do',
      '    alter table(:carts) do',
      '      # excellent_migrations:safety-assured-for-next-line column_removed',
      '      remove :coupon_code',
      '      remove :gift_note',
      '    end',
      '  end',
      'end',
    ];
    const { findings, notes } = await collectEvidence([newFile('priv/repo/migrations/20240312000000_trim_carts.exs', body)]);
    expect(at(findings)).toEqual(['7 ban-drop-column']);
    expect(notes).toContain('priv/repo/migrations/20240312000000_trim_carts.exs:6 squawk ban-drop-column (Column dropped) inside `# excellent_migrations:safety-assured-for-next-line column_removed`: accepted by the author, not reported as a finding.');
  });
});
