import { describe, expect, it } from 'vitest';
import { translateKnex } from '../../../src/evidence/migrations/translateKnex.js';
import { translateLaravel } from '../../../src/evidence/migrations/translateLaravel.js';
import { translateSequelize } from '../../../src/evidence/migrations/translateSequelize.js';
import { translateTypeorm } from '../../../src/evidence/migrations/translateTypeorm.js';
import type { Translation } from '../../../src/evidence/migrations/Translation.js';

const sql = (tr: Translation) => tr.operations.flatMap((o) => o.sql.map((l) => l.text));

describe('one translation mechanism for every framework', () => {
  it('gives the same operation the same Postgres in Knex, Laravel, Sequelize and TypeORM', () => {
    const knex = translateKnex(`exports.up = (knex) => knex.schema.alterTable('users', (table) => {
  table.string('email').notNullable();
  table.dropColumn('legacy');
});`);
    const laravel = translateLaravel(`<?php
return new class extends Migration {
    public function up(): void {
        Schema::table('users', function (Blueprint $table) {
            $table->string('email');
            $table->dropColumn('legacy');
        });
    }
};`);
    const sequelize = translateSequelize(`module.exports = { async up(queryInterface, Sequelize) {
  await queryInterface.addColumn('users', 'email', { type: Sequelize.STRING, allowNull: false });
  await queryInterface.removeColumn('users', 'legacy');
} };`);
    const typeorm = translateTypeorm(`export class AddEmail implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('users', new TableColumn({ name: 'email', type: 'varchar(255)' }));
    await queryRunner.dropColumn('users', 'legacy');
  }
}`);
    const expected = ['ALTER TABLE "users" ADD COLUMN "email" varchar(255) NOT NULL;', 'ALTER TABLE "users" DROP COLUMN "legacy";'];
    for (const tr of [knex, laravel, sequelize, typeorm]) expect({ framework: tr.framework, sql: sql(tr), unknown: tr.unknown }).toEqual({ framework: tr.framework, sql: expected, unknown: [] });
  });

  it('says what it cannot read (computed SQL, an unknown builder call) instead of passing it silently', () => {
    const knex = translateKnex(`exports.up = async (knex) => {
  await knex.raw(\`UPDATE users SET x = \${value}\`);
  await knex.schema.alterTable('users', (table) => { table.frobnicate('x'); });
};`);
    expect(knex.unknown).toEqual([
      { line: 2, what: '`knex.raw` with interpolated or computed SQL' },
      { line: 3, what: '`table.frobnicate`' },
    ]);
    const typeorm = translateTypeorm(`export class X { async up(queryRunner) { await queryRunner.frobnicate('users'); } }`);
    expect(typeorm.unknown).toEqual([{ line: 1, what: '`queryRunner.frobnicate`' }]);
  });
});
