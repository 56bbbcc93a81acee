import { callArgs, namesOf, textOf, type Segment, type Value } from './parseValue.js';
import { scanChains } from './scanChains.js';
import { tokenize } from './tokenize.js';
import { emptyTranslation, ident, identList, literal, op, rawSql, type Translation } from './Translation.js';
import { upRegion } from './upRegion.js';

const KNEX_TYPES: Record<string, string> = {
  increments: 'serial PRIMARY KEY', bigIncrements: 'bigserial PRIMARY KEY', integer: 'integer', bigInteger: 'bigint', bigint: 'bigint',
  smallint: 'smallint', tinyint: 'smallint', mediumint: 'integer', text: 'text', string: 'varchar', float: 'real', double: 'double precision',
  decimal: 'numeric', boolean: 'boolean', date: 'date', datetime: 'timestamptz', time: 'time', timestamp: 'timestamptz', json: 'json',
  jsonb: 'jsonb', uuid: 'uuid', enu: 'text', enum: 'text', binary: 'bytea', specificType: 'text', geometry: 'geometry', point: 'point',
};
const HARMLESS = new Set(['dropIndex', 'dropForeign', 'dropUnique', 'dropPrimary', 'dropTimestamps', 'dropChecks', 'comment', 'engine', 'charset', 'collate', 'inherits', 'setNullable', 'queryContext', 'dropSpatialIndex']);

interface Scope {
  param: string;
  table: string;
  created: boolean;
  start: number;
  end: number;
}

