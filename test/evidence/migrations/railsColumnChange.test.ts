import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/evidence/collectEvidence.js';
import { changeRewrites } from '../../../src/evidence/migrations/railsColumnChange.js';
import { at, newFile } from '../diffHelpers.js';

describe('changeRewrites: which column type changes Postgres makes without touching the rows', () => {
  it('takes widening as free and narrowing as a rewrite, once the old type is known', () => {
    expect(changeRewrites({ type: 'string', limit: '40' }, { type: 'string', limit: '120' })).toBe(false);
    expect(changeRewrites({ type: 'string', limit: '120' }, { type: 'string', limit: '40' })).toBe(true);
    expect(changeRewrites({ type: 'string' }, { type: 'string', limit: '40' })).toBe(true);
    expect(changeRewrites({ type: 'text' }, { type: 'citext' })).toBe(false);
    expect(changeRewrites({ type: 'integer' }, { type: 'text' })).toBe(true);
    expect(changeRewrites({ type: 'numeric', precision: '8', scale: '2' }, { type: 'decimal', precision: '12', scale: '2' })).toBe(false);
    expect(changeRewrites({ type: 'decimal', precision: '8', scale: '2' }, { type: 'decimal', precision: '12', scale: '4' })).toBe(true);
    expect(changeRewrites({ type: 'decimal', precision: '8', scale: '2' }, { type: 'decimal' })).toBe(false);
    expect(changeRewrites({ type: 'time', precision: '2' }, { type: 'time', precision: '5' })).toBe(false);
    expect(changeRewrites({ type: 'timestamptz' }, { type: 'timestamptz', limit: '1' })).toBe(true);
    expect(changeRewrites({ type: 'cidr' }, { type: 'inet' })).toBe(false);
  });

  it('keeps the old rule when the old type is unknown: only text or an unlimited string is free', () => {
    expect(changeRewrites(undefined, { type: 'text' })).toBe(false);
    expect(changeRewrites(undefined, { type: 'string' })).toBe(false);
    expect(changeRewrites(undefined, { type: 'string', limit: '500' })).toBe(true);
    expect(changeRewrites(undefined, { type: 'citext' })).toBe(true);
  });
});

describe('Rails change_column against the type the migration itself shows', () => {
  it('reads the old type from def down: a longer varchar is quiet, a shorter one is reported', async () => {
    const migration = (to: string) => [
      'class ResizeSku < ActiveRecord::Migration[7.1]',
      '  def up',
      `    change_column :products, :sku, :string, limit: ${to}`,
      '  end',
      '',
      '  def down',
      '    change_column :products, :sku, :string, limit: 64',
      '  end',
      'end',
    ];
    expect((await collectEvidence([newFile('db/migrate/20240301000000_widen_sku.rb', migration('128'))])).findings).toEqual([]);
    expect(at((await collectEvidence([newFile('db/migrate/20240301000000_narrow_sku.rb', migration('32'))])).findings)).toEqual(['3 changing-column-type']);
  });

  it('follows a column this migration adds, then changes: more fractional seconds are free, fewer are not', async () => {
    const body = [
      'class StampPrecision < ActiveRecord::Migration[7.1]',
      '  def up',
      '    add_column :invoices, :paid_at, :datetime, precision: 2',
      '    change_column :invoices, :paid_at, :datetime, precision: 4',
      '    change_column :invoices, :paid_at, :datetime, precision: 1',
      '  end',
      'end',
    ];
    expect(at((await collectEvidence([newFile('db/migrate/20240302000000_stamp_precision.rb', body)])).findings)).toEqual(['5 changing-column-type']);
  });

  it('reports null: false on change_column as SET NOT NULL even when the type change is free', async () => {
    const body = [
      'class TightenNote < ActiveRecord::Migration[7.1]',
      '  def up',
      '    change_column :tickets, :note, :text, null: false',
      '  end',
      'end',
    ];
    expect(at((await collectEvidence([newFile('db/migrate/20240303000000_tighten_note.rb', body)])).findings)).toEqual(['3 adding-not-nullable-field']);
  });
});
