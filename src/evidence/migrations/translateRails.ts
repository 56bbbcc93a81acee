import { blockStatements, type BlockStatement } from './blockStatements.js';
import { isFalse, option, Parser, textOf, type Args, type Value } from './parseValue.js';
import { railsColumnType } from './railsColumnChange.js';
import { concurrentInTransaction, createTableForce, railsBackfill } from './railsHazards.js';
import { RAILS_HARMLESS, railsOperation, type RailsCall, type RailsContext } from './railsOperations.js';
import { joinTableName, RAILS_COLUMN_TYPES } from './railsTypes.js';
import { tokenize, type Token } from './tokenize.js';
import { emptyTranslation, type Translation } from './Translation.js';

/** ActiveRecord writes that make a migration a data migration. */
const DATA_WRITES = new Set([
  'update_all', 'update_column', 'update_columns', 'find_each', 'find_in_batches', 'in_batches', 'each', 'update', 'update!', 'save',
  'save!', 'delete_all', 'destroy_all', 'insert_all', 'insert_all!', 'upsert_all', 'create!', 'create', 'touch_all',
]);

/** ActiveRecord calls that only read (or reload what the model knows), on a model class. */
const MODEL_READS = new Set([
  'where', 'not', 'or', 'find', 'find_by', 'find_by!', 'pluck', 'pick', 'ids', 'count', 'exists?', 'any?', 'none?', 'first', 'last', 'all',
  'select', 'order', 'limit', 'joins', 'includes', 'unscoped', 'table_name', 'column_names', 'columns', 'maximum', 'minimum', 'sum',
  'reset_column_information', 'connection_pool', 'primary_key', 'arel_table', 'sanitize_sql', 'sanitize_sql_array', 'quote', 'new',
  'info', 'warn', 'debug', 'error', 'logger', 'env', 'root', 'production?', 'development?', 'test?', 'current', 'now',
]);

/** `t.index` inside `change_table` → `add_index` with the table first. */
const BLOCK_OPERATIONS: Readonly<Record<string, string>> = {
  index: 'add_index', references: 'add_reference', belongs_to: 'add_reference', remove: 'remove_columns', rename: 'rename_column',
  change: 'change_column', change_default: 'change_column_default', change_null: 'change_column_null', timestamps: 'add_timestamps',
  remove_timestamps: 'remove_timestamps', remove_references: 'remove_reference', remove_belongs_to: 'remove_reference',
  remove_index: 'remove_index', foreign_key: 'add_foreign_key', check_constraint: 'add_check_constraint', unique_constraint: 'add_unique_constraint',
  exclusion_constraint: 'add_exclusion_constraint', remove_foreign_key: 'remove_foreign_key', remove_check_constraint: 'remove_check_constraint',
};

/** Block calls that only run their block (as far as the schema goes). */
/** The connection's raw-SQL methods (`connection.execute`), read like the migration's own `execute`. */
const RAW_SQL_CALLS: ReadonlySet<string> = new Set(['execute', 'exec_query', 'exec_update', 'exec_delete', 'exec_insert']);
const PASS_THROUGH = new Set(['reversible', 'up_only', 'say_with_time', 'transaction']);
/** `change_table` and strong_migrations' `safe_change_table`, which changes the same table the same way. */
const CHANGE_TABLE = new Set(['change_table', 'safe_change_table']);

interface Scope {
  /** Table of the enclosing `change_table` (with its block variable) or `create_table`. */
  table?: { name: string; param: string; created: boolean };
  assured: boolean;
}

/** A statement read as a call chain: `add_index :users, :email` or `t.string :name`. */
interface ParsedCall {
  names: string[];
  args: Args;
  line: number;
  block?: BlockStatement['block'];
}

type Where = 'top' | 'migration';

/**
 * Rails ActiveRecord migrations → the Postgres each operation runs (see railsOperation), one statement
 * per source line, plus the hazards no SQL shows. Only `change`/`up` run; `down` and `dir.down` are
 * rollbacks and are skipped, except that `down`'s `change_column` tells the type a column had.
 */
