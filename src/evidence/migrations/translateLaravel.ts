import { isFalse, namesOf, textOf, type Segment, type Value } from './parseValue.js';
import { scanChains } from './scanChains.js';
import { tokenize } from './tokenize.js';
import { emptyTranslation, ident, identList, literal, op, rawSql, type Translation } from './Translation.js';
import { upRegion } from './upRegion.js';

const LARAVEL_TYPES: Record<string, string> = {
  string: 'varchar', char: 'char', text: 'text', mediumText: 'text', longText: 'text', tinyText: 'text', integer: 'integer', bigInteger: 'bigint',
  unsignedBigInteger: 'bigint', unsignedInteger: 'integer', smallInteger: 'smallint', tinyInteger: 'smallint', mediumInteger: 'integer',
  boolean: 'boolean', date: 'date', dateTime: 'timestamp(0)', dateTimeTz: 'timestamptz(0)', timestamp: 'timestamp(0)', timestampTz: 'timestamptz(0)',
  time: 'time(0)', json: 'json', jsonb: 'jsonb', uuid: 'uuid', decimal: 'numeric', float: 'double precision', double: 'double precision',
  enum: 'varchar', foreignId: 'bigint', foreignUuid: 'uuid', binary: 'bytea', ipAddress: 'inet', macAddress: 'macaddr', year: 'integer',
};
/** Helpers that add nullable columns (or nothing a linter judges). */
const HARMLESS = new Set(['timestamps', 'timestampsTz', 'nullableTimestamps', 'softDeletes', 'softDeletesTz', 'rememberToken', 'dropForeign', 'dropIndex', 'dropUnique', 'dropPrimary', 'dropTimestamps', 'dropSoftDeletes', 'dropRememberToken', 'dropConstrainedForeignId', 'comment', 'engine', 'charset', 'collation', 'temporary', 'nullableMorphs']);

interface Scope {
  param: string;
  table: string;
  created: boolean;
  start: number;
  end: number;
}

