import { callArgs, isFalse, isTrue, namesOf, option, textOf, type Args, type Segment, type Value } from './parseValue.js';
import { scanChains } from './scanChains.js';
import { backfillHazards, rawOrUnknown, schemaSql, sqlDefault, WRITES_ROWS } from './schemaSql.js';
import { builderCall, enumCheck, openTable, scopeAt, tableOperation, type BuilderDialect, type BuilderScope, type ColumnStates } from './tableBuilder.js';
import { tokenize, type Token } from './tokenize.js';
import { emptyTranslation, ident, literal, op, type Translation } from './Translation.js';
import { hasUpFunction, upRegion } from './upRegion.js';
import { skipOtherDialects } from './otherDialects.js';

const KNEX_TYPES: Record<string, string> = {
  increments: 'serial PRIMARY KEY', bigIncrements: 'bigserial PRIMARY KEY', integer: 'integer', bigInteger: 'bigint', bigint: 'bigint',
  smallint: 'smallint', tinyint: 'smallint', mediumint: 'integer', text: 'text', string: 'varchar', float: 'real', double: 'double precision',
  decimal: 'numeric', boolean: 'boolean', date: 'date', datetime: 'timestamptz', dateTime: 'timestamptz', time: 'time', timestamp: 'timestamptz', json: 'json',
  jsonb: 'jsonb', uuid: 'uuid', enu: 'text', enum: 'text', binary: 'bytea', specificType: 'text', geometry: 'geometry', geography: 'geography', point: 'point',
};
const HARMLESS = new Set(['dropTimestamps', 'dropChecks', 'comment', 'engine', 'charset', 'collate', 'inherits', 'setNullable', 'queryContext', 'dropSpatialIndex', 'timestamps']);

/** Knex's table builder (`table.string('email').notNullable()`), read by the shared builder mechanism. */
function knexDialect(tr: Translation, columns: Pick<BuilderDialect, 'prior' | 'restated'>): BuilderDialect {
  return {
    ...columns,
    resetsNotNull: true,
    dropsDefaultPrimary: false,
    types: KNEX_TYPES,
    harmless: HARMLESS,
    call: (scope, method) => `${scope.param}.${method}`,
    alterCall: '.alter()',
    sqlType: (method, type, args) => {
      if (method === 'string') return `varchar(${textOf(args.positional[1]) ?? '255'})`;
      if (method === 'specificType') return textOf(args.positional[1]) ?? 'text';
      if ((method === 'enu' || method === 'enum') && nativeEnum(args)) return ident(textOf(option(args, 'enumName')) ?? 'enum');
      return type;
    },
    // `table.enu('status', ['a', 'b'])`: `text check ("status" in ('a', 'b'))`; `{ useNative: true }` makes a type instead.
    check: (method, c, args) => ((method === 'enu' || method === 'enum') && !nativeEnum(args) ? enumCheck(c, args.positional[1]) : undefined),
    column: (_c, segs) => {
      const names = new Set(segs.map((s) => s.name));
      const dflt = segs.find((s) => s.name === 'defaultTo')?.args?.positional[0];
      // `.alter({ alterType: false, alterNullable: false })` (Knex 1.0+): the change leaves those alone.
      const alter = segs.find((s) => s.name === 'alter')?.args;
      return {
        alter: names.has('alter'),
        notNull: names.has('notNullable'),
        dflt: dflt ? sqlDefault(dflt, knexDefault) : undefined,
        ref: reference(segs),
        keepType: alter !== undefined && isFalse(option(alter, 'alterType')),
        keepNullable: alter !== undefined && isFalse(option(alter, 'alterNullable')),
      };
    },
    foreign: reference,
    // `table.dropIndex(['a', 'b'], 'name')`: the columns, then the name when it is not `<table>_<columns>_<kind>`.
    droppedName: (kind, args, t) => {
      const named = textOf(args.positional[1]);
      if (named) return named;
      const cols = namesOf(args.positional[0]);
      return cols ? `${t}_${cols.join('_')}_${kind}` : undefined;
    },
    extra: (scope, method, cols, line) => {
      const t = scope.table;
      if (method.name === 'dropNullable') {
        if (cols?.[0]) tr.operations.push(op(line, 'dropNullable', t, schemaSql.setNotNull(t, cols[0])));
      } else if (method.name === 'primary') {
        if (cols) tr.operations.push(op(line, 'primary', t, schemaSql.addPrimaryKey(t, `${t}_pkey`, cols)));
      } else if (method.name === 'check') {
        const expr = textOf(method.args.positional[0]);
        if (expr) tr.operations.push(op(line, 'check', t, schemaSql.addCheck(t, `${t}_check`, expr)));
      } else return false;
      return true;
    },
  };
}

