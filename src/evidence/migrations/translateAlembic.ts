import { callArgs, chainNames, isFalse, isTrue, namesOf, option, Parser, textOf, type Args, type Value } from './parseValue.js';
import { schemaSql, sqlDefault } from './schemaSql.js';
import { tokenize, type Token } from './tokenize.js';
import { emptyTranslation, op, rawSql, type Translation } from './Translation.js';
import { skipOtherDialectsPython } from './otherDialects.js';
import { changeRewrites, type RailsColumnType } from './railsColumnChange.js';
import { upRegion } from './upRegion.js';

const SA_TYPES: Record<string, string> = {
  Text: 'text', Integer: 'integer', BigInteger: 'bigint', SmallInteger: 'smallint', Boolean: 'boolean', Date: 'date', Time: 'time',
  Float: 'float8', JSON: 'json', JSONB: 'jsonb', UUID: 'uuid', Uuid: 'uuid', LargeBinary: 'bytea', Interval: 'interval', ARRAY: 'text[]',
  INET: 'inet', Enum: 'varchar', Unicode: 'varchar', UnicodeText: 'text', TIMESTAMP: 'timestamptz', BIGINT: 'bigint', INTEGER: 'integer',
};
/** `op.*` operations whose table comes after a name (`op.create_index(name, table, cols)`). */
const BATCH_TABLE_SECOND = new Set(['create_index', 'drop_index', 'create_foreign_key', 'create_unique_constraint', 'create_check_constraint', 'create_primary_key', 'drop_constraint']);
const HARMLESS = new Set(['f', 'get_bind', 'get_context', 'create_table_comment', 'batch_alter_table', 'execute_if']);

/**
 * Alembic revisions (`op.*` in `upgrade()`) → Postgres. `batch_alter_table` blocks are read with their
 * table; `downgrade()` is skipped.
 */
