import { isFalse, isNull, isTrue, namesOf, option, textOf, type Args, type Value } from './parseValue.js';
import { changeRewrites, railsColumnType, type RailsColumnType } from './railsColumnChange.js';
import { autoIncrement, jsonColumn, wideIndex } from './railsHazards.js';
import { joinTableName, plural, railsColumnDefault, railsDefault, railsType } from './railsTypes.js';
import { schemaSql, sqlDefault, statements } from './schemaSql.js';
import { ident, identList, op, rawSql, singular, type Hazard, type Operation, type Translation } from './Translation.js';

/** What a Rails migration's operations add to, as the translator walks it. */
export interface RailsContext {
  tr: Translation;
  /** Lines that build or drop an index `CONCURRENTLY`: a hazard when the migration runs in a transaction. */
  concurrent: number[];
  /** Row writes (`update_all`, `execute "UPDATE …"`): a hazard next to schema changes in a transaction. */
  dataWrites: Array<{ line: number; what: string }>;
  /** Column types known before each operation (`table.column`): from `down`, then from this migration's own changes. */
  columns: Map<string, RailsColumnType>;
}

/** One migration method call: `add_index :users, :email, unique: true`. */
export interface RailsCall {
  name: string;
  args: Args;
  line: number;
  /** Inside `safety_assured`. */
  assured: boolean;
}

type Handler = (ctx: RailsContext, call: RailsCall, table: string, pos: readonly Value[]) => void;

/** Calls that change nothing a linter could judge (or only the app's state). */
export const RAILS_HARMLESS: ReadonlySet<string> = new Set([
  'say', 'say_with_time', 'puts', 'require', 'include', 'extend', 'reset_column_information', 'enable_extension', 'disable_extension',
  'create_enum', 'drop_enum', 'add_enum_value', 'rename_enum_value', 'create_schema', 'drop_schema', 'remove_foreign_key',
  'remove_check_constraint', 'remove_unique_constraint', 'remove_exclusion_constraint', 'rename_index', 'change_table_comment',
  'change_column_comment', 'attr_accessor', 'private', 'protected', 'public', 'raise', 'return', 'commit_db_transaction', 'transaction',
  'p', 'pp', 'logger',
]);

/**
 * A Rails migration call → the Postgres it runs (as Rails 7's PostgreSQL adapter writes it), added to
 * the translation; what it cannot read is recorded as not linted.
 */
export function railsOperation(ctx: RailsContext, call: RailsCall): void {
  const pos = call.args.positional.filter((v) => v.kind !== 'map');
  const tableless = TABLELESS[call.name];
  if (tableless) return tableless(ctx, call, '', pos);
  const handler = OPERATIONS[call.name];
  if (!handler) {
    if (!RAILS_HARMLESS.has(call.name)) unknown(ctx, call, `\`${call.name}\``);
    return;
  }
  const table = textOf(pos[0]);
  if (table === undefined) return unknown(ctx, call, `\`${call.name}\` with a computed table name`);
  handler(ctx, call, table, pos);
}

function unknown(ctx: RailsContext, call: RailsCall, what: string): void {
  ctx.tr.unknown.push({ line: call.line, what });
}

function push(ctx: RailsContext, call: RailsCall, o: Operation): void {
  ctx.tr.operations.push(call.assured ? { ...o, assured: true } : o);
}

/** A hazard of this call; inside `safety_assured` the author accepted it (a note, not a finding). */
function hazard(ctx: RailsContext, call: RailsCall, h: Hazard): void {
  ctx.tr.hazards.push(call.assured ? { ...h, assured: true } : h);
}

function alter(ctx: RailsContext, call: RailsCall, table: string, sql: string): void {
  push(ctx, call, op(call.line, call.name, table, `ALTER TABLE ${ident(table)} ${sql};`));
}

function concurrently(ctx: RailsContext, call: RailsCall, opts: Args): boolean {
  const yes = textOf(option(opts, 'algorithm')) === 'concurrently';
  if (yes) ctx.concurrent.push(call.line);
  return yes;
}

function createIndex(table: string, columns: string[], args: Args, isConcurrent: boolean): string {
  const name = textOf(option(args, 'name')) ?? `index_${table}_on_${columns.join('_and_').replace(/\W+/g, '_')}`;
  return schemaSql.createIndex(name, table, columns, { unique: isTrue(option(args, 'unique')), concurrently: isConcurrent, using: textOf(option(args, 'using')), where: textOf(option(args, 'where')) });
}

