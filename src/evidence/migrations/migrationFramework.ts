import { isMigration } from '../isMigration.js';
import type { Framework } from './Translation.js';

const CODE = /\.(rb|py|js|mjs|cjs|ts|mts|cts|php|ex|exs)$/i;

/** A file that may be a framework migration: a code file in a migration folder, or a Rails migration anywhere. */
export function mayBeFrameworkMigration(path: string): boolean {
  return CODE.test(path) && (isMigration(path) || /(^|\/)db\/migrate\/[^/]+\.rb$/.test(path)) && !/\.d\.[cm]?ts$/.test(path);
}

/**
 * The framework a migration file is written for, from its path and content; undefined when it is a
 * code file in a migration folder that none of the translators reads (a helper, an unknown tool).
 */
export function migrationFramework(path: string, content: string): Framework | undefined {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  const head = content.slice(0, 20_000);
  if (ext === 'rb') return /ActiveRecord::Migration|\bdef\s+(self\.)?(change|up)\b/.test(head) ? 'rails' : undefined;
  if (ext === 'py') {
    if (/\bfrom\s+alembic\b|\bimport\s+alembic\b|\bop\.(add_column|create_table|create_index|alter_column|execute|drop_column)\b/.test(head)) return 'alembic';
    if (/\bmigrations\.Migration\b|\bfrom\s+django\.db\s+import\b/.test(head)) return 'django';
    return undefined;
  }
  if (ext === 'php') return /\bSchema::|Illuminate\\Database\\Migrations|\bDB::(statement|unprepared)\b/.test(head) ? 'laravel' : undefined;
  // `use Ecto.Migration`, or (in a migrations folder) the `def change do`/`def up do` only Ecto migrations define.
  if (ext === 'ex' || ext === 'exs') return /\bEcto\.Migration\b|\bdef\s+(change|up)\s+do\b/.test(head) ? 'ecto' : undefined;
  if (/\bqueryRunner\b|\bMigrationInterface\b/.test(head)) return 'typeorm';
  if (/\bqueryInterface\b|\bQueryInterface\b/.test(head)) return 'sequelize';
  if (/\bknex\b|\bKnex\b|\.schema\.(createTable|alterTable|table)\b/.test(head)) return 'knex';
  return undefined;
}