/** Knex migrations (`exports.up`, `knex.schema.*` with table builders, `knex.raw`) → Postgres. */
export function translateKnex(source: string): Translation {
  const tokens = tokenize(source, 'js');
  const up = upRegion(tokens, 'js');
  const tr = emptyTranslation('knex');
  const scopes: Scope[] = [];
  const dataOps: number[] = [];
  if (/\bconfig\s*=\s*\{[^}]*transaction\s*:\s*false/.test(source)) tr.transactional = false;

  for (const { at, chain } of scanChains(tokens, 'js', up)) {
    if (chain.kind !== 'chain') continue;
    const head = (chain.segments[0] as Segment).name;
    const scope = scopes.filter((s) => s.param === head && at >= s.start && at < s.end).pop();
    if (scope) {
      builder(scope, chain.segments.slice(1), chain.segments[1]?.line ?? chain.line);
      continue;
    }
    for (const [i, seg] of chain.segments.entries()) {
      if (!seg.args) continue;
      const args = seg.args;
      const first = textOf(args.positional[0]);
      const viaSchema = chain.segments.slice(0, i).some((s) => s.name === 'schema');
      if (viaSchema && /^(createTable|createTableIfNotExists|alterTable|table|createTableLike)$/.test(seg.name)) {
        const fn = args.positional.find((v) => v.kind === 'fn');
        if (!first) {
          tr.unknown.push({ line: seg.line, what: `\`${seg.name}\` with a computed table name` });
          continue;
        }
        const created = seg.name.startsWith('create');
        if (created) tr.createdTables.push(first);
        if (fn?.kind === 'fn') scopes.push({ param: fn.params[0] ?? 'table', table: first, created, start: fn.start, end: fn.end });
      } else if (viaSchema && /^(dropTable|dropTableIfExists)$/.test(seg.name) && first) {
        tr.operations.push(op(seg.line, seg.name, first, `DROP TABLE ${ident(first)};`));
      } else if (viaSchema && seg.name === 'renameTable' && first) {
        const to = textOf(args.positional[1]);
        if (to) tr.operations.push(op(seg.line, seg.name, first, `ALTER TABLE ${ident(first)} RENAME TO ${ident(to)};`));
      } else if (seg.name === 'raw' && (i > 0 || head === 'knex')) {
        const sql = args.positional[0];
        if (sql?.kind === 'str' && !sql.dynamic) {
          tr.operations.push(rawSql(seg.line, 'knex.raw', sql.value, sql.lines));
          if (/^\s*(UPDATE|INSERT|DELETE)\b/i.test(sql.value)) dataOps.push(seg.line);
        } else tr.unknown.push({ line: seg.line, what: '`knex.raw` with interpolated or computed SQL' });
      } else if (i === 0 && /^(knex|trx|db)$/.test(head) && chain.segments.some((s) => /^(update|insert|del|delete|increment|decrement)$/.test(s.name))) {
        dataOps.push(seg.line);
        break;
      }
    }
  }
  if (tr.transactional && tr.operations.some((o) => !o.raw)) for (const line of dataOps) tr.hazards.push(backfill(line));
  return tr;

  function builder(scope: Scope, segs: Segment[], line: number): void {
    const method = segs[0];
    if (!method?.args) return;
    const args = method.args;
    const names = new Set(segs.map((s) => s.name));
    const modifier = (name: string) => segs.find((s) => s.name === name)?.args;
    const t = scope.table;
    const type = KNEX_TYPES[method.name];
    if (type !== undefined) {
      if (scope.created) return;
      const column = textOf(args.positional[0]);
      if (!column) return void tr.unknown.push({ line, what: `\`${scope.param}.${method.name}\` with a computed column` });
      let sqlType = type;
      if (method.name === 'string') sqlType = `varchar(${textOf(args.positional[1]) ?? '255'})`;
      if (method.name === 'specificType') sqlType = textOf(args.positional[1]) ?? 'text';
      const notNull = names.has('notNullable');
      if (names.has('alter')) {
        const sql = [`ALTER TABLE ${ident(t)} ALTER COLUMN ${ident(column)} TYPE ${sqlType};`];
        if (notNull) sql.push(`ALTER TABLE ${ident(t)} ALTER COLUMN ${ident(column)} SET NOT NULL;`);
        tr.operations.push({ line, op: `${method.name}().alter()`, table: t, sql: sql.map((text) => ({ text, line })) });
        return;
      }
      const dflt = modifier('defaultTo')?.positional[0];
      const sql = [`ALTER TABLE ${ident(t)} ADD COLUMN ${ident(column)} ${sqlType}${dflt ? ` DEFAULT ${sqlDefault(dflt)}` : ''}${notNull ? ' NOT NULL' : ''};`];
      if (names.has('index')) sql.push(`CREATE INDEX ${ident(`${t}_${column}_index`)} ON ${ident(t)} (${ident(column)});`);
      if (names.has('unique')) sql.push(`ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(`${t}_${column}_unique`)} UNIQUE (${ident(column)});`);
      const ref = reference(segs);
      if (ref) sql.push(`ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(`${t}_${column}_foreign`)} FOREIGN KEY (${ident(column)}) REFERENCES ${ident(ref.table)} (${ident(ref.column)});`);
      tr.operations.push({ line, op: `${scope.param}.${method.name}`, table: t, sql: sql.map((text) => ({ text, line })) });
      return;
    }
    if (scope.created && method.name !== 'raw') return;
    const cols = namesOf(args.positional[0]);
    switch (method.name) {
      case 'index':
      case 'unique': {
        if (!cols) return void tr.unknown.push({ line, what: `\`${scope.param}.${method.name}\` with computed columns` });
        const name = textOf(args.positional[1]) ?? `${t}_${cols.join('_')}_${method.name}`;
        tr.operations.push(op(line, `${scope.param}.${method.name}`, t, method.name === 'index'
          ? `CREATE INDEX ${ident(name)} ON ${ident(t)} (${identList(cols)});`
          : `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(name)} UNIQUE (${identList(cols)});`));
        return;
      }
      case 'dropColumn':
      case 'dropColumns': {
        const dropped = args.positional.flatMap((v) => namesOf(v) ?? []);
        tr.operations.push({ line, op: `${scope.param}.${method.name}`, table: t, sql: dropped.map((c) => ({ text: `ALTER TABLE ${ident(t)} DROP COLUMN ${ident(c)};`, line })) });
        return;
      }
      case 'renameColumn': {
        const to = textOf(args.positional[1]);
        if (cols?.[0] && to) tr.operations.push(op(line, 'renameColumn', t, `ALTER TABLE ${ident(t)} RENAME COLUMN ${ident(cols[0])} TO ${ident(to)};`));
        return;
      }
      case 'foreign': {
        const ref = reference(segs);
        if (cols && ref) tr.operations.push(op(line, 'foreign', t, `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(`${t}_${cols.join('_')}_foreign`)} FOREIGN KEY (${identList(cols)}) REFERENCES ${ident(ref.table)} (${ident(ref.column)});`));
        return;
      }
      case 'dropNullable':
        if (cols?.[0]) tr.operations.push(op(line, 'dropNullable', t, `ALTER TABLE ${ident(t)} ALTER COLUMN ${ident(cols[0])} SET NOT NULL;`));
        return;
      case 'primary':
        if (cols) tr.operations.push(op(line, 'primary', t, `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(`${t}_pkey`)} PRIMARY KEY (${identList(cols)});`));
        return;
      case 'check': {
        const expr = textOf(args.positional[0]);
        if (expr) tr.operations.push(op(line, 'check', t, `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(`${t}_check`)} CHECK (${expr});`));
        return;
      }
      case 'timestamps':
        return;
      default:
        if (HARMLESS.has(method.name)) return;
        tr.unknown.push({ line, what: `\`${scope.param}.${method.name}\`` });
    }
  }
}

/** `.references('users.id')`, `.references('id').inTable('users')`. */
function reference(segs: Segment[]): { table: string; column: string } | undefined {
  const refs = textOf(segs.find((s) => s.name === 'references')?.args?.positional[0]);
  if (!refs) return undefined;
  const inTable = textOf(segs.find((s) => s.name === 'inTable')?.args?.positional[0]);
  if (inTable) return { table: inTable, column: refs };
  const [table, column] = refs.split('.');
  return column ? { table: table as string, column } : undefined;
}

function sqlDefault(v: Value): string {
  if (v.kind === 'num') return v.value;
  if (v.kind === 'str' && !v.dynamic) return literal(v.value);
  const seg = v.kind === 'chain' ? v.segments[v.segments.length - 1] : undefined;
  if (seg?.name === 'raw') return textOf(callArgs(v).positional[0]) ?? "''";
  if (seg?.name === 'fn' || seg?.name === 'now') return 'now()';
  if (seg?.name === 'true' || seg?.name === 'false') return seg.name;
  return "''";
}

function backfill(line: number) {
  return {
    line,
    rule: 'backfill-in-schema-migration',
    severity: 'major' as const,
    title: 'Data backfill inside a schema migration',
    body: 'This migration changes the schema and rewrites rows in the same transaction: the schema change\'s locks are held until every row is written. Move the backfill to its own migration (`exports.config = { transaction: false }`) and update in batches.',
  };
}