/** Knex migrations (`exports.up`, `knex.schema.*` with table builders, `knex.raw`) → Postgres. */
export function translateKnex(source: string): Translation {
  const tokens = tokenize(source, 'js');
  const region = upRegion(tokens, 'js');
  // The rollback first: the columns it changes back, as they were before `up` (see ColumnStates).
  const restated: ColumnStates = new Map();
  readKnex(tokens, skipOtherDialects(tokens, region.map((u) => !u)), emptyTranslation('knex'), { restated });
  const tr = emptyTranslation('knex');
  if (!hasUpFunction(tokens)) tr.unknown.push({ line: 0, what: 'no `up` function' });
  if (/\bconfig\s*=\s*\{[^}]*transaction\s*:\s*false/.test(source)) tr.transactional = false;
  const dataOps = readKnex(tokens, skipOtherDialects(tokens, region), tr, { prior: restated });
  backfillHazards(tr, dataOps, 'Move the backfill to its own migration (`exports.config = { transaction: false }`) and update in batches.');
  return tr;
}

/** The schema calls in `region` (the tokens of `up`, or of `down`) into `tr`; returns the lines that write rows. */
function readKnex(tokens: readonly Token[], region: readonly boolean[], tr: Translation, columns: Pick<BuilderDialect, 'prior' | 'restated'>): number[] {
  const dialect = knexDialect(tr, columns);
  const scopes: BuilderScope[] = [];
  const dataOps: number[] = [];
  for (const { at, chain } of scanChains(tokens, 'js', region)) {
    if (chain.kind !== 'chain') continue;
    const head = (chain.segments[0] as Segment).name;
    const scope = scopeAt(scopes, head, at);
    if (scope) {
      builderCall(tr, dialect, scope, chain.segments.slice(1), chain.segments[1]?.line ?? chain.line);
      continue;
    }
    for (const [i, seg] of chain.segments.entries()) {
      if (!seg.args) continue;
      const call = seg as Segment & { args: NonNullable<Segment['args']> };
      const viaSchema = chain.segments.slice(0, i).some((s) => s.name === 'schema');
      if (viaSchema && /^(createTable|createTableIfNotExists|alterTable|table|createTableLike)$/.test(seg.name)) {
        openTable(tr, scopes, call, seg.name, seg.name.startsWith('create'), (params) => params[0] ?? 'table');
      } else if (viaSchema && /^(dropTable|dropTableIfExists)$/.test(seg.name)) {
        tableOperation(tr, call, seg.name, 'drop');
      } else if (viaSchema && seg.name === 'renameTable') {
        tableOperation(tr, call, seg.name, 'rename');
      } else if (seg.name === 'raw' && (i > 0 || head === 'knex')) {
        const sql = rawOrUnknown(tr, seg.line, 'knex.raw', withBindings(seg.args.positional[0], seg.args.positional[1]));
        if (sql !== undefined && WRITES_ROWS.test(sql)) dataOps.push(seg.line);
      } else if (i === 0 && /^(knex|trx|db)$/.test(head) && chain.segments.some((s) => /^(update|insert|del|delete|increment|decrement)$/.test(s.name))) {
        dataOps.push(seg.line);
        break;
      }
    }
  }
  return dataOps;
}

/**
 * `knex.raw('ALTER TABLE ?? ADD ?', ['t', value])`: the SQL Knex sends, with `??` (an identifier) and `?` (a
 * value) replaced by the literal bindings; a computed binding (`[knex.raw(type)]`) makes the SQL computed.
 * https://knexjs.org/guide/raw.html#raw-parameter-binding
 */
export function withBindings(sql: Value | undefined, bindings: Value | undefined): Value | undefined {
  if (sql?.kind !== 'str' || bindings === undefined) return sql;
  const values = bindings.kind === 'list' ? bindings.items : bindings.kind === 'map' ? undefined : [bindings];
  let k = 0;
  let computed = values === undefined;
  const value = sql.value.replace(/\\\?|\?\??/g, (mark) => {
    if (mark === '\\?') return '?';
    const v = values?.[k++];
    const text = v?.kind === 'str' && !v.dynamic ? v.value : v?.kind === 'num' ? v.value : undefined;
    if (text === undefined) {
      computed = true;
      return mark;
    }
    return mark === '??' ? ident(text) : v?.kind === 'num' ? text : literal(text);
  });
  return { ...sql, value, dynamic: sql.dynamic || computed };
}

/** `table.enu('c', values, { useNative: true, enumName: 'kind' })`: a Postgres enum type, no CHECK. */
function nativeEnum(args: Args): boolean {
  return isTrue(option(args, 'useNative'));
}

/** `.references('users.id')`, `.references('id').inTable('users')`. */
function reference(segs: readonly Segment[]): { table: string; column: string } | undefined {
  const refs = textOf(segs.find((s) => s.name === 'references')?.args?.positional[0]);
  if (!refs) return undefined;
  const inTable = textOf(segs.find((s) => s.name === 'inTable')?.args?.positional[0]);
  if (inTable) return { table: inTable, column: refs };
  const [table, column] = refs.split('.');
  return column ? { table: table as string, column } : undefined;
}

/** `knex.raw('...')`, `knex.fn.now()`. */
function knexDefault(v: Value): string | undefined {
  const seg = v.kind === 'chain' ? v.segments[v.segments.length - 1] : undefined;
  if (seg?.name === 'raw') return textOf(callArgs(v).positional[0]) ?? "''";
  if (seg?.name === 'fn' || seg?.name === 'now') return 'now()';
  return undefined;
}
