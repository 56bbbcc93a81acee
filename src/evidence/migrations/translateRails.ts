import { blockStatements, type BlockStatement } from './blockStatements.js';
import { isFalse, isNull, isTrue, namesOf, option, Parser, textOf, type Args, type Value } from './parseValue.js';
import { backfillHazard, schemaSql, sqlDefault, statements } from './schemaSql.js';
import { tokenize, type Token } from './tokenize.js';
import { emptyTranslation, ident, identList, literal, op, rawSql, singular, type Hazard, type Operation, type Translation } from './Translation.js';

/** Column type methods of `create_table`/`change_table` blocks (`t.string :name`). */
const COLUMN_TYPES = new Set([
  'string', 'text', 'integer', 'bigint', 'float', 'decimal', 'numeric', 'datetime', 'timestamp', 'timestamptz', 'time', 'date',
  'binary', 'blob', 'boolean', 'json', 'jsonb', 'uuid', 'inet', 'cidr', 'macaddr', 'hstore', 'citext', 'xml', 'money', 'interval',
  'virtual', 'primary_key', 'serial', 'bigserial', 'enum', 'ltree', 'point', 'tsvector', 'daterange', 'tsrange', 'int4range', 'bit',
]);

/** Calls that change nothing a linter could judge (or only the app's state). */
const HARMLESS = new Set([
  'say', 'say_with_time', 'puts', 'require', 'include', 'extend', 'reset_column_information', 'enable_extension', 'disable_extension',
  'create_enum', 'drop_enum', 'add_enum_value', 'rename_enum_value', 'create_schema', 'drop_schema', 'remove_foreign_key',
  'remove_check_constraint', 'remove_unique_constraint', 'remove_exclusion_constraint', 'rename_index', 'change_table_comment',
  'change_column_comment', 'attr_accessor', 'private', 'protected', 'public', 'raise', 'return', 'commit_db_transaction', 'transaction',
  'p', 'pp', 'logger',
]);

/** ActiveRecord writes that make a migration a data migration. */
const DATA_WRITES = new Set([
  'update_all', 'update_column', 'update_columns', 'find_each', 'find_in_batches', 'in_batches', 'each', 'update', 'update!', 'save',
  'save!', 'delete_all', 'destroy_all', 'insert_all', 'insert_all!', 'upsert_all', 'create!', 'create', 'touch_all',
]);

interface Scope {
  /** Table of the enclosing `change_table` (with its block variable) or `create_table`. */
  table?: { name: string; param: string; created: boolean };
  assured: boolean;
}

/**
 * Rails ActiveRecord migrations → the Postgres each operation runs (as Rails 7's PostgreSQL adapter
 * writes it), one statement per source line, plus the hazards no SQL shows. Only `change`/`up` run;
 * `down` and `dir.down` are rollbacks and are skipped.
 */