function columnDefinition(column: string, type: string, args: Args): string {
  let def = `${ident(column)} ${railsType(type, args)}`;
  if (type === 'virtual') {
    const as = textOf(option(args, 'as'));
    if (as !== undefined && isTrue(option(args, 'stored'))) def += ` GENERATED ALWAYS AS (${as}) STORED`;
  }
  const dflt = option(args, 'default');
  if (dflt && !isNull(dflt)) def += ` DEFAULT ${sqlDefault(railsColumnDefault(type, dflt), railsDefault)}`;
  if (isFalse(option(args, 'null'))) def += ' NOT NULL';
  return def;
}

const addColumn: Handler = (ctx, call, table, pos) => {
  const column = textOf(pos[1]);
  const type = textOf(pos[2]) ?? 'string';
  if (!column) return unknown(ctx, call, '`add_column` with a computed column name');
  if (type === 'json') hazard(ctx, call, jsonColumn(call.line, column, table));
  if (type === 'serial' || type === 'bigserial') hazard(ctx, call, autoIncrement(call.line, column));
  ctx.columns.set(`${table}.${column}`, railsColumnType(type, call.args));
  alter(ctx, call, table, `ADD COLUMN ${columnDefinition(column, type, call.args)}`);
};

const addIndex: Handler = (ctx, call, table, pos) => {
  const columns = namesOf(pos[1]);
  if (!columns) return unknown(ctx, call, '`add_index` with computed columns');
  const isConcurrent = concurrently(ctx, call, call.args);
  if (!isTrue(option(call.args, 'unique')) && columns.length > 3) hazard(ctx, call, wideIndex(call.line, columns.length));
  push(ctx, call, op(call.line, call.name, table, createIndex(table, columns, call.args, isConcurrent)));
};

const removeIndex: Handler = (ctx, call, table, pos) => {
  const isConcurrent = concurrently(ctx, call, call.args);
  const cols = namesOf(pos[1] ?? option(call.args, 'column')) ?? [];
  const indexName = textOf(option(call.args, 'name')) ?? `index_${table}_on_${cols.join('_and_')}`;
  push(ctx, call, op(call.line, call.name, table, schemaSql.dropIndex(indexName, { concurrently: isConcurrent })));
};

const addReference: Handler = (ctx, call, table, pos) => {
  const { args } = call;
  const ref = textOf(pos[1]);
  if (!ref) return unknown(ctx, call, `\`${call.name}\` with a computed name`);
  const column = `${ref}_id`;
  const sql = [schemaSql.addColumn(table, column, railsType(textOf(option(args, 'type')) ?? 'bigint', args), { notNull: isFalse(option(args, 'null')) })];
  const polymorphic = isTrue(option(args, 'polymorphic'));
  if (polymorphic) sql.push(schemaSql.addColumn(table, `${ref}_type`, 'varchar'));
  const index = option(args, 'index');
  if (!isFalse(index)) {
    const opts = optionsOf(index);
    sql.push(createIndex(table, polymorphic ? [`${ref}_type`, column] : [column], opts, concurrently(ctx, call, opts)));
  }
  const fk = option(args, 'foreign_key');
  if (fk && !isFalse(fk) && !isNull(fk)) {
    const fkOpts = optionsOf(fk);
    const to = textOf(option(fkOpts, 'to_table')) ?? plural(ref);
    sql.push(schemaSql.addForeignKey(table, `fk_rails_${column}`, [column], to, ['id'], { notValid: isFalse(option(fkOpts, 'validate')) }));
  }
  push(ctx, call, statements(call.line, call.name, table, sql));
};

/** `index: { algorithm: :concurrently }` → its options; `index: true` → none. */
function optionsOf(v: Value | undefined): Args {
  return v?.kind === 'map' ? { positional: [], named: v.entries } : { positional: [], named: new Map() };
}