export function translateAlembic(source: string): Translation {
  const tokens = tokenize(source, 'python');
  const up = skipOtherDialectsPython(tokens, upRegion(tokens, 'python'));
  const tr = emptyTranslation('alembic');
  // `with op.batch_alter_table("users") as batch_op:` → calls on batch_op act on users (the nearest such
  // `with` above the call: files reuse the name `batch_op` for every table).
  const batches: Array<{ name: string; table: string; at: number }> = [];
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k]?.text === 'batch_alter_table' && tokens[k + 1]?.text === '(') {
      const p = new Parser(tokens, 'python', k + 2);
      const table = textOf(p.expr(1));
      const close = p.matching(k + 1);
      if (table && tokens[close + 1]?.text === 'as' && tokens[close + 2]?.kind === 'id') batches.push({ name: (tokens[close + 2] as Token).text, table, at: k });
    }
  }
  let seenUpgrade = false;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.text === 'upgrade' && tokens[k - 1]?.text === 'def') seenUpgrade = true;
    if (!up[k] || t.kind !== 'id' || tokens[k + 1]?.text !== '.' || tokens[k - 1]?.text === '.') continue;
    const batchTable = batches.filter((b) => b.name === t.text && b.at < k).pop()?.table;
    if (t.text !== 'op' && batchTable === undefined) continue;
    const p = new Parser(tokens, 'python', k);
    const call = p.expr(1);
    const names = chainNames(call);
    if (names.length !== 2 || !(call.kind === 'chain' && call.segments[1]?.args)) continue;
    const args = callArgs(call);
    // A batch operation takes no table: it goes where the `op.*` form has it (first, or after the name).
    const name = names[1] as string;
    const at = BATCH_TABLE_SECOND.has(name) ? 1 : 0;
    const positional = batchTable === undefined ? args.positional : [...args.positional.slice(0, at), str(batchTable, t.line), ...args.positional.slice(at)];
    operation(name, { ...args, positional }, call.segments[1]?.line ?? t.line);
    k = p.i - 1;
  }
  if (!seenUpgrade) tr.unknown.push({ line: 0, what: 'no `upgrade()` function' });
  // Alembic runs each revision in the migration transaction on Postgres; `with op.get_context().autocommit_block():`
  // commits it and runs its body outside (https://alembic.sqlalchemy.org/en/latest/api/runtime.html#alembic.runtime.migration.MigrationContext.autocommit_block).
  const autocommit = autocommitLines(tokens);
  for (const o of tr.operations) if (autocommit.has(o.line)) o.autocommit = true;
  return tr;

  function operation(name: string, args: Args, line: number): void {
    const pos = args.positional;
    const arg = (key: string, index: number) => args.named.get(key) ?? pos[index];
    const table = (key: string, index: number) => textOf(arg(key, index));
    switch (name) {
      case 'add_column': {
        const t = table('table_name', 0);
        const column = arg('column', 1);
        if (!t || !column) return void tr.unknown.push({ line, what: '`op.add_column` with computed arguments' });
        const cargs = callArgs(column);
        const cname = textOf(cargs.positional[0]);
        if (!cname) return void tr.unknown.push({ line, what: '`op.add_column` with a computed column' });
        const type = saType(cargs.positional[1]);
        const nullable = !isFalse(option(cargs, 'nullable')) && !isTrue(option(cargs, 'primary_key'));
        const dflt = option(cargs, 'server_default');
        const sql = [schemaSql.addColumn(t, cname, type, { dflt: dflt ? sqlDefault(dflt, alembicDefault) : undefined, notNull: !nullable })];
        const fk = cargs.positional.find((v) => chainNames(v).pop() === 'ForeignKey');
        const target = textOf(callArgs(fk).positional[0]);
        if (target) sql.push(schemaSql.addForeignKey(t, `${t}_${cname}_fkey`, [cname], target.split('.')[0] as string, [target.split('.')[1] ?? 'id']));
        if (isTrue(option(cargs, 'index'))) sql.push(schemaSql.createIndex(`ix_${t}_${cname}`, t, [cname]));
        if (isTrue(option(cargs, 'unique'))) sql.push(schemaSql.addUnique(t, `${t}_${cname}_key`, [cname]));
        tr.operations.push({ line, op: 'op.add_column', table: t, sql: sql.map((text) => ({ text, line })) });
        return;
      }
      case 'drop_column': {
        const t = table('table_name', 0);
        const c = textOf(arg('column_name', 1));
        if (t && c) tr.operations.push(op(line, 'op.drop_column', t, schemaSql.dropColumn(t, c)));
        return;
      }
      case 'alter_column': {
        const t = table('table_name', 0);
        const c = textOf(arg('column_name', 1));
        if (!t || !c) return void tr.unknown.push({ line, what: '`op.alter_column` with computed arguments' });
        const sql: string[] = [];
        const type = option(args, 'type_');
        // A change Postgres makes in the catalog only (`String(500)` to `Text`) rewrites nothing: not linted.
        const prior = option(args, 'existing_type');
        if (type && changeRewrites(prior ? columnType(prior) : undefined, columnType(type))) sql.push(schemaSql.alterType(t, c, saType(type)));
        if (isFalse(option(args, 'nullable'))) sql.push(schemaSql.setNotNull(t, c));
        const rename = textOf(option(args, 'new_column_name'));
        if (rename) sql.push(schemaSql.renameColumn(t, c, rename));
        if (sql.length > 0) tr.operations.push({ line, op: 'op.alter_column', table: t, sql: sql.map((text) => ({ text, line })) });
        return;
      }
      case 'create_index': {
        const t = table('table_name', 1);
        const cols = (namesOf(arg('columns', 2)) ?? []).filter((c) => /^\w+$/.test(c));
        if (!t) return void tr.unknown.push({ line, what: '`op.create_index` with a computed table' });
        const indexName = textOf(arg('index_name', 0)) ?? `ix_${t}_${cols.join('_')}`;
        const conc = isTrue(option(args, 'postgresql_concurrently'));
        const unique = isTrue(option(args, 'unique'));
        tr.operations.push(op(line, 'op.create_index', t, schemaSql.createIndex(indexName, t, cols.length > 0 ? cols : ['(lower(id::text))'], { unique, concurrently: conc })));
        return;
      }
      case 'drop_index': {
        // `op.drop_index("ix", table_name="t")`, `batch_op.drop_index("ix")`: DROP INDEX locks the table unless CONCURRENTLY.
        const indexName = textOf(arg('index_name', 0));
        const t = table('table_name', 1);
        if (!indexName) return void tr.unknown.push({ line, what: '`op.drop_index` with a computed name' });
        const concurrently = isTrue(option(args, 'postgresql_concurrently'));
        tr.operations.push({ line, op: 'op.drop_index', ...(t ? { table: t } : {}), sql: [{ text: schemaSql.dropIndex(indexName, { concurrently }), line }] });
        return;
      }
      case 'drop_constraint': {
        // `op.drop_constraint("uq", "t", type_="unique")`: a catalog change (a unique constraint's index goes with it).
        const constraint = textOf(arg('constraint_name', 0));
        const t = table('table_name', 1);
        if (!constraint || !t) return void tr.unknown.push({ line, what: '`op.drop_constraint` with a computed name or table' });
        tr.operations.push(op(line, 'op.drop_constraint', t, schemaSql.dropConstraint(t, constraint)));
        return;
      }
      case 'create_foreign_key': {
        const fname = textOf(arg('constraint_name', 0)) ?? 'fk';
        const src = table('source_table', 1);
        const ref = table('referent_table', 2);
        const local = namesOf(arg('local_cols', 3)) ?? ['id'];
        const remote = namesOf(arg('remote_cols', 4)) ?? ['id'];
        if (!src || !ref) return void tr.unknown.push({ line, what: '`op.create_foreign_key` with computed tables' });
        const notValid = isTrue(option(args, 'postgresql_not_valid'));
        tr.operations.push(op(line, 'op.create_foreign_key', src, schemaSql.addForeignKey(src, fname, local, ref, remote, { notValid })));
        return;
      }
      case 'create_unique_constraint': {
        const t = table('table_name', 1);
        const cols = namesOf(arg('columns', 2)) ?? [];
        if (t) tr.operations.push(op(line, 'op.create_unique_constraint', t, schemaSql.addUnique(t, textOf(arg('constraint_name', 0)) ?? `${t}_key`, cols)));
        return;
      }
      case 'create_check_constraint': {
        const t = table('table_name', 1);
        const condition = textOf(arg('condition', 2)) ?? textOf(callArgs(arg('condition', 2)).positional[0]) ?? 'true';
        if (t) tr.operations.push(op(line, 'op.create_check_constraint', t, schemaSql.addCheck(t, textOf(arg('constraint_name', 0)) ?? `${t}_check`, condition)));
        return;
      }
      case 'create_exclude_constraint': {
        // `op.create_exclude_constraint(name, table, (col, op), ..., using="gist")`: Postgres builds the
        // constraint's index under ACCESS EXCLUSIVE and has no NOT VALID form for it.
        const t = table('table_name', 1);
        if (!t) return void tr.unknown.push({ line, what: '`op.create_exclude_constraint` with a computed table' });
        const name = textOf(arg('constraint_name', 0)) ?? `${t}_excl`;
        const method = textOf(option(args, 'using')) ?? 'gist';
        tr.operations.push(op(line, 'op.create_exclude_constraint', t, schemaSql.addExclusion(t, name, method)));
        return;
      }
      case 'create_primary_key': {
        const t = table('table_name', 1);
        const cols = namesOf(arg('columns', 2)) ?? ['id'];
        if (t) tr.operations.push(op(line, 'op.create_primary_key', t, schemaSql.addPrimaryKey(t, `${t}_pkey`, cols)));
        return;
      }
      case 'create_table': {
        const t = table('table_name', 0);
        if (t) tr.createdTables.push(t);
        return;
      }
      case 'drop_table': {
        const t = table('table_name', 0);
        if (t) tr.operations.push(op(line, 'op.drop_table', t, schemaSql.dropTable(t)));
        return;
      }
      case 'rename_table': {
        const from = table('old_table_name', 0);
        const to = table('new_table_name', 1);
        if (from && to) tr.operations.push(op(line, 'op.rename_table', from, schemaSql.renameTable(from, to)));
        return;
      }
      case 'execute': {
        const sql = arg('sqltext', 0);
        const text = sql?.kind === 'str' ? sql : callArgs(sql).positional[0];
        if (text?.kind === 'str' && !text.dynamic) tr.operations.push(rawSql(line, 'op.execute', text.value, text.lines));
        else tr.unknown.push({ line, what: '`op.execute` with computed SQL' });
        return;
      }
      case 'bulk_insert':
        return;
      default:
        if (HARMLESS.has(name)) return;
        tr.unknown.push({ line, what: `\`op.${name}\`` });
    }
  }
}

