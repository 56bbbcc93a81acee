import type { Segment, Value } from './parseValue.js';
import { scanChains } from './scanChains.js';
import { changeColumn, rawOrUnknown, schemaSql, statements, WRITES_ROWS } from './schemaSql.js';
import { tokenize, type Token } from './tokenize.js';
import { emptyTranslation, op, type Framework, type Translation } from './Translation.js';
import { hasUpFunction, upRegion } from './upRegion.js';
import { skipOtherDialects } from './otherDialects.js';

/** A column as an imperative schema API adds it. */
export interface ApiColumn {
  name: string;
  type: string;
  /** SQL text. */
  dflt?: string | undefined;
  notNull: boolean;
  unique?: { name: string } | undefined;
  ref?: { name: string; table: string; column: string } | undefined;
}

/**
 * One call of an imperative schema API (Sequelize's `queryInterface.addColumn(...)`, TypeORM's
 * `queryRunner.addColumn(...)`), read into what it does. Each API reads its own argument shapes; the
 * Postgres they run is translated here once.
 */
export type SchemaCall =
  | { kind: 'createTable'; table: string }
  | { kind: 'dropTable'; table: string }
  | { kind: 'renameTable'; table: string; to: string }
  | { kind: 'addColumns'; table: string; columns: ApiColumn[] }
  | { kind: 'changeColumn'; table: string; column: string; type: string; notNull: boolean }
  | { kind: 'dropColumn'; table: string; column: string }
  | { kind: 'renameColumn'; table: string; column: string; to: string }
  | { kind: 'index'; table: string; name: string; columns: string[]; unique: boolean; concurrently: boolean }
  | { kind: 'unique' | 'primaryKey'; table: string; name: string; columns: string[] }
  | { kind: 'foreignKey'; table: string; name: string; columns: string[]; refTable: string; refColumns: string[] }
  | { kind: 'check'; table: string; name: string; expression: string }
  | { kind: 'dropIndex'; table: string; name: string; concurrently: boolean }
  | { kind: 'dropConstraint'; table: string; name: string };

/**
 * What a reader makes of a call: an operation; a construct it cannot read (a note); `other`, a method it
 * does not translate (harmless, or a note); undefined, a known method with nothing to lint.
 */
export type ReadCall = SchemaCall | 'other' | { unknown: string } | undefined;

export interface SchemaApi {
  framework: Framework;
  /** The object the API is called on (`queryInterface`, `queryRunner`); the first names it in notes. */
  heads: readonly string[];
  /** Methods that change nothing a linter judges. */
  harmless: ReadonlySet<string>;
  /** The framework's switch for running a migration outside a transaction. */
  noTransaction?: RegExp;
  /** Its raw-SQL method, as written in notes (`sequelize.query`). */
  raw: { method: string; name: string };
  read: (seg: Segment & { args: NonNullable<Segment['args']> }) => ReadCall;
  /** Calls that write rows besides raw SQL (Sequelize's `bulkInsert` ...). */
  writesRows?: RegExp;
  /** Tables the framework keeps its own bookkeeping in (TypeORM's `typeorm_metadata`): writing them is no backfill. */
  bookkeeping?: RegExp;
}

/**
 * Every call on the API's object in the migration's `up`: raw SQL goes to squawk as is, each other call
 * becomes its Postgres, or a visible "not linted" note. Also returns the lines that write rows (backfills).
 */
export function translateApiCalls(api: SchemaApi, source: string): { tr: Translation; rowWrites: number[] } {
  const tokens = tokenize(source, 'js');
  const up = skipOtherDialects(tokens, upRegion(tokens, 'js'));
  const tr = emptyTranslation(api.framework);
  if (!hasUpFunction(tokens)) tr.unknown.push({ line: 0, what: 'no `up` function' });
  if (api.noTransaction?.test(source)) tr.transactional = false;
  const rowWrites: number[] = [];
  const priorTypes = downTypes(api, tokens);
  for (const { chain } of scanChains(tokens, 'js', up)) {
    const seg = apiCall(api, chain);
    if (!seg) continue;
    if (seg.name === api.raw.method) {
      const sql = rawOrUnknown(tr, seg.line, api.raw.name, seg.args.positional[0]);
      if (sql !== undefined && WRITES_ROWS.test(sql) && !api.bookkeeping?.test(sql)) rowWrites.push(seg.line);
      continue;
    }
    if (api.writesRows?.test(seg.name)) rowWrites.push(seg.line);
    const call = api.read(seg);
    if (call === undefined || (call === 'other' && api.harmless.has(seg.name))) continue;
    if (call === 'other') tr.unknown.push({ line: seg.line, what: `\`${api.heads[0]}.${seg.name}\`` });
    else if ('unknown' in call) tr.unknown.push({ line: seg.line, what: call.unknown });
    else if (call.kind === 'changeColumn' && priorTypes.get(`${call.table}.${call.column}`) === call.type) {
      // The down migration restores the same type: only the nullability changes, no `ALTER ... TYPE` rewrite.
      if (call.notNull) tr.operations.push(op(seg.line, seg.name, call.table, schemaSql.setNotNull(call.table, call.column)));
    } else applySchemaCall(tr, seg.line, seg.name, call);
  }
  return { tr, rowWrites };
}

