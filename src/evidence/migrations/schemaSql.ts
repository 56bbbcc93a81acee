import { isFalse, isTrue, type Value } from './parseValue.js';
import { hazard, ident, identList, literal, rawSql, type Hazard, type Operation, type Translation } from './Translation.js';

/**
 * The Postgres each schema operation runs, whatever framework wrote it: every translator builds its
 * statements here, so the same operation is the same SQL (and the same squawk finding) in Rails, Django,
 * Alembic, Knex, Sequelize, TypeORM, Laravel and Ecto.
 */
export const schemaSql = {
  dropTable: (t: string) => `DROP TABLE ${ident(t)};`,
  renameTable: (t: string, to: string) => `ALTER TABLE ${ident(t)} RENAME TO ${ident(to)};`,
  /** `dflt` is SQL text already (a literal, `now()` ...). */
  addColumn: (t: string, c: string, type: string, column: { dflt?: string | undefined; notNull?: boolean } = {}) =>
    `ALTER TABLE ${ident(t)} ADD COLUMN ${ident(c)} ${type}${column.dflt ? ` DEFAULT ${column.dflt}` : ''}${column.notNull ? ' NOT NULL' : ''};`,
  alterType: (t: string, c: string, type: string) => `ALTER TABLE ${ident(t)} ALTER COLUMN ${ident(c)} TYPE ${type};`,
  setNotNull: (t: string, c: string) => `ALTER TABLE ${ident(t)} ALTER COLUMN ${ident(c)} SET NOT NULL;`,
  dropColumn: (t: string, c: string) => `ALTER TABLE ${ident(t)} DROP COLUMN ${ident(c)};`,
  renameColumn: (t: string, c: string, to: string) => `ALTER TABLE ${ident(t)} RENAME COLUMN ${ident(c)} TO ${ident(to)};`,
  /** `using` (an index method) and `where` (a partial index's predicate) are SQL text. */
  createIndex: (name: string, t: string, cols: readonly string[], index: { unique?: boolean; concurrently?: boolean; using?: string | undefined; where?: string | undefined } = {}) =>
    `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${index.concurrently ? 'CONCURRENTLY ' : ''}${ident(name)} ON ${ident(t)}${index.using ? ` USING ${index.using}` : ''} (${identList(cols)})${index.where ? ` WHERE ${index.where}` : ''};`,
  dropIndex: (name: string, index: { concurrently?: boolean } = {}) => `DROP INDEX ${index.concurrently ? 'CONCURRENTLY ' : ''}${ident(name)};`,
  dropConstraint: (t: string, name: string) => `ALTER TABLE ${ident(t)} DROP CONSTRAINT ${ident(name)};`,
  addUnique: (t: string, name: string, cols: readonly string[]) => `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(name)} UNIQUE (${identList(cols)});`,
  /** `notValid`: added without checking existing rows; `deferrable`: checked at commit (Django's default). */
  addForeignKey: (t: string, name: string, cols: readonly string[], refTable: string, refCols: readonly string[], fk: { notValid?: boolean; deferrable?: boolean } = {}) =>
    `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(name)} FOREIGN KEY (${identList(cols)}) REFERENCES ${ident(refTable)} (${identList(refCols)})${fk.deferrable ? ' DEFERRABLE INITIALLY DEFERRED' : ''}${fk.notValid ? ' NOT VALID' : ''};`,
  /** An exclusion constraint; its elements are the framework's own syntax, so a stand-in element (the lock is the same). */
  addExclusion: (t: string, name: string, method = 'gist') => `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(name)} EXCLUDE USING ${/^\w+$/.test(method) ? method : 'gist'} (id WITH =);`,
  addCheck: (t: string, name: string, expr: string, check: { notValid?: boolean } = {}) => `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(name)} CHECK (${expr})${check.notValid ? ' NOT VALID' : ''};`,
  addPrimaryKey: (t: string, name: string, cols: readonly string[]) => `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(name)} PRIMARY KEY (${identList(cols)});`,
};

/** Several statements of one operation, all on its source line. */
export function statements(line: number, name: string, table: string, sql: readonly string[]): Operation {
  return { line, op: name, table, sql: sql.map((text) => ({ text, line })) };
}

/** A column's new type, then `SET NOT NULL` when the new definition forbids nulls: one operation. */
export function changeColumn(line: number, name: string, t: string, c: string, type: string, notNull: boolean): Operation {
  return statements(line, name, t, [schemaSql.alterType(t, c, type), ...(notNull ? [schemaSql.setNotNull(t, c)] : [])]);
}

/**
 * Author-written SQL (`knex.raw`, `DB::statement`, `queryRunner.query` ...): a literal goes to squawk as
 * is; anything interpolated or computed becomes a visible "not linted" note. The literal, or undefined.
 */
export function rawOrUnknown(tr: Translation, line: number, name: string, sql: Value | undefined): string | undefined {
  if (sql?.kind === 'str' && !sql.dynamic) {
    tr.operations.push(rawSql(line, name, sql.value, sql.lines));
    return sql.value;
  }
  tr.unknown.push({ line, what: `\`${name}\` with interpolated or computed SQL` });
  return undefined;
}

/** Rows written (UPDATE/INSERT/DELETE) in a transactional migration that also changes the schema: one hazard each. */
export function backfillHazards(tr: Translation, dataLines: readonly number[], advice: string): void {
  if (!tr.transactional || !tr.operations.some((o) => !o.raw)) return;
  for (const line of dataLines) tr.hazards.push(backfillHazard(line, advice));
}

/** `lead` says what rewrites rows; `advice`, the framework's way out. */
export function backfillHazard(line: number, advice: string, lead = 'This migration changes the schema and rewrites rows in the same transaction: the schema change\'s locks are held until every row is written.', title = 'Data backfill inside a schema migration'): Hazard {
  return hazard(line, 'backfill-in-schema-migration', 'major', title, `${lead} ${advice}`);
}

/**
 * A column default as SQL: the framework's own forms first (`knex.fn.now()`, `sa.text(...)`, `fragment(...)`),
 * then numbers, strings and booleans. Anything else is evaluated in the host language, a plain value by
 * the time Postgres sees it (`''`).
 */
export function sqlDefault(v: Value, own?: (v: Value) => string | undefined): string {
  const mine = own?.(v);
  if (mine !== undefined) return mine;
  if (v.kind === 'num') return v.value;
  if (v.kind === 'str' && !v.dynamic) return literal(v.value);
  if (isTrue(v)) return 'true';
  if (isFalse(v)) return 'false';
  return "''";
}

/** SQL that writes rows. */
export const WRITES_ROWS = /^\s*(UPDATE|INSERT|DELETE)\b/i;