/** Source lines inside `with ...autocommit_block():` blocks: the lines after it indented deeper than the `with`. */
function autocommitLines(tokens: readonly Token[]): Set<number> {
  const lines = new Set<number>();
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k]?.text !== 'autocommit_block') continue;
    let w = k;
    while (w > 0 && tokens[w]?.text !== 'with' && tokens[w - 1]?.kind !== 'nl') w--;
    const withTok = tokens[w] as Token;
    if (withTok.text !== 'with') continue;
    let j = k;
    while (j < tokens.length && tokens[j]?.kind !== 'nl') j++;
    for (; j < tokens.length; j++) {
      const t = tokens[j] as Token;
      if (t.kind === 'nl') continue;
      if (tokens[j - 1]?.kind === 'nl' && t.col <= withTok.col) break;
      lines.add(t.line);
    }
  }
  return lines;
}

function str(value: string, line: number): Value {
  return { kind: 'str', value, line, lines: [line], dynamic: false };
}

function saType(v: Value | undefined): string {
  const names = chainNames(v);
  const cls = names[names.length - 1] ?? '';
  const args = callArgs(v);
  if (cls === 'String' || cls === 'VARCHAR' || cls === 'Unicode') {
    const length = textOf(args.positional[0]) ?? textOf(option(args, 'length'));
    return length ? `varchar(${length})` : 'varchar';
  }
  if (cls === 'DateTime') return isTrue(option(args, 'timezone')) ? 'timestamptz' : 'timestamp';
  if (cls === 'Numeric' || cls === 'DECIMAL') {
    const p = textOf(args.positional[0]);
    const s = textOf(args.positional[1]);
    return p ? `numeric(${p}${s ? `, ${s}` : ''})` : 'numeric';
  }
  return SA_TYPES[cls] ?? 'text';
}

