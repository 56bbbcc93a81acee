import { namesOf, textOf, type Args, type Segment, type Value } from './parseValue.js';
import { changeRewrites, type RailsColumnType } from './railsColumnChange.js';
import { schemaSql, statements } from './schemaSql.js';
import { ident, literal, op, tableKey, type Translation } from './Translation.js';

/**
 * The schema-builder frameworks (Knex's `knex.schema.alterTable('t', (table) => ...)`, Laravel's
 * `Schema::table('t', function (Blueprint $table) ...)`): a table is opened with a callback, and calls on
 * the callback's parameter inside it change that table. Both name what they create the same way
 * (`<table>_<column>_index`, `_unique`, `_foreign`), so one mechanism translates both; each framework
 * supplies its column types and how its modifiers read.
 */
export interface BuilderScope {
  param: string;
  table: string;
  created: boolean;
  start: number;
  end: number;
}

/**
 * Columns by `table.column`: type and nullability. Knex and Laravel restate a column's whole definition
 * on every change (`table.string('name').notNullable().alter()`), so a migration's `down`, restating the
 * column as it was, tells whether `up` changes its type or only its nullability or default.
 */
export type ColumnStates = Map<string, { type: string; notNull: boolean }>;

/** What a framework's dialect supplies to the shared builder. */
export interface BuilderDialect {
  /** Column method → Postgres type (`string` → `varchar`). */
  types: Readonly<Record<string, string>>;
  /** Methods that change nothing a linter judges. */
  harmless: ReadonlySet<string>;
  /** How a call on the builder is written in messages: `table.string`, `$table->string`. */
  call: (scope: BuilderScope, method: string) => string;
  /** The modifier that changes an existing column instead of adding one, as written: `.alter()`, `->change()`. */
  alterCall: string;
  /** A column's SQL type from its method and arguments (length for `string` ...). */
  sqlType: (method: string, type: string, args: Args) => string;
  /**
   * The column's definition from its modifiers; `alter`: an existing column is changed (`.alter()`, `->change()`);
   * `keepType`/`keepNullable`: the change leaves the type or the nullability alone (Knex's `.alter({ alterType: false })`).
   */
  column: (c: string, segs: readonly Segment[]) => {
    alter: boolean;
    notNull: boolean;
    dflt?: string | undefined;
    ref?: { table: string; column: string } | undefined;
    keepType?: boolean;
    keepNullable?: boolean;
  };
  /**
   * Whether a change drops NOT NULL before setting it again: Knex's `.alter()` does (`drop not null`, then
   * `set not null`), so SET NOT NULL scans the table even on a column that was NOT NULL; Laravel's `->change()`
   * sets it on the column as it is, and Postgres skips the scan when the column is NOT NULL already.
   */
  resetsNotNull: boolean;
  /**
   * Whether `dropPrimary` drops `<table>_pkey` whatever name it is given: Laravel's Postgres grammar ignores
   * the argument (compileDropPrimary); Knex drops the constraint it names.
   */
  dropsDefaultPrimary: boolean;
  /** Columns as the migration's `down` restates them (their state before `up`), read first; see `ColumnStates`. */
  prior?: ColumnStates;
  /** Where the `down` pass records each column it changes. */
  restated?: ColumnStates;
  /**
   * The CHECK a column method adds with the column (`enum` on Postgres is a string column with
   * `CHECK ("c" IN (...))`), as its expression; undefined when it adds none, false when its values are computed.
   */
  check?: (method: string, column: string, args: Args) => string | false | undefined;
  /** The table a foreign key on `cols` references, from the chain (`.references('id').inTable('users')`, `->on('users')`). */
  foreign: (segs: readonly Segment[]) => { table: string; column: string } | undefined;
  /**
   * The index or constraint `dropIndex`/`dropUnique`/`dropForeign` names: Knex takes the columns first and
   * an optional name second, Laravel a name or a list of columns; both build `<table>_<columns>_<kind>`.
   */
  droppedName: (kind: 'index' | 'unique' | 'foreign', args: Args, table: string) => string | undefined;
  /** Builder methods only one of the frameworks has: translated by the dialect (true when handled). */
  extra?: (scope: BuilderScope, method: Segment & { args: Args }, cols: string[] | undefined, line: number) => boolean;
}

/** `"c" IN ('a', 'b')` for the values of an enum column; false when they are computed. */
export function enumCheck(c: string, values: Value | undefined): string | false {
  const items = values?.kind === 'list' ? values.items : undefined;
  const texts = items?.map((v) => (v.kind === 'str' && !v.dynamic ? literal(v.value) : v.kind === 'num' ? literal(v.value) : undefined));
  if (!texts || texts.length === 0 || texts.some((x) => x === undefined)) return false;
  return `${ident(c)} IN (${texts.join(', ')})`;
}

