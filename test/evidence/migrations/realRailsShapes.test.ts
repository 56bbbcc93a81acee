import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/evidence/collectEvidence.js';
import { at, newFile } from '../diffHelpers.js';

// Shapes met in public projects' migrations (a reality check of the translators), each written anew.

describe('Rails shapes from real migrations', () => {
  it('reads %i[] and %w() word arrays as column lists', async () => {
    const body = ['class IndexPins < ActiveRecord::Migration[7.1]', '  def change', '    add_index :pins, %i[board_id position]', '    add_index :pins, %w(owner_id created_at), unique: true', '  end', 'end'];
    const { findings, notes } = await collectEvidence([newFile('db/migrate/20240401000000_index_pins.rb', body)]);
    expect(at(findings)).toEqual(['3 require-concurrent-index-creation', '4 require-concurrent-index-creation']);
    expect(notes.join('\n')).not.toMatch(/could not parse/);
    expect(findings[0]?.body).toContain('("board_id", "position")');
  });

  it('builds indexes concurrently after commit_db_transaction without calling it a transaction', async () => {
    const body = ['class IndexVisits < ActiveRecord::Migration[5.2]', '  def change', '    commit_db_transaction', '    add_index :visits, :started_at, algorithm: :concurrently', '  end', 'end'];
    const { findings } = await collectEvidence([newFile('db/migrate/20240403000000_index_visits.rb', body)]);
    expect(findings).toEqual([]);
  });

  it('notes a helper called on a constant (it may drop columns the translator cannot see), not a model read', async () => {
    const body = [
      'class DropLegacy < ActiveRecord::Migration[7.1]',
      '  GONE = { invoices: %i[old_total] }.freeze',
      '  def up',
      '    Invoice.reset_column_information',
      '    count = Invoice.where(total: nil).count',
      '    GONE.each { |table, cols| Cleanup::Dropper.drop(table, cols) }',
      '  end',
      'end',
    ];
    const { findings, notes } = await collectEvidence([newFile('db/migrate/20240404000000_drop_legacy.rb', body)]);
    expect(findings).toEqual([]);
    expect(notes.join('\n')).toMatch(/Not linted in db\/migrate\/20240404000000_drop_legacy\.rb \(Rails\): line 6 `GONE\.each`/);
    expect(notes.join('\n')).not.toMatch(/line [45]/);
  });
});

describe('Rails post-deploy migrations', () => {
  it('lints db/post_migrate (GitLab, Discourse) like db/migrate', async () => {
    const body = ['class ShortenLabel < ActiveRecord::Migration[7.1]', '  def up', '    change_column :badges, :label, :integer', '  end', 'end'];
    const { findings } = await collectEvidence([newFile('db/post_migrate/20240402000000_shorten_label.rb', body)]);
    expect(at(findings)).toEqual(['3 changing-column-type']);
  });
});