export function translateRails(source: string): Translation {
  const tokens = tokenize(source, 'ruby');
  const tr = emptyTranslation('rails');
  const concurrent: number[] = [];
  const dataWrites: Array<{ line: number; what: string }> = [];
  let sawMigrationMethod = false;
  walk(blockStatements(tokens, 'ruby'), { assured: false }, 'top');
  if (!sawMigrationMethod) tr.unknown.push({ line: 0, what: 'no `change` or `up` method' });

  const changesSchema = tr.operations.some((o) => !o.raw || !/^\s*(UPDATE|INSERT|DELETE)\b/i.test(o.sql[0]?.text ?? ''));
  if (tr.transactional) {
    for (const line of concurrent) tr.hazards.push(CONCURRENT_IN_TRANSACTION(line));
    if (changesSchema) for (const w of dataWrites) tr.hazards.push(BACKFILL(w.line, w.what));
  }
  return tr;

  function walk(stmts: readonly BlockStatement[], scope: Scope, where: 'top' | 'migration' | 'skip'): void {
    for (const s of stmts) {
      const first = tokens[s.start] as Token;
      if (first.kind === 'id' && (first.text === 'class' || first.text === 'module')) {
        walk(s.block?.children ?? [], scope, 'top');
        continue;
      }
      if (first.kind === 'id' && first.text === 'def') {
        const name = methodName(s);
        if (name === 'change' || name === 'up') {
          sawMigrationMethod = true;
          walk(s.block?.children ?? [], scope, 'migration');
        }
        continue;
      }
      if (where !== 'migration') {
        if (first.kind === 'id' && first.text === 'disable_ddl_transaction!') tr.transactional = false;
        continue;
      }
      if (first.kind === 'id' && /^(if|unless|case|begin|while|until|for|else|elsif|when|rescue|ensure)$/.test(first.text)) {
        walk(s.block?.children ?? [], scope, where);
        continue;
      }
      statement(s, scope);
    }
  }

  function methodName(s: BlockStatement): string {
    const names = tokens.slice(s.start + 1, s.end).filter((t) => t.kind === 'id').map((t) => t.text);
    return (names[0] === 'self' ? names[1] : names[0]) ?? '';
  }

  function statement(s: BlockStatement, scope: Scope): void {
    // `add_index … unless index_exists?(…)`: the guard does not change what runs.
    let end = s.end;
    for (let k = s.start + 1; k < s.end; k++) {
      const t = tokens[k] as Token;
      if (t.kind === 'id' && (t.text === 'if' || t.text === 'unless' || t.text === 'rescue')) {
        end = k;
        break;
      }
    }
    const first = tokens[s.start] as Token;
    // Assignments (`self.x = …`, `sql = …`) are not operations.
    for (let k = s.start; k < end; k++) if (tokens[k]?.kind === 'p' && tokens[k]?.text === '=') return;
    const p = new Parser(tokens, 'ruby', s.start, end);
    const head = p.expr();
    if (head.kind !== 'chain') {
      if (first.kind !== 'sym' && first.kind !== 'str') tr.unknown.push({ line: s.line, what: `\`${first.text}\`` });
      return;
    }
    const names = head.segments.map((x) => x.name);
    const last = head.segments[head.segments.length - 1];
    let args: Args = last?.args ?? { positional: [], named: new Map() };
    if (p.i < end) args = { ...p.items('\0', 0), ...(args.block ? { block: args.block } : {}) };
    const block = s.block;
    const children = s.block?.children ?? [];
    const name = names[names.length - 1] as string;
    const line = s.line;

    if (names.length === 1 && name === 'disable_ddl_transaction!') {
      tr.transactional = false;
      return;
    }
    if (names.length === 1 && name === 'safety_assured') {
      tr.escapes.push({ line, what: 'safety_assured' });
      walk(children, { ...scope, assured: true }, 'migration');
      return;
    }
    if (names.length === 1 && (name === 'reversible' || name === 'up_only' || name === 'say_with_time' || name === 'transaction')) {
      walk(children, scope, 'migration');
      return;
    }
    if (names.length === 2 && block && (name === 'up' || name === 'down') && names[0] !== undefined && /^[a-z_]\w*$/.test(names[0])) {
      if (name === 'up') walk(children, scope, 'migration');
      return;
    }
    if (names.length === 1 && (name === 'create_table' || name === 'create_join_table')) {
      const table = name === 'create_table' ? textOf(args.positional[0]) : joinTableName(args);
      if (!table) return void tr.unknown.push({ line, what: `\`${name}\` with a computed table name` });
      tr.createdTables.push(table);
      const force = option(args, 'force');
      if (force && !isFalse(force)) tr.hazards.push(CREATE_TABLE_FORCE(line, table));
      walk(children, { ...scope, table: { name: table, param: block?.params[0] ?? 't', created: true } }, 'migration');
      return;
    }
    if (names.length === 1 && name === 'change_table') {
      const table = textOf(args.positional[0]);
      if (!table) return void tr.unknown.push({ line, what: '`change_table` with a computed table name' });
      walk(children, { ...scope, table: { name: table, param: block?.params[0] ?? 't', created: false } }, 'migration');
      return;
    }
    // `t.string :name` inside a create_table / change_table block.
    if (scope.table && names.length === 2 && names[0] === scope.table.param) {
      if (scope.table.created) return; // A new table: its columns and indexes lock nothing.
      return blockOperation(name, args, line, scope);
    }
    if (names.length === 1) return operation(name, args, line, scope);
    // `User.update_all(...)`, `User.where(...).find_each { … }`: a data migration.
    if (/^[A-Z]/.test(names[0] ?? '') && names.some((n) => DATA_WRITES.has(n))) {
      dataWrites.push({ line, what: names.join('.') });
      return;
    }
    if (names.some((n) => HARMLESS.has(n)) || names[0] === 'connection' || /^[A-Z]/.test(names[0] ?? '')) return;
    tr.unknown.push({ line, what: `\`${names.join('.')}\`` });
  }

  function blockOperation(name: string, args: Args, line: number, scope: Scope): void {
    const table = (scope.table as { name: string }).name;
    const tableArg: Value = { kind: 'str', value: table, line, lines: [line], dynamic: false };
    const withTable = (a: Args): Args => ({ ...a, positional: [tableArg, ...a.positional] });
    if (COLUMN_TYPES.has(name) || name === 'column') {
      const cols = name === 'column' ? [args.positional[0]] : args.positional.filter((v) => v.kind !== 'map');
      const type: Value = name === 'column' ? (args.positional[1] ?? { kind: 'sym', value: 'string', line }) : { kind: 'sym', value: name, line };
      for (const col of cols) operation('add_column', { ...args, positional: [tableArg, col ?? tableArg, type] }, line, scope);
      return;
    }
    const map: Record<string, string> = {
      index: 'add_index', references: 'add_reference', belongs_to: 'add_reference', remove: 'remove_columns', rename: 'rename_column',
      change: 'change_column', change_default: 'change_column_default', change_null: 'change_column_null', timestamps: 'add_timestamps',
      remove_timestamps: 'remove_timestamps', remove_references: 'remove_reference', remove_belongs_to: 'remove_reference',
      remove_index: 'remove_index', foreign_key: 'add_foreign_key', check_constraint: 'add_check_constraint', unique_constraint: 'add_unique_constraint',
      exclusion_constraint: 'add_exclusion_constraint', remove_foreign_key: 'remove_foreign_key', remove_check_constraint: 'remove_check_constraint',
    };
    const mapped = map[name];
    if (!mapped) return void tr.unknown.push({ line, what: `\`${scope.table?.param ?? 't'}.${name}\`` });
    operation(mapped, withTable(args), line, scope);
  }

  function push(o: Operation, scope: Scope): void {
    tr.operations.push(scope.assured ? { ...o, assured: true } : o);
  }

  function operation(name: string, args: Args, line: number, scope: Scope): void {
    const pos = args.positional.filter((v) => v.kind !== 'map');
    const table = textOf(pos[0]);
    const at = (sql: string, extra: Partial<Operation> = {}) => push(op(line, name, table, sql, extra), scope);
    const alter = (sql: string) => at(`ALTER TABLE ${ident(table as string)} ${sql};`);
    const needTable = () => {
      if (table === undefined) tr.unknown.push({ line, what: `\`${name}\` with a computed table name` });
      return table !== undefined;
    };
    switch (name) {
      case 'add_column': {
        if (!needTable()) return;
        const column = textOf(pos[1]);
        const type = textOf(pos[2]) ?? 'string';
        if (!column) return void tr.unknown.push({ line, what: '`add_column` with a computed column name' });
        if (type === 'json') tr.hazards.push(JSON_COLUMN(line, column, table as string));
        if (type === 'serial' || type === 'bigserial') tr.hazards.push(AUTO_INCREMENT(line, column));
        alter(`ADD COLUMN ${columnDefinition(column, type, args)}`);
        return;
      }
      case 'add_index': {
        if (!needTable()) return;
        const columns = indexColumns(pos[1]);
        if (!columns) return void tr.unknown.push({ line, what: '`add_index` with computed columns' });
        const unique = isTrue(option(args, 'unique'));
        const concurrently = textOf(option(args, 'algorithm')) === 'concurrently';
        if (concurrently) concurrent.push(line);
        if (!unique && columns.length > 3) tr.hazards.push(WIDE_INDEX(line, columns.length));
        at(createIndex(table as string, columns, args, concurrently));
        return;
      }
      case 'remove_index': {
        if (!needTable()) return;
        const concurrently = textOf(option(args, 'algorithm')) === 'concurrently';
        if (concurrently) concurrent.push(line);
        const cols = indexColumns(pos[1] ?? option(args, 'column')) ?? [];
        const indexName = textOf(option(args, 'name')) ?? `index_${table}_on_${cols.join('_and_')}`;
        at(schemaSql.dropIndex(indexName, { concurrently }));
        return;
      }
      case 'add_reference':
      case 'add_belongs_to': {
        if (!needTable()) return;
        const ref = textOf(pos[1]);
        if (!ref) return void tr.unknown.push({ line, what: `\`${name}\` with a computed name` });
        const type = textOf(option(args, 'type')) ?? 'bigint';
        const column = `${ref}_id`;
        const sql = [schemaSql.addColumn(table as string, column, railsType(type, args), { notNull: isFalse(option(args, 'null')) })];
        const polymorphic = isTrue(option(args, 'polymorphic'));
        if (polymorphic) sql.push(schemaSql.addColumn(table as string, `${ref}_type`, 'varchar'));
        const index = option(args, 'index');
        if (!isFalse(index)) {
          const opts: Args = index?.kind === 'map' ? { positional: [], named: index.entries } : { positional: [], named: new Map() };
          const concurrently = textOf(option(opts, 'algorithm')) === 'concurrently';
          if (concurrently) concurrent.push(line);
          sql.push(createIndex(table as string, polymorphic ? [`${ref}_type`, column] : [column], opts, concurrently));
        }
        const fk = option(args, 'foreign_key');
        if (fk && !isFalse(fk) && !isNull(fk)) {
          const fkOpts: Args = fk.kind === 'map' ? { positional: [], named: fk.entries } : { positional: [], named: new Map() };
          const to = textOf(option(fkOpts, 'to_table')) ?? plural(ref);
          sql.push(schemaSql.addForeignKey(table as string, `fk_rails_${column}`, [column], to, ['id'], { notValid: isFalse(option(fkOpts, 'validate')) }));
        }
        push({ line, op: name, table: table as string, sql: sql.map((text) => ({ text, line })) }, scope);
        return;
      }
      case 'change_column': {
        if (!needTable()) return;
        const column = textOf(pos[1]);
        const type = textOf(pos[2]) ?? 'string';
        if (!column) return;
        // To `text` or an unlimited `varchar`, Postgres changes no stored bytes and skips the rewrite.
        if (type === 'text' || (type === 'string' && option(args, 'limit') === undefined)) return;
        alter(`ALTER COLUMN ${ident(column)} TYPE ${railsType(type, args)}`);
        return;
      }
      case 'change_column_null': {
        if (!needTable()) return;
        const column = textOf(pos[1]);
        // Allowing NULL again is instant and safe for running code.
        if (column && isFalse(pos[2])) alter(`ALTER COLUMN ${ident(column)} SET NOT NULL`);
        return;
      }
      case 'change_column_default': {
        if (!needTable()) return;
        const column = textOf(pos[1]);
        const third = args.positional[2];
        const value = third?.kind === 'map' ? (third.entries.get('to') ?? third) : (third ?? option(args, 'to'));
        if (column && value && !isNull(value)) alter(`ALTER COLUMN ${ident(column)} SET DEFAULT ${sqlDefault(value, railsDefault)}`);
        return;
      }
      case 'add_foreign_key': {
        if (!needTable()) return;
        const to = textOf(pos[1]);
        if (!to) return void tr.unknown.push({ line, what: '`add_foreign_key` with a computed table' });
        const column = textOf(option(args, 'column')) ?? `${singular(to)}_id`;
        const fkName = textOf(option(args, 'name')) ?? `fk_rails_${column}`;
        const pk = textOf(option(args, 'primary_key')) ?? 'id';
        const notValid = isFalse(option(args, 'validate')) ? ' NOT VALID' : '';
        alter(`ADD CONSTRAINT ${ident(fkName)} FOREIGN KEY (${ident(column)}) REFERENCES ${ident(to)} (${ident(pk)})${notValid}`);
        return;
      }
      case 'add_check_constraint': {
        if (!needTable()) return;
        const expr = textOf(pos[1]);
        if (expr === undefined) return void tr.unknown.push({ line, what: '`add_check_constraint` with a computed expression' });
        const cname = textOf(option(args, 'name')) ?? `chk_${table}`;
        alter(`ADD CONSTRAINT ${ident(cname)} CHECK (${expr})${isFalse(option(args, 'validate')) ? ' NOT VALID' : ''}`);
        return;
      }
      case 'validate_check_constraint':
      case 'validate_foreign_key':
      case 'validate_constraint': {
        // Squawk reads `VALIDATE CONSTRAINT` then `SET NOT NULL` as the safe sequence; the name only labels it.
        if (!needTable()) return;
        const cname = textOf(option(args, 'name')) ?? textOf(pos[1]) ?? 'constraint';
        alter(`VALIDATE CONSTRAINT ${ident(cname)}`);
        return;
      }
      case 'add_unique_constraint': {
        if (!needTable()) return;
        const cname = textOf(option(args, 'name')) ?? `uniq_${table}`;
        const usingIndex = textOf(option(args, 'using_index'));
        const cols = indexColumns(pos[1]) ?? [];
        alter(usingIndex ? `ADD CONSTRAINT ${ident(cname)} UNIQUE USING INDEX ${ident(usingIndex)}` : `ADD CONSTRAINT ${ident(cname)} UNIQUE (${identList(cols)})`);
        return;
      }
      case 'add_exclusion_constraint': {
        if (!needTable()) return;
        const expr = textOf(pos[1]) ?? 'id WITH =';
        alter(`ADD CONSTRAINT ${ident(textOf(option(args, 'name')) ?? `excl_${table}`)} EXCLUDE USING ${textOf(option(args, 'using')) ?? 'gist'} (${expr})`);
        return;
      }
      case 'remove_column':
      case 'remove_columns': {
        if (!needTable()) return;
        const columns = name === 'remove_column' ? [textOf(pos[1])] : pos.slice(1).filter((v) => v.kind === 'sym' || v.kind === 'str').map(textOf);
        for (const column of columns) if (column) alter(`DROP COLUMN ${ident(column)}`);
        return;
      }
      case 'remove_reference':
      case 'remove_belongs_to': {
        if (!needTable()) return;
        const ref = textOf(pos[1]);
        if (ref) alter(`DROP COLUMN ${ident(`${ref}_id`)}`);
        return;
      }
      case 'add_timestamps': {
        if (!needTable()) return;
        // Rails 5+ adds timestamps NOT NULL unless told otherwise.
        const nullable = isTrue(option(args, 'null'));
        const dflt = option(args, 'default');
        const column = { dflt: dflt && !isNull(dflt) ? sqlDefault(dflt, railsDefault) : undefined, notNull: !nullable };
        push(statements(line, name, table as string, ['created_at', 'updated_at'].map((c) => schemaSql.addColumn(table as string, c, 'timestamp(6)', column))), scope);
        return;
      }
      case 'remove_timestamps': {
        if (!needTable()) return;
        push({ line, op: name, table: table as string, sql: ['created_at', 'updated_at'].map((c) => ({ text: schemaSql.dropColumn(table as string, c), line })) }, scope);
        return;
      }
      case 'rename_column': {
        if (!needTable()) return;
        const from = textOf(pos[1]);
        const to = textOf(pos[2]);
        if (from && to) alter(`RENAME COLUMN ${ident(from)} TO ${ident(to)}`);
        return;
      }
      case 'rename_table': {
        const to = textOf(pos[1]);
        if (needTable() && to) alter(`RENAME TO ${ident(to)}`);
        return;
      }
      case 'drop_table':
      case 'drop_join_table': {
        const dropped = name === 'drop_join_table' ? joinTableName(args) : table;
        if (dropped) push(op(line, name, dropped, schemaSql.dropTable(dropped)), scope);
        return;
      }
      case 'execute': {
        const sql = pos[0];
        if (sql?.kind === 'str' && !sql.dynamic) {
          push(rawSql(line, name, sql.value, sql.lines), scope);
          if (/^\s*(UPDATE|INSERT|DELETE)\b/i.test(sql.value)) dataWrites.push({ line, what: 'execute UPDATE/INSERT/DELETE' });
        } else tr.unknown.push({ line, what: '`execute` with interpolated or computed SQL' });
        return;
      }
      default:
        if (HARMLESS.has(name)) return;
        tr.unknown.push({ line, what: `\`${name}\`` });
    }
  }

  function columnDefinition(column: string, type: string, args: Args): string {
    let def = `${ident(column)} ${railsType(type, args)}`;
    if (type === 'virtual') {
      const as = textOf(option(args, 'as'));
      if (as !== undefined && isTrue(option(args, 'stored'))) def += ` GENERATED ALWAYS AS (${as}) STORED`;
    }
    const dflt = option(args, 'default');
    if (dflt && !isNull(dflt)) def += ` DEFAULT ${sqlDefault(dflt, railsDefault)}`;
    if (isFalse(option(args, 'null'))) def += ' NOT NULL';
    return def;
  }

  function createIndex(table: string, columns: string[], args: Args, concurrently: boolean): string {
    const unique = isTrue(option(args, 'unique'));
    const name = textOf(option(args, 'name')) ?? `index_${table}_on_${columns.join('_and_').replace(/\W+/g, '_')}`;
    const using = textOf(option(args, 'using'));
    const where = textOf(option(args, 'where'));
    return schemaSql.createIndex(name, table, columns, { unique, concurrently, using, where });
  }
}