const changeColumn: Handler = (ctx, call, table, pos) => {
  const column = textOf(pos[1]);
  if (!column) return unknown(ctx, call, '`change_column` with a computed column name');
  const type = textOf(pos[2]) ?? 'string';
  const key = `${table}.${column}`;
  const next = railsColumnType(type, call.args);
  const rewrites = changeRewrites(ctx.columns.get(key), next);
  ctx.columns.set(key, next);
  const sql = rewrites ? [`ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(column)} TYPE ${railsType(type, call.args)};`] : [];
  if (isFalse(option(call.args, 'null'))) sql.push(schemaSql.setNotNull(table, column));
  if (sql.length > 0) push(ctx, call, statements(call.line, call.name, table, sql));
};

const changeColumnNull: Handler = (ctx, call, table, pos) => {
  const column = textOf(pos[1]);
  if (!column) return unknown(ctx, call, '`change_column_null` with a computed column name');
  // Allowing NULL again is instant and safe for running code.
  if (!isFalse(pos[2])) return;
  const sql: string[] = [];
  // With a fourth argument Rails first fills the NULLs: one UPDATE of the whole table.
  const fill = call.args.positional[3];
  if (fill && !isNull(fill)) {
    sql.push(`UPDATE ${ident(table)} SET ${ident(column)} = ${sqlDefault(fill, railsDefault)} WHERE ${ident(column)} IS NULL;`);
    ctx.dataWrites.push({ line: call.line, what: `change_column_null with a default (UPDATE ${table})` });
  }
  sql.push(schemaSql.setNotNull(table, column));
  push(ctx, call, statements(call.line, call.name, table, sql));
};

const changeColumnDefault: Handler = (ctx, call, table, pos) => {
  const column = textOf(pos[1]);
  const third = call.args.positional[2];
  const value = third?.kind === 'map' ? (third.entries.get('to') ?? third) : (third ?? option(call.args, 'to'));
  if (column && value && !isNull(value)) alter(ctx, call, table, `ALTER COLUMN ${ident(column)} SET DEFAULT ${sqlDefault(value, railsDefault)}`);
};

const addForeignKey: Handler = (ctx, call, table, pos) => {
  const to = textOf(pos[1]);
  if (!to) return unknown(ctx, call, '`add_foreign_key` with a computed table');
  const { args } = call;
  const column = textOf(option(args, 'column')) ?? `${singular(to)}_id`;
  const fkName = textOf(option(args, 'name')) ?? `fk_rails_${column}`;
  const pk = textOf(option(args, 'primary_key')) ?? 'id';
  const notValid = isFalse(option(args, 'validate')) ? ' NOT VALID' : '';
  alter(ctx, call, table, `ADD CONSTRAINT ${ident(fkName)} FOREIGN KEY (${ident(column)}) REFERENCES ${ident(to)} (${ident(pk)})${notValid}`);
};

const addCheckConstraint: Handler = (ctx, call, table, pos) => {
  const expr = textOf(pos[1]);
  if (expr === undefined) return unknown(ctx, call, '`add_check_constraint` with a computed expression');
  const cname = textOf(option(call.args, 'name')) ?? `chk_${table}`;
  alter(ctx, call, table, `ADD CONSTRAINT ${ident(cname)} CHECK (${expr})${isFalse(option(call.args, 'validate')) ? ' NOT VALID' : ''}`);
};

/**
 * Squawk reads `VALIDATE CONSTRAINT` then `SET NOT NULL` as the safe sequence, and a constraint added
 * `NOT VALID` then validated in the same transaction as unsafe: the name ties the two, so
 * `validate_foreign_key :users, :orders` names the key the way `add_foreign_key :users, :orders` does.
 */
const validateConstraint: Handler = (ctx, call, table, pos) => {
  const named = textOf(option(call.args, 'name'));
  const to = textOf(pos[1]);
  const fkName = call.name === 'validate_foreign_key' && to !== undefined ? `fk_rails_${textOf(option(call.args, 'column')) ?? `${singular(to)}_id`}` : undefined;
  alter(ctx, call, table, `VALIDATE CONSTRAINT ${ident(named ?? fkName ?? to ?? 'constraint')}`);
};

const addUniqueConstraint: Handler = (ctx, call, table, pos) => {
  const cname = textOf(option(call.args, 'name')) ?? `uniq_${table}`;
  const usingIndex = textOf(option(call.args, 'using_index'));
  const cols = namesOf(pos[1]) ?? [];
  alter(ctx, call, table, usingIndex ? `ADD CONSTRAINT ${ident(cname)} UNIQUE USING INDEX ${ident(usingIndex)}` : `ADD CONSTRAINT ${ident(cname)} UNIQUE (${identList(cols)})`);
};