/** The innermost builder callback whose parameter is `name` and that contains `at`. */
export function scopeAt(scopes: readonly BuilderScope[], name: string, at: number): BuilderScope | undefined {
  return scopes.filter((s) => s.param === name && at >= s.start && at < s.end).pop();
}

/**
 * `createTable`/`alterTable` (`Schema::create`/`table`): the table is noted as created, and its callback
 * becomes a scope. `param` picks the builder parameter among the callback's (Knex: the first, Laravel: the last).
 */
export function openTable(tr: Translation, scopes: BuilderScope[], seg: Segment & { args: Args }, what: string, created: boolean, param: (params: readonly string[]) => string): void {
  const table = textOf(seg.args.positional[0]);
  if (!table) return void tr.unknown.push({ line: seg.line, what: `\`${what}\` with a computed table name` });
  if (created) tr.createdTables.push(table);
  const fn = seg.args.positional.find((v): v is Extract<Value, { kind: 'fn' }> => v.kind === 'fn');
  if (fn) scopes.push({ param: param(fn.params), table, created, start: fn.start, end: fn.end });
}

/** `dropTable`/`renameTable` on the schema object (the framework's name for the call in `what`). */
export function tableOperation(tr: Translation, seg: Segment & { args: Args }, what: string, kind: 'drop' | 'rename'): void {
  const table = textOf(seg.args.positional[0]);
  if (!table) return;
  if (kind === 'drop') return void tr.operations.push(op(seg.line, what, table, schemaSql.dropTable(table)));
  const to = textOf(seg.args.positional[1]);
  if (to) tr.operations.push(op(seg.line, what, table, schemaSql.renameTable(table, to)));
}

/**
 * A column changed with its whole definition restated (`.alter()`, `->change()`): `ALTER COLUMN … TYPE` only
 * when the type differs from the one the `down` restores (the same type is no rewrite, and squawk would call
 * it one), or is unknown (said with the finding); SET NOT NULL when it forbids nulls (see `resetsNotNull`).
 */
function alterColumn(tr: Translation, dialect: BuilderDialect, line: number, name: string, t: string, c: string, type: string, column: ReturnType<BuilderDialect['column']>): void {
  const key = `${tableKey(t)}.${c}`;
  dialect.restated?.set(key, { type, notNull: column.notNull });
  const prior = dialect.prior?.get(key);
  const newType = !column.keepType && (!prior || rewrites(prior.type, type));
  const setNotNull = column.notNull && !column.keepNullable && (dialect.resetsNotNull || !prior?.notNull);
  const sql = [...(newType ? [schemaSql.alterType(t, c, type)] : []), ...(setNotNull ? [schemaSql.setNotNull(t, c)] : [])];
  if (sql.length === 0) return;
  const changed = statements(line, name, t, sql);
  if (newType && !prior) changed.assumption = `the column's type before this migration is unknown (the rollback does not restate it), so it is taken as changed; \`${dialect.alterCall}\` restates the type every time, and Postgres rewrites nothing when it is the same type`;
  tr.operations.push(changed);
}

/**
 * Whether a change of a column's SQL type (as the builders write it) makes Postgres rewrite the table:
 * the rules every translator shares (changeRewrites: a longer `varchar`, a string type to `text`, a wider
 * `numeric` change the catalog only), on the builders' type read as the type those rules compare.
 */
export function rewrites(prior: string, next: string): boolean {
  return changeRewrites(columnType(prior), columnType(next));
}

/** `varchar(255)` → a string of limit 255, `numeric(8, 2)` → precision 8 and scale 2; any other type as itself. */
function columnType(sql: string): RailsColumnType {
  const sized = /^(varchar|numeric)(?:\((\d+)(?:,\s*(\d+))?\))?$/.exec(sql);
  if (!sized) return { type: sql };
  const [, base, size, scale] = sized;
  if (base === 'varchar') return size === undefined ? { type: 'string' } : { type: 'string', limit: size };
  return { type: 'numeric', ...(size === undefined ? {} : { precision: size }), ...(scale === undefined ? {} : { scale }) };
}