/** A SQLAlchemy type as the column type `changeRewrites` compares (`String(500)` → string of limit 500). */
function columnType(v: Value): RailsColumnType {
  const names = chainNames(v);
  const cls = names[names.length - 1] ?? '';
  const args = callArgs(v);
  const first = textOf(args.positional[0]);
  if (cls === 'String' || cls === 'VARCHAR' || cls === 'Unicode') {
    const limit = first ?? textOf(option(args, 'length'));
    return { type: 'string', ...(limit === undefined ? {} : { limit }) };
  }
  if (cls === 'Text' || cls === 'TEXT' || cls === 'UnicodeText') return { type: 'text' };
  if (cls === 'CITEXT') return { type: 'citext' };
  if (cls === 'Numeric' || cls === 'DECIMAL' || cls === 'NUMERIC') {
    const scale = textOf(args.positional[1]) ?? textOf(option(args, 'scale'));
    const precision = first ?? textOf(option(args, 'precision'));
    return { type: 'decimal', ...(precision === undefined ? {} : { precision }), ...(scale === undefined ? {} : { scale }) };
  }
  return { type: saType(v) };
}

/** `sa.text("now()")`, `sa.false()`. */
function alembicDefault(v: Value): string | undefined {
  const last = chainNames(v).pop();
  if (last === 'text') return textOf(callArgs(v).positional[0]) ?? "''";
  return last === 'false' || last === 'true' ? last : undefined;
}
