import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/evidence/collectEvidence.js';
import { resolveStatement } from '../../../src/evidence/migrations/translateEcto.js';
import { tokenize } from '../../../src/evidence/migrations/tokenize.js';
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