function indexColumns(v: Value | undefined): string[] | undefined {
  return namesOf(v);
}

function joinTableName(args: Args): string | undefined {
  const explicit = textOf(option(args, 'table_name'));
  if (explicit) return explicit;
  const a = textOf(args.positional[0]);
  const b = textOf(args.positional[1]);
  return a && b ? [a, b].sort().join('_') : undefined;
}

function plural(name: string): string {
  if (/[^aeiou]y$/.test(name)) return name.slice(0, -1) + 'ies';
  if (/(s|x|ch|sh)$/.test(name)) return name + 'es';
  return name + 's';
}

/** Postgres type Rails' adapter writes for a migration type. */
function railsType(type: string, args: Args): string {
  const limit = textOf(option(args, 'limit'));
  const precision = textOf(option(args, 'precision'));
  const scale = textOf(option(args, 'scale'));
  let sql: string;
  switch (type) {
    case 'string':
      sql = limit ? `varchar(${limit})` : 'varchar';
      break;
    case 'integer':
      sql = limit === '8' ? 'bigint' : limit === '2' ? 'smallint' : 'integer';
      break;
    case 'float':
      sql = 'float8';
      break;
    case 'decimal':
    case 'numeric':
      sql = precision ? `numeric(${precision}${scale ? `, ${scale}` : ''})` : 'numeric';
      break;
    case 'datetime':
      sql = `timestamp(${precision ?? '6'})`;
      break;
    case 'binary':
    case 'blob':
      sql = 'bytea';
      break;
    case 'primary_key':
      sql = 'bigserial PRIMARY KEY';
      break;
    case 'references':
    case 'belongs_to':
      sql = 'bigint';
      break;
    case 'virtual':
      sql = railsType(textOf(option(args, 'type')) ?? 'string', { positional: [], named: new Map() });
      break;
    default:
      sql = /^[a-z_][a-z0-9_]*$/i.test(type) ? type : 'text';
  }
  return isTrue(option(args, 'array')) ? `${sql}[]` : sql;
}

