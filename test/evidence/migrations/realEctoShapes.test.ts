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
    expect(at(findings)).toEqual(['6 adding-foreign-key-constraint', '6 adding-not-nullable-field', '6 constraint-missing-not-valid', '7 changing-column-type']);
  });
});