/** Laravel migrations (`Schema::table`/`create` with Blueprint callbacks, `DB::statement`) → Postgres. */
export function translateLaravel(source: string): Translation {
  const tokens = tokenize(source, 'php');
  const up = upRegion(tokens, 'php');
  const tr = emptyTranslation('laravel');
  if (/\$withinTransaction\s*=\s*false/.test(source)) tr.transactional = false;
  const scopes: Scope[] = [];
  for (const { at, chain } of scanChains(tokens, 'php', up)) {
    if (chain.kind !== 'chain') continue;
    const [head, seg] = chain.segments as [Segment, Segment | undefined];
    const scope = scopes.filter((s) => s.param === head.name && at >= s.start && at < s.end).pop();
    if (scope) {
      column(scope, chain.segments.slice(1));
      continue;
    }
    if (!seg?.args) continue;
    const first = textOf(seg.args.positional[0]);
    if (head.name === 'Schema' && (seg.name === 'table' || seg.name === 'create')) {
      if (!first) {
        tr.unknown.push({ line: seg.line, what: `\`Schema::${seg.name}\` with a computed table` });
        continue;
      }
      if (seg.name === 'create') tr.createdTables.push(first);
      const fn = seg.args.positional.find((v) => v.kind === 'fn');
      if (fn?.kind === 'fn') scopes.push({ param: fn.params[fn.params.length - 1] ?? '$table', table: first, created: seg.name === 'create', start: fn.start, end: fn.end });
    } else if (head.name === 'Schema' && /^(drop|dropIfExists)$/.test(seg.name) && first) {
      tr.operations.push(op(seg.line, `Schema::${seg.name}`, first, `DROP TABLE ${ident(first)};`));
    } else if (head.name === 'Schema' && seg.name === 'rename' && first) {
      const to = textOf(seg.args.positional[1]);
      if (to) tr.operations.push(op(seg.line, 'Schema::rename', first, `ALTER TABLE ${ident(first)} RENAME TO ${ident(to)};`));
    } else if (head.name === 'DB' && (seg.name === 'statement' || seg.name === 'unprepared')) {
      const sql = seg.args.positional[0];
      if (sql?.kind === 'str' && !sql.dynamic) tr.operations.push(rawSql(seg.line, `DB::${seg.name}`, sql.value, sql.lines));
      else tr.unknown.push({ line: seg.line, what: `\`DB::${seg.name}\` with interpolated or computed SQL` });
    }
  }
  return tr;

  function column(scope: Scope, segs: Segment[]): void {
    const method = segs[0];
    if (!method?.args) return;
    const line = method.line;
    const args = method.args;
    const mods = new Map(segs.slice(1).map((s) => [s.name, s.args]));
    const t = scope.table;
    const type = LARAVEL_TYPES[method.name];
    if (type !== undefined) {
      if (scope.created) return;
      const c = textOf(args.positional[0]);
      if (!c) return void tr.unknown.push({ line, what: `\`${scope.param}->${method.name}\` with a computed column` });
      const sqlType = method.name === 'string' ? `varchar(${textOf(args.positional[1]) ?? '255'})` : type;
      // Laravel columns are NOT NULL unless `->nullable()`.
      const nullable = mods.has('nullable') && !isFalse(mods.get('nullable')?.positional[0]);
      if (mods.has('change')) {
        const sql = [`ALTER TABLE ${ident(t)} ALTER COLUMN ${ident(c)} TYPE ${sqlType};`];
        if (!nullable) sql.push(`ALTER TABLE ${ident(t)} ALTER COLUMN ${ident(c)} SET NOT NULL;`);
        tr.operations.push({ line, op: `${method.name}()->change()`, table: t, sql: sql.map((text) => ({ text, line })) });
        return;
      }
      const dflt = mods.get('default')?.positional[0];
      const current = mods.has('useCurrent') ? ' DEFAULT CURRENT_TIMESTAMP' : '';
      const sql = [`ALTER TABLE ${ident(t)} ADD COLUMN ${ident(c)} ${sqlType}${dflt ? ` DEFAULT ${sqlDefault(dflt)}` : current}${nullable ? '' : ' NOT NULL'};`];
      if (mods.has('index')) sql.push(`CREATE INDEX ${ident(`${t}_${c}_index`)} ON ${ident(t)} (${ident(c)});`);
      if (mods.has('unique')) sql.push(`ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(`${t}_${c}_unique`)} UNIQUE (${ident(c)});`);
      const ref = mods.has('constrained')
        ? (textOf(mods.get('constrained')?.positional[0]) ?? `${c.replace(/_id$/, '')}s`)
        : textOf(mods.get('on')?.positional[0]);
      if (ref) sql.push(`ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(`${t}_${c}_foreign`)} FOREIGN KEY (${ident(c)}) REFERENCES ${ident(ref)} ("id");`);
      tr.operations.push({ line, op: `${scope.param}->${method.name}`, table: t, sql: sql.map((text) => ({ text, line })) });
      return;
    }
    if (scope.created) return;
    const cols = namesOf(args.positional[0]);
    switch (method.name) {
      case 'index':
      case 'unique': {
        if (!cols) return void tr.unknown.push({ line, what: `\`${scope.param}->${method.name}\` with computed columns` });
        const name = textOf(args.positional[1]) ?? `${t}_${cols.join('_')}_${method.name}`;
        tr.operations.push(op(line, method.name, t, method.name === 'index'
          ? `CREATE INDEX ${ident(name)} ON ${ident(t)} (${identList(cols)});`
          : `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(name)} UNIQUE (${identList(cols)});`));
        return;
      }
      case 'dropColumn':
        tr.operations.push({ line, op: 'dropColumn', table: t, sql: args.positional.flatMap((v) => namesOf(v) ?? []).map((c) => ({ text: `ALTER TABLE ${ident(t)} DROP COLUMN ${ident(c)};`, line })) });
        return;
      case 'renameColumn': {
        const to = textOf(args.positional[1]);
        if (cols?.[0] && to) tr.operations.push(op(line, 'renameColumn', t, `ALTER TABLE ${ident(t)} RENAME COLUMN ${ident(cols[0])} TO ${ident(to)};`));
        return;
      }
      case 'foreign': {
        const on = textOf(segs.find((s) => s.name === 'on')?.args?.positional[0]);
        const refCol = textOf(segs.find((s) => s.name === 'references')?.args?.positional[0]) ?? 'id';
        if (cols && on) tr.operations.push(op(line, 'foreign', t, `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(`${t}_${cols.join('_')}_foreign`)} FOREIGN KEY (${identList(cols)}) REFERENCES ${ident(on)} (${ident(refCol)});`));
        return;
      }
      default:
        if (HARMLESS.has(method.name)) return;
        tr.unknown.push({ line, what: `\`${scope.param}->${method.name}\`` });
    }
  }
}

function sqlDefault(v: Value): string {
  if (v.kind === 'num') return v.value;
  if (v.kind === 'str' && !v.dynamic) return literal(v.value);
  if (v.kind === 'chain' && /^(true|false)$/i.test(v.segments[0]?.name ?? '')) return (v.segments[0]?.name ?? '').toLowerCase();
  return "''";
}