/** One call chain on a builder parameter (`table.string('email').notNullable().index()`) → its Postgres. */
export function builderCall(tr: Translation, dialect: BuilderDialect, scope: BuilderScope, segs: readonly Segment[], line: number): void {
  const method = segs[0];
  if (!method?.args) return;
  const args = method.args;
  const t = scope.table;
  const type = dialect.types[method.name];
  if (type !== undefined) {
    // Columns of a table created in the same change lock nothing anyone waits on.
    if (scope.created) return;
    const c = textOf(args.positional[0]);
    if (!c) return void tr.unknown.push({ line, what: `\`${dialect.call(scope, method.name)}\` with a computed column` });
    const sqlType = dialect.sqlType(method.name, type, args);
    const column = dialect.column(c, segs);
    const names = new Set(segs.slice(1).map((s) => s.name));
    if (column.alter) return alterColumn(tr, dialect, line, `${method.name}()${dialect.alterCall}`, t, c, sqlType, column);
    const sql = [schemaSql.addColumn(t, c, sqlType, { dflt: column.dflt, notNull: column.notNull })];
    if (names.has('index')) sql.push(schemaSql.createIndex(`${t}_${c}_index`, t, [c]));
    if (names.has('unique')) sql.push(schemaSql.addUnique(t, `${t}_${c}_unique`, [c]));
    if (column.ref) sql.push(schemaSql.addForeignKey(t, `${t}_${c}_foreign`, [c], column.ref.table, [column.ref.column]));
    // The framework writes the CHECK inside ADD COLUMN; Postgres then scans the table to verify it under the
    // ADD COLUMN's ACCESS EXCLUSIVE lock, as for a constraint added alone (its default name is `<table>_<column>_check`).
    const check = dialect.check?.(method.name, c, args);
    if (check) sql.push(schemaSql.addCheck(t, `${t}_${c}_check`, check));
    else if (check === false) tr.unknown.push({ line, what: `the CHECK of \`${dialect.call(scope, method.name)}\` (computed values)` });
    const added = statements(line, dialect.call(scope, method.name), t, sql);
    if (check) added.assumption = 'the framework writes this CHECK inside the ADD COLUMN; Postgres verifies it with the same scan under the same lock';
    return void tr.operations.push(added);
  }
  if (scope.created && method.name !== 'raw') return;
  const cols = namesOf(args.positional[0]);
  if (dialect.extra?.(scope, method as Segment & { args: Args }, cols, line)) return;
  switch (method.name) {
    case 'index':
    case 'unique': {
      if (!cols) return void tr.unknown.push({ line, what: `\`${dialect.call(scope, method.name)}\` with computed columns` });
      const name = textOf(args.positional[1]) ?? `${t}_${cols.join('_')}_${method.name}`;
      tr.operations.push(op(line, dialect.call(scope, method.name), t, method.name === 'index' ? schemaSql.createIndex(name, t, cols) : schemaSql.addUnique(t, name, cols)));
      return;
    }
    case 'dropColumn':
    case 'dropColumns': {
      const dropped = args.positional.flatMap((v) => namesOf(v) ?? []);
      tr.operations.push(statements(line, dialect.call(scope, method.name), t, dropped.map((c) => schemaSql.dropColumn(t, c))));
      return;
    }
    case 'renameColumn': {
      const to = textOf(args.positional[1]);
      if (cols?.[0] && to) tr.operations.push(op(line, 'renameColumn', t, schemaSql.renameColumn(t, cols[0], to)));
      return;
    }
    case 'foreign': {
      const ref = dialect.foreign(segs);
      if (cols && ref) tr.operations.push(op(line, 'foreign', t, schemaSql.addForeignKey(t, `${t}_${cols.join('_')}_foreign`, cols, ref.table, [ref.column])));
      return;
    }
    case 'dropIndex':
    case 'dropUnique':
    case 'dropForeign': {
      // DROP INDEX takes an ACCESS EXCLUSIVE lock on the table unless CONCURRENTLY, which neither builder writes;
      // a unique or foreign key constraint is dropped with ALTER TABLE ... DROP CONSTRAINT (a catalog change).
      const kind = method.name === 'dropIndex' ? 'index' : method.name === 'dropUnique' ? 'unique' : 'foreign';
      const name = dialect.droppedName(kind, args, t);
      if (!name) return void tr.unknown.push({ line, what: `\`${dialect.call(scope, method.name)}\` with a computed name` });
      tr.operations.push(op(line, dialect.call(scope, method.name), t, kind === 'index' ? schemaSql.dropIndex(name) : schemaSql.dropConstraint(t, name)));
      return;
    }
    case 'dropPrimary': {
      const name = (dialect.dropsDefaultPrimary ? undefined : textOf(args.positional[0])) ?? `${t}_pkey`;
      tr.operations.push(op(line, dialect.call(scope, method.name), t, schemaSql.dropConstraint(t, name)));
      return;
    }
    default:
      if (dialect.harmless.has(method.name)) return;
      tr.unknown.push({ line, what: `\`${dialect.call(scope, method.name)}\`` });
  }
}
