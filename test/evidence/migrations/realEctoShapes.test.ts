import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/evidence/collectEvidence.js';
import { at, newFile } from '../diffHelpers.js';

// Shapes met in public projects' migrations (a reality check of the translators), each written anew.

describe('Ecto shapes from real migrations', () => {
  it('takes modify to :text as catalog-only and modify to references as a new foreign key, not a type change', async () => {
    const body = [
      'defmodule App.Repo.Migrations.Loosen do',
      '  use Ecto.Migration',
      '  def change do',
      '    alter table(:visits) do',
      '      modify :referrer, :text',
      '      modify :site_id, references(:sites, on_delete: :delete_all), null: false',
      '      modify :hits, :bigint, from: :integer',
      '    end',
      '  end',
      'end',
    ];
    const { findings } = await collectEvidence([newFile('priv/repo/migrations/20240406000000_loosen.exs', body)]);
    expect(at(findings)).toEqual(['6 adding-foreign-key-constraint', '6 adding-not-nullable-field', '7 changing-column-type']);
  });

  it('reports a data write through the repo (also at the end of a pipeline) or an UPDATE in execute inside a schema migration', async () => {
    const body = [
      'defmodule App.Repo.Migrations.AddPlan do',
      '  use Ecto.Migration',
      '  import Ecto.Query',
      '  def up do',
      '    alter table(:accounts) do',
      '      add :plan, :string',
      '    end',
      '    flush()',
      '    from(a in "accounts", where: is_nil(a.plan))',
      '    |> repo().update_all(set: [plan: "free"])',
      '    App.Repo.delete_all(from(s in "sessions"))',
      '    execute "UPDATE accounts SET plan = \'free\' WHERE plan IS NULL"',
      '  end',
      'end',
    ];
    const { findings } = await collectEvidence([newFile('priv/repo/migrations/20240407000000_add_plan.exs', body)]);
    expect(at(findings).filter((f) => f.endsWith('backfill-in-schema-migration'))).toEqual([
      '10 backfill-in-schema-migration',
      '11 backfill-in-schema-migration',
      '12 backfill-in-schema-migration',
    ]);
  });

  it('leaves data writes alone outside the DDL transaction or in a data-only migration', async () => {
    const outside = [
      'defmodule App.Repo.Migrations.BackfillPlan do',
      '  use Ecto.Migration',
      '  @disable_ddl_transaction true',
      '  def up do',
      '    alter table(:accounts) do',
      '      add :plan, :string',
      '    end',
      '    repo().update_all("accounts", set: [plan: "free"])',
      '  end',
      'end',
    ];
    const dataOnly = ['defmodule App.Repo.Migrations.Fill do', '  use Ecto.Migration', '  def up do', '    App.Repo.update_all("accounts", set: [plan: "free"])', '  end', 'end'];
    for (const [name, body] of [['outside', outside], ['data_only', dataOnly]] as const) {
      const { findings } = await collectEvidence([newFile(`priv/repo/migrations/20240408000000_${name}.exs`, [...body])]);
      expect({ name, backfills: at(findings).filter((f) => f.endsWith('backfill-in-schema-migration')) }).toEqual({ name, backfills: [] });
    }
  });
});