/** The call on the API's object in a chain (`queryInterface.addColumn(...)`), if any. */
function apiCall(api: SchemaApi, chain: Value): (Segment & { args: NonNullable<Segment['args']> }) | undefined {
  if (chain.kind !== 'chain') return undefined;
  const at = chain.segments.findIndex((s) => api.heads.includes(s.name));
  if (at < 0) return undefined;
  return chain.segments.slice(at + 1).find((s) => s.args) as (Segment & { args: NonNullable<Segment['args']> }) | undefined;
}

/**
 * The column types the down migration's `changeColumn` calls restore (`table.column` → type). Sequelize and
 * TypeORM restate a column's type on every change, so an up change to the type the down restores changes
 * only the other attributes (`allowNull: true`).
 */
function downTypes(api: SchemaApi, tokens: readonly Token[]): Map<string, string> {
  const types = new Map<string, string>();
  const down = upRegion(tokens, 'js').map((u) => !u);
  for (const { chain } of scanChains(tokens, 'js', down)) {
    const seg = apiCall(api, chain);
    const call = seg ? api.read(seg) : undefined;
    if (call && call !== 'other' && !('unknown' in call) && call.kind === 'changeColumn') types.set(`${call.table}.${call.column}`, call.type);
  }
  return types;
}

export function applySchemaCall(tr: Translation, line: number, name: string, call: SchemaCall): void {
  const t = call.table;
  switch (call.kind) {
    case 'createTable':
      return void tr.createdTables.push(t);
    case 'dropTable':
      return void tr.operations.push(op(line, name, t, schemaSql.dropTable(t)));
    case 'renameTable':
      return void tr.operations.push(op(line, name, t, schemaSql.renameTable(t, call.to)));
    case 'addColumns':
      return void tr.operations.push(statements(line, name, t, call.columns.flatMap((c) => [
        schemaSql.addColumn(t, c.name, c.type, { dflt: c.dflt, notNull: c.notNull }),
        ...(c.ref ? [schemaSql.addForeignKey(t, c.ref.name, [c.name], c.ref.table, [c.ref.column])] : []),
        ...(c.unique ? [schemaSql.addUnique(t, c.unique.name, [c.name])] : []),
      ])));
    case 'changeColumn':
      return void tr.operations.push(changeColumn(line, name, t, call.column, call.type, call.notNull));
    case 'dropColumn':
      return void tr.operations.push(op(line, name, t, schemaSql.dropColumn(t, call.column)));
    case 'renameColumn':
      return void tr.operations.push(op(line, name, t, schemaSql.renameColumn(t, call.column, call.to)));
    case 'index':
      return void tr.operations.push(op(line, name, t, schemaSql.createIndex(call.name, t, call.columns, call)));
    case 'unique':
      return void tr.operations.push(op(line, name, t, schemaSql.addUnique(t, call.name, call.columns)));
    case 'primaryKey':
      return void tr.operations.push(op(line, name, t, schemaSql.addPrimaryKey(t, call.name, call.columns)));
    case 'foreignKey':
      return void tr.operations.push(op(line, name, t, schemaSql.addForeignKey(t, call.name, call.columns, call.refTable, call.refColumns)));
    case 'check':
      return void tr.operations.push(op(line, name, t, schemaSql.addCheck(t, call.name, call.expression)));
    case 'dropIndex':
      return void tr.operations.push(op(line, name, t, schemaSql.dropIndex(call.name, call)));
    case 'dropConstraint':
      return void tr.operations.push(op(line, name, t, schemaSql.dropConstraint(t, call.name)));
  }
}