const addExclusionConstraint: Handler = (ctx, call, table, pos) => {
  const expr = textOf(pos[1]) ?? 'id WITH =';
  alter(ctx, call, table, `ADD CONSTRAINT ${ident(textOf(option(call.args, 'name')) ?? `excl_${table}`)} EXCLUDE USING ${textOf(option(call.args, 'using')) ?? 'gist'} (${expr})`);
};

const removeColumns: Handler = (ctx, call, table, pos) => {
  const columns = call.name === 'remove_column' ? [textOf(pos[1])] : pos.slice(1).filter((v) => v.kind === 'sym' || v.kind === 'str').map(textOf);
  for (const column of columns) if (column) alter(ctx, call, table, `DROP COLUMN ${ident(column)}`);
};

const removeReference: Handler = (ctx, call, table, pos) => {
  const ref = textOf(pos[1]);
  if (ref) alter(ctx, call, table, `DROP COLUMN ${ident(`${ref}_id`)}`);
};

const addTimestamps: Handler = (ctx, call, table) => {
  // Rails 5+ adds timestamps NOT NULL unless told otherwise.
  const dflt = option(call.args, 'default');
  const column = { dflt: dflt && !isNull(dflt) ? sqlDefault(dflt, railsDefault) : undefined, notNull: !isTrue(option(call.args, 'null')) };
  push(ctx, call, statements(call.line, call.name, table, ['created_at', 'updated_at'].map((c) => schemaSql.addColumn(table, c, 'timestamp(6)', column))));
};

const removeTimestamps: Handler = (ctx, call, table) => {
  push(ctx, call, statements(call.line, call.name, table, ['created_at', 'updated_at'].map((c) => schemaSql.dropColumn(table, c))));
};

const renameColumn: Handler = (ctx, call, table, pos) => {
  const from = textOf(pos[1]);
  const to = textOf(pos[2]);
  if (from && to) alter(ctx, call, table, `RENAME COLUMN ${ident(from)} TO ${ident(to)}`);
};

const renameTable: Handler = (ctx, call, table, pos) => {
  const to = textOf(pos[1]);
  if (to) alter(ctx, call, table, `RENAME TO ${ident(to)}`);
};

const OPERATIONS: Readonly<Record<string, Handler>> = {
  add_column: addColumn,
  add_index: addIndex,
  remove_index: removeIndex,
  add_reference: addReference,
  add_belongs_to: addReference,
  change_column: changeColumn,
  change_column_null: changeColumnNull,
  change_column_default: changeColumnDefault,
  add_foreign_key: addForeignKey,
  add_check_constraint: addCheckConstraint,
  validate_check_constraint: validateConstraint,
  validate_foreign_key: validateConstraint,
  validate_constraint: validateConstraint,
  add_unique_constraint: addUniqueConstraint,
  add_exclusion_constraint: addExclusionConstraint,
  remove_column: removeColumns,
  remove_columns: removeColumns,
  remove_reference: removeReference,
  remove_belongs_to: removeReference,
  add_timestamps: addTimestamps,
  remove_timestamps: removeTimestamps,
  rename_column: renameColumn,
  rename_table: renameTable,
};

/** Operations whose first argument is not (only) the table they change. */
const TABLELESS: Readonly<Record<string, Handler>> = {
  drop_table: (ctx, call, _t, pos) => {
    const dropped = textOf(pos[0]);
    if (dropped) push(ctx, call, op(call.line, call.name, dropped, schemaSql.dropTable(dropped)));
  },
  drop_join_table: (ctx, call) => {
    const dropped = joinTableName(call.args);
    if (dropped) push(ctx, call, op(call.line, call.name, dropped, schemaSql.dropTable(dropped)));
  },
  execute: (ctx, call, _t, pos) => {
    const sql = pos[0];
    if (sql?.kind !== 'str' || sql.dynamic) return unknown(ctx, call, '`execute` with interpolated or computed SQL');
    push(ctx, call, rawSql(call.line, call.name, sql.value, sql.lines));
    if (/^\s*(UPDATE|INSERT|DELETE)\b/i.test(sql.value)) ctx.dataWrites.push({ line: call.line, what: 'execute UPDATE/INSERT/DELETE' });
  },
};
