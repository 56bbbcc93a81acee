import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/evidence/collectEvidence.js';
import { at, fileFromLines, newFile } from '../diffHelpers.js';

const rails = (body: string[], head: string[] = []) => [
  'class Change < ActiveRecord::Migration[7.1]',
  ...head,
  '  def change',
  ...body.map((l) => `    ${l}`),
  '  end',
  'end',
];

describe('framework migrations: what is not linted is said', () => {
  it('names an operation the translator does not know, at its line', async () => {
    const { findings, notes } = await collectEvidence([newFile('db/migrate/20240101000000_odd.rb', rails(['frobnicate :users', 'add_index :users, :email']))]);
    expect(at(findings)).toEqual(['4 require-concurrent-index-creation']);
    expect(notes).toEqual(['Not linted in db/migrate/20240101000000_odd.rb (Rails): line 3 `frobnicate`. These were not translated to SQL; review them by hand.']);
  });

  it('says when a code file in a migrations folder is no format it reads', async () => {
    const { findings, notes } = await collectEvidence([newFile('migrations/helpers.js', ['module.exports = { pad: (s) => s.trim() };'])]);
    expect(findings).toEqual([]);
    expect(notes).toEqual([
      'Not linted: migrations/helpers.js is in a migrations folder but is not a migration format this review reads (Rails, Django, Alembic, Knex, Sequelize, TypeORM, Laravel, Ecto, SQL).',
    ]);
  });

  it('says when a Django migration has no operations list it can read', async () => {
    const { notes } = await collectEvidence([newFile('shop/migrations/0009_dynamic.py', ['from django.db import migrations', 'class Migration(migrations.Migration):', '    operations = build_operations()'])]);
    expect(notes).toEqual(['Not linted in shop/migrations/0009_dynamic.py (Django): no `operations = [...]` list. These were not translated to SQL; review them by hand.']);
  });

  it('skips minified or generated files with a note', async () => {
    const { findings, notes } = await collectEvidence([newFile('migrations/20240101_bundle.js', [`exports.up=function(knex){${'knex.schema.alterTable("a",t=>{t.string("b").notNullable()});'.repeat(400)}}`])]);
    expect(findings).toEqual([]);
    expect(notes).toEqual(['Not linted: migrations/20240101_bundle.js looks generated or minified (over 1 MB or a line over 10000 characters).']);
  });

  it('reads pathological nesting and an unterminated heredoc without throwing, and says what it could not parse', async () => {
    const deep = `    add_column :users, :x, :string, default: ${'['.repeat(2000)}${']'.repeat(2000)}`;
    const { findings, notes } = await collectEvidence([newFile('db/migrate/20240101000000_deep.rb', rails([deep.trim(), 'execute <<~SQL', 'unterminated']))]);
    expect(findings).toEqual([]);
    // The unterminated heredoc still reaches squawk, which says it could not parse it; the rest is linted without it.
    expect(notes).toEqual([
      'squawk could not parse a statement of db/migrate/20240101000000_deep.rb (lines 5-7): expected command, found IDENT; it was left out and the rest of the file was linted (only Postgres SQL is linted).',
    ]);
  });
});

describe('framework migrations: context', () => {
  it('does not report indexes and columns on a table created in the same pull request', async () => {
    const create = newFile('db/migrate/20240101000000_create_teams.rb', rails(['create_table :teams do |t|', '  t.string :name', 'end']));
    const index = newFile('db/migrate/20240102000000_index_teams.rb', rails(['add_index :teams, :name', 'add_column :teams, :code, :string, null: false', 'add_index :users, :team_id']));
    const { findings } = await collectEvidence([create, index]);
    expect(findings.map((f) => `${f.path}:${f.line} ${f.source.id}`)).toEqual(['db/migrate/20240102000000_index_teams.rb:5 require-concurrent-index-creation']);
  });

  it('takes a table new in db/schema.rb as created by this change', async () => {
    const schema = fileFromLines('db/schema.rb', ['   ActiveRecord::Schema[7.1].define(version: 2024_01_02) do', '+  create_table "teams", force: :cascade do |t|', '+    t.string "name"', '+  end'], 10);
    const index = newFile('db/migrate/20240102000000_index_teams.rb', rails(['add_index :teams, :name']));
    const { findings } = await collectEvidence([schema, index]);
    expect(findings).toEqual([]);
  });

  it('lints a modified migration whole but reports only its changed lines', async () => {
    const full = rails(['add_index :users, :email', 'add_column :users, :plan, :string, null: false']).join('\n');
    const file = fileFromLines('db/migrate/20240101000000_edit.rb', [...rails(['add_index :users, :email']).slice(0, 3).map((l) => ` ${l}`), '+    add_column :users, :plan, :string, null: false'], 1);
    const { findings, notes } = await collectEvidence([file], { readFile: async () => full });
    expect(notes).toEqual([]);
    expect(at(findings)).toEqual(['4 adding-required-field']);
  });

  it('ignores rollbacks (def down) and paths.ignore', async () => {
    const down = newFile('db/migrate/20240101000000_down.rb', ['class Down < ActiveRecord::Migration[7.1]', '  def up', '  end', '  def down', '    remove_column :users, :email', '  end', 'end']);
    expect((await collectEvidence([down])).findings).toEqual([]);
    const ignored = newFile('vendor/db/migrate/20240101000000_x.rb', rails(['remove_column :users, :email']));
    expect((await collectEvidence([ignored], { ignore: ['vendor/**'] })).findings).toEqual([]);
  });

  it('notes safety_assured instead of hiding it', async () => {
    const file = newFile('db/migrate/20240101000000_drop.rb', rails(['safety_assured { remove_column :users, :legacy }']));
    const { findings, notes } = await collectEvidence([file]);
    expect(findings).toEqual([]);
    expect(notes).toEqual(['db/migrate/20240101000000_drop.rb:3 squawk ban-drop-column (Column dropped) inside `safety_assured`: accepted by the author, not reported as a finding.']);
  });

  it('adds the framework fix and the SQL it linted to the squawk finding', async () => {
    const { findings } = await collectEvidence([newFile('shop/migrations/0002_x.py', ['from django.db import migrations, models', 'class Migration(migrations.Migration):', '    operations = [', '        migrations.AddIndex(model_name="order", index=models.Index(fields=["status"], name="order_status_idx")),', '    ]'])]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.body).toContain('**Django:** Use `AddIndexConcurrently`');
    expect(findings[0]?.body).toContain('`CREATE INDEX "order_status_idx" ON "shop_order" ("status");`');
  });
});

describe('framework rule findings', () => {
  it('link the public page their rule rests on while our docs are unpublished', async () => {
    const { findings } = await collectEvidence([
      newFile('db/migrate/20240301000000_add_prefs.rb', ['class AddPrefs < ActiveRecord::Migration[7.1]', '  def change', '    add_column :members, :prefs, :json', '  end', 'end']),
    ]);
    const json = findings.find((f) => f.source.id === 'json-column');
    expect(json?.source.url).toBe('https://www.postgresql.org/docs/current/datatype-json.html');
  });
});