export function translateRails(source: string): Translation {
  const tokens = tokenize(source, 'ruby');
  const ctx: RailsContext = { tr: emptyTranslation('rails'), concurrent: [], dataWrites: [], columns: new Map() };
  const { tr } = ctx;
  const statements = blockStatements(tokens, 'ruby');
  let sawMigrationMethod = false;
  readRollback(statements);
  walk(statements, { assured: false }, 'top');
  if (!sawMigrationMethod) tr.unknown.push({ line: 0, what: 'no `change` or `up` method' });
  addTransactionHazards(ctx);
  return tr;

  function walk(stmts: readonly BlockStatement[], scope: Scope, where: Where): void {
    for (const s of stmts) {
      const first = tokens[s.start] as Token;
      const word = first.kind === 'id' ? first.text : '';
      if (word === 'class' || word === 'module') walk(s.block?.children ?? [], scope, 'top');
      else if (word === 'def') {
        const name = methodName(s);
        if (name === 'change' || name === 'up') {
          sawMigrationMethod = true;
          walk(s.block?.children ?? [], scope, 'migration');
        }
      } else if (where !== 'migration') {
        if (word === 'disable_ddl_transaction!') tr.transactional = false;
      } else if (/^(if|unless|case|begin|while|until|for|else|elsif|when|rescue|ensure)$/.test(word)) walk(s.block?.children ?? [], scope, where);
      else statement(s, scope);
    }
  }

  /** `def down`'s `change_column` calls: the type each column has before `up` runs. */
  function readRollback(stmts: readonly BlockStatement[]): void {
    for (const s of stmts) {
      const word = (tokens[s.start] as Token).text;
      if (word === 'class' || word === 'module') readRollback(s.block?.children ?? []);
      if (word !== 'def' || methodName(s) !== 'down') continue;
      for (const c of s.block?.children ?? []) {
        const call = parseCall(c);
        const [name, table, column, type] = [call?.names.join('.'), textOf(call?.args.positional[0]), textOf(call?.args.positional[1]), textOf(call?.args.positional[2])];
        if (call && name === 'change_column' && table && column && type) ctx.columns.set(`${table}.${column}`, railsColumnType(type, call.args));
      }
    }
  }

  function methodName(s: BlockStatement): string {
    const names = tokens.slice(s.start + 1, s.end).filter((t) => t.kind === 'id').map((t) => t.text);
    return (names[0] === 'self' ? names[1] : names[0]) ?? '';
  }

  /** The statement as a call, or undefined for an assignment or a bare literal (not operations). */
  function parseCall(s: BlockStatement): ParsedCall | undefined {
    // `add_index … unless index_exists?(…)`: the guard does not change what runs.
    let end = s.end;
    for (let k = s.start + 1; k < s.end; k++) {
      const t = tokens[k] as Token;
      if (t.kind === 'id' && (t.text === 'if' || t.text === 'unless' || t.text === 'rescue')) {
        end = k;
        break;
      }
    }
    // Assignments (`self.x = …`, `sql = …`) are not operations.
    for (let k = s.start; k < end; k++) if (tokens[k]?.kind === 'p' && tokens[k]?.text === '=') return undefined;
    const p = new Parser(tokens, 'ruby', s.start, end);
    const head = p.expr();
    if (head.kind !== 'chain') return undefined;
    const last = head.segments[head.segments.length - 1];
    let args: Args = last?.args ?? { positional: [], named: new Map() };
    if (p.i < end) args = { ...p.items('\0', 0), ...(args.block ? { block: args.block } : {}) };
    return { names: head.segments.map((x) => x.name), args, line: s.line, ...(s.block ? { block: s.block } : {}) };
  }

  function statement(s: BlockStatement, scope: Scope): void {
    const call = parseCall(s);
    if (!call) {
      const first = tokens[s.start] as Token;
      const assignment = tokens.slice(s.start, s.end).some((t) => t.kind === 'p' && t.text === '=');
      if (!assignment && first.kind !== 'sym' && first.kind !== 'str') tr.unknown.push({ line: s.line, what: `\`${first.text}\`` });
      return;
    }
    if (!structural(call, scope)) operationCall(call, scope);
  }

  /** Calls that open a scope or change how the migration runs; true when handled. */
  function structural(call: ParsedCall, scope: Scope): boolean {
    const { names, line, block } = call;
    const name = names[names.length - 1] as string;
    const children = block?.children ?? [];
    if (names.length === 2) {
      // `dir.up { … }` of `reversible do |dir|`: only `up` runs forward.
      const isDirection = block !== undefined && (name === 'up' || name === 'down') && /^[a-z_]\w*$/.test(names[0] ?? '');
      if (isDirection && name === 'up') walk(children, scope, 'migration');
      return isDirection;
    }
    if (names.length !== 1) return false;
    // `commit_db_transaction` ends the migration's transaction: what follows runs outside it, as after
    // `disable_ddl_transaction!` (older migrations build concurrent indexes this way).
    if (name === 'disable_ddl_transaction!' || name === 'commit_db_transaction') tr.transactional = false;
    else if (name === 'safety_assured') {
      tr.escapes.push({ line, what: 'safety_assured' });
      walk(children, { ...scope, assured: true }, 'migration');
    } else if (PASS_THROUGH.has(name)) walk(children, scope, 'migration');
    else if (name === 'create_table' || name === 'create_join_table') createTable(call, name, scope);
    else if (CHANGE_TABLE.has(name)) {
      const table = textOf(call.args.positional[0]);
      if (!table) tr.unknown.push({ line, what: `\`${name}\` with a computed table name` });
      else walk(children, { ...scope, table: { name: table, param: block?.params[0] ?? 't', created: false } }, 'migration');
    } else return false;
    return true;
  }

  function createTable(call: ParsedCall, name: string, scope: Scope): void {
    const { args, line, block } = call;
    const table = name === 'create_table' ? textOf(args.positional[0]) : joinTableName(args);
    if (!table) return void tr.unknown.push({ line, what: `\`${name}\` with a computed table name` });
    tr.createdTables.push(table);
    const force = option(args, 'force');
    if (force && !isFalse(force)) tr.hazards.push(scope.assured ? { ...createTableForce(line, table), assured: true } : createTableForce(line, table));
    walk(block?.children ?? [], { ...scope, table: { name: table, param: block?.params[0] ?? 't', created: true } }, 'migration');
  }

  function operationCall(call: ParsedCall, scope: Scope): void {
    const { names, args, line } = call;
    const name = names[names.length - 1] as string;
    // `t.string :name` inside a create_table / change_table block; a new table's columns and indexes lock nothing.
    if (scope.table && names.length === 2 && names[0] === scope.table.param) {
      if (!scope.table.created) blockOperation(name, { name, args, line, assured: scope.assured }, scope.table);
      return;
    }
    if (names.length === 1) return railsOperation(ctx, { name, args, line, assured: scope.assured });
    // `connection.execute(...)`, `ActiveRecord::Base.connection.execute(...)`: the same raw SQL as `execute`.
    if (RAW_SQL_CALLS.has(name) && names.includes('connection')) return railsOperation(ctx, { name: 'execute', args, line, assured: scope.assured });
    // `User.update_all(...)`, `User.where(...).find_each { … }`: a data migration.
    // A SCREAMING_CASE constant (`COLUMNS.each { … }`) is a list, not a model: what its block does is unread.
    if (/^[A-Z][A-Z0-9_]+$/.test(names[0] ?? '')) return void tr.unknown.push({ line, what: `\`${names.join('.')}\`` });
    if (/^[A-Z]/.test(names[0] ?? '') && names.some((n) => DATA_WRITES.has(n))) return void ctx.dataWrites.push({ line, what: names.join('.') });
    if (names.some((n) => RAILS_HARMLESS.has(n)) || names[0] === 'connection') return;
    // A model read (`User.where(...).pluck`) changes nothing; any other call on a constant (a helper such as
    // `ColumnDropper.drop(...)`) may change the schema where the translator cannot see.
    if (/^[A-Z]/.test(names[0] ?? '') && names.slice(1).every((n) => MODEL_READS.has(n))) return;
    tr.unknown.push({ line, what: `\`${names.join('.')}\`` });
  }

  /** `t.string :a, :b` / `t.index …` in `change_table`: the top-level operation with the table first. */
  function blockOperation(name: string, call: RailsCall, table: { name: string; param: string }): void {
    const { args, line } = call;
    const tableArg: Value = { kind: 'str', value: table.name, line, lines: [line], dynamic: false };
    if (RAILS_COLUMN_TYPES.has(name) || name === 'column') {
      const cols = name === 'column' ? [args.positional[0]] : args.positional.filter((v) => v.kind !== 'map');
      const type: Value = name === 'column' ? (args.positional[1] ?? { kind: 'sym', value: 'string', line }) : { kind: 'sym', value: name, line };
      for (const col of cols) railsOperation(ctx, { ...call, name: 'add_column', args: { ...args, positional: [tableArg, col ?? tableArg, type] } });
      return;
    }
    const mapped = BLOCK_OPERATIONS[name];
    if (!mapped) return void tr.unknown.push({ line, what: `\`${table.param}.${name}\`` });
    railsOperation(ctx, { ...call, name: mapped, args: { ...args, positional: [tableArg, ...args.positional] } });
  }
}

/** In a migration Rails runs in a transaction: concurrent index builds fail, and backfills hold the schema change's locks. */
function addTransactionHazards(ctx: RailsContext): void {
  const { tr } = ctx;
  if (!tr.transactional) return;
  const changesSchema = tr.operations.some((o) => !o.raw || !/^\s*(UPDATE|INSERT|DELETE)\b/i.test(o.sql[0]?.text ?? ''));
  for (const line of ctx.concurrent) tr.hazards.push(concurrentInTransaction(line));
  if (changesSchema) for (const w of ctx.dataWrites) tr.hazards.push(railsBackfill(w.line, w.what));
}