/** `-> { "now()" }` (SQL as is); strings (even interpolated) and symbols as literals. */
function railsDefault(v: Value): string | undefined {
  if (v.kind === 'sqlexpr') return v.value;
  if (v.kind === 'str' || v.kind === 'sym') return literal(v.value);
  return undefined;
}

function hazard(line: number, rule: string, severity: Hazard['severity'], title: string, body: string): Hazard {
  return { line, rule, severity, title, body };
}

function CONCURRENT_IN_TRANSACTION(line: number): Hazard {
  return hazard(
    line,
    'concurrent-index-in-transaction',
    'blocker',
    'Concurrent index in a migration that runs in a transaction',
    '`CREATE INDEX CONCURRENTLY` cannot run inside a transaction, and Rails wraps each migration in one: the migration fails. Add `disable_ddl_transaction!` to the migration class (and keep the index in its own migration).',
  );
}

function BACKFILL(line: number, what: string): Hazard {
  return backfillHazard(
    line,
    'Move the backfill to its own migration with `disable_ddl_transaction!` and update in batches (`in_batches(of: 10_000).update_all(...)`, with a pause between batches).',
    `\`${what}\` rewrites rows in the same transaction as the schema change: the locks taken by the schema change are held until every row is written.`,
  );
}

function JSON_COLUMN(line: number, column: string, table: string): Hazard {
  return hazard(
    line,
    'json-column',
    'minor',
    `\`json\` column ${table}.${column}: use \`jsonb\``,
    'Postgres has no equality operator for `json`, so `SELECT DISTINCT` and `uniq` on queries that include this column fail. Use `jsonb`.',
  );
}

function WIDE_INDEX(line: number, count: number): Hazard {
  return hazard(
    line,
    'wide-non-unique-index',
    'minor',
    `Non-unique index on ${count} columns`,
    'A non-unique index over more than three columns rarely helps more than one over its first columns, and costs every write. Keep the columns that narrow the search most.',
  );
}

function AUTO_INCREMENT(line: number, column: string): Hazard {
  return hazard(
    line,
    'auto-increment-column',
    'major',
    `Auto-incrementing column \`${column}\` rewrites the table`,
    'Adding a `serial`/`bigserial` column fills every existing row from the sequence: the table is rewritten under an exclusive lock. Create the column, the sequence and the default separately, and backfill in batches.',
  );
}

function CREATE_TABLE_FORCE(line: number, table: string): Hazard {
  return hazard(
    line,
    'create-table-force',
    'major',
    `\`create_table :${table}, force:\` drops an existing table`,
    '`force: true`/`:cascade` drops the table (and with `:cascade` every foreign key pointing at it) when it already exists: data is lost silently. Remove `force:` from migrations.',
  );
}
