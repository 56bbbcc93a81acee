import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/evidence/collectEvidence.js';
import { at, newFile } from '../diffHelpers.js';

// Shapes met in public projects' migrations (a reality check of the translators), each written anew.

describe('Knex shapes from real migrations', () => {
  it('reads table.dateTime (camel case, as Knex also spells it) as a column', async () => {
    const body = [
      'exports.up = async (knex) => {',
      "  await knex.schema.alterTable('shipments', (t) => {",
      "    t.dateTime('picked_at').defaultTo(knex.fn.now());",
      "    t.dateTime('packed_at').notNullable();",
      '  });',
      '};',
    ];
    const { findings, notes } = await collectEvidence([newFile('migrations/20240405_shipment_times.js', body)]);
    expect(notes).toEqual([]);
    expect(at(findings)).toEqual(['4 adding-required-field']);
  });

  it('says a migration built by a helper (no `up` function) was not linted, instead of passing it', async () => {
    const body = [
      "const { addUniqueIndex, irreversible } = require('../../utils');",
      '',
      'module.exports = irreversible(async (knex) => {',
      "  await addUniqueIndex('orders', ['shop_id', 'number'], knex);",
      '});',
    ];
    const { findings, notes } = await collectEvidence([newFile('migrations/20240406_unique_order_number.js', body)]);
    expect(findings).toEqual([]);
    expect(notes).toEqual(['Not linted in migrations/20240406_unique_order_number.js (Knex): no `up` function. These were not translated to SQL; review them by hand.']);
  });

  it('reads the up function in each of the forms Knex, Sequelize, TypeORM and Laravel write it, without that note', async () => {
    const cases: Array<[string, string[]]> = [
      ['migrations/20240407_a.js', ['exports.up = function (knex) {', "  return knex.schema.alterTable('orders', (t) => { t.index(['shop_id']); });", '};']],
      ['migrations/20240407_b.js', ['module.exports = {', "  up: (knex) => knex.schema.alterTable('orders', (t) => { t.index(['shop_id']); }),", '};']],
      ['migrations/20240407_c.js', ['module.exports = {', '  async up(queryInterface) {', "    await queryInterface.addIndex('orders', ['shop_id']);", '  },', '};']],
      ['src/migrations/1712500000000-OrderShop.ts', ['export class OrderShop1712500000000 {', '  public async up(queryRunner: QueryRunner): Promise<void> {', '    await queryRunner.query(`CREATE INDEX "orders_shop" ON "orders" ("shop_id")`);', '  }', '}']],
      ['database/migrations/2024_04_07_000000_order_shop.php', ['<?php', 'return new class extends Migration {', '    public function up(): void', '    {', "        Schema::table('orders', function (Blueprint $table) { $table->index('shop_id'); });", '    }', '};']],
    ];
    for (const [path, body] of cases) {
      const { findings, notes } = await collectEvidence([newFile(path, body)]);
      expect({ path, notes, rules: at(findings).map((f) => f.split(' ')[1]) }).toEqual({ path, notes: [], rules: ['require-concurrent-index-creation'] });
    }
  });
});
