import { isFalse, namesOf, textOf, type Segment, type Value } from './parseValue.js';
import { scanChains } from './scanChains.js';
import { backfillHazards, rawOrUnknown, schemaSql, sqlDefault, statements, WRITES_ROWS } from './schemaSql.js';
import { builderCall, enumCheck, openTable, scopeAt, tableOperation, type BuilderDialect, type BuilderScope, type ColumnStates } from './tableBuilder.js';
import { tokenize, type Token } from './tokenize.js';
import { emptyTranslation, type Translation } from './Translation.js';
import { hasUpFunction, upRegion } from './upRegion.js';
import { skipOtherDialects } from './otherDialects.js';

const LARAVEL_TYPES: Record<string, string> = {
  string: 'varchar', char: 'char', text: 'text', mediumText: 'text', longText: 'text', tinyText: 'text', integer: 'integer', bigInteger: 'bigint',
  unsignedBigInteger: 'bigint', unsignedInteger: 'integer', smallInteger: 'smallint', tinyInteger: 'smallint', mediumInteger: 'integer',
  boolean: 'boolean', date: 'date', dateTime: 'timestamp(0)', dateTimeTz: 'timestamptz(0)', timestamp: 'timestamp(0)', timestampTz: 'timestamptz(0)',
  time: 'time(0)', json: 'json', jsonb: 'jsonb', uuid: 'uuid', decimal: 'numeric', float: 'double precision', double: 'double precision',
  enum: 'varchar(255)', foreignId: 'bigint', foreignUuid: 'uuid', binary: 'bytea', ipAddress: 'inet', macAddress: 'macaddr', year: 'integer',
};
/** Helpers that add nullable columns (or nothing a linter judges). */
const HARMLESS = new Set(['timestamps', 'timestampsTz', 'nullableTimestamps', 'softDeletes', 'softDeletesTz', 'rememberToken', 'comment', 'engine', 'charset', 'collation', 'temporary', 'nullableMorphs']);

/** Columns Blueprint helpers drop (`dropTimestamps()`); `dropSoftDeletes('removed_at')` and `dropConstrainedForeignId('user_id')` name theirs. */
const DROPPED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  dropTimestamps: ['created_at', 'updated_at'],
  dropTimestampsTz: ['created_at', 'updated_at'],
  dropSoftDeletes: ['deleted_at'],
  dropSoftDeletesTz: ['deleted_at'],
  dropRememberToken: ['remember_token'],
  dropConstrainedForeignId: [],
};

/** Laravel's Blueprint (`$table->string('email')->nullable()`), read by the shared builder mechanism. */
const laravelDialect = (tr: Translation, columns: Pick<BuilderDialect, 'prior' | 'restated'>): BuilderDialect => ({
  ...columns,
  resetsNotNull: false,
  dropsDefaultPrimary: true,
  types: LARAVEL_TYPES,
  harmless: HARMLESS,
  call: (scope, method) => `${scope.param}->${method}`,
  alterCall: '->change()',
  sqlType: (method, type, args) => (method === 'string' ? `varchar(${textOf(args.positional[1]) ?? '255'})` : type),
  column: (c, segs) => {
    const mods = new Map(segs.slice(1).map((s) => [s.name, s.args]));
    // Laravel columns are NOT NULL unless `->nullable()`.
    const nullable = mods.has('nullable') && !isFalse(mods.get('nullable')?.positional[0]);
    const dflt = mods.get('default')?.positional[0];
    const ref = mods.has('constrained') ? (textOf(mods.get('constrained')?.positional[0]) ?? `${c.replace(/_id$/, '')}s`) : textOf(mods.get('on')?.positional[0]);
    return {
      alter: mods.has('change'),
      notNull: !nullable,
      dflt: dflt ? sqlDefault(dflt, laravelDefault) : mods.has('useCurrent') ? 'CURRENT_TIMESTAMP' : undefined,
      ref: ref ? { table: ref, column: 'id' } : undefined,
    };
  },
  // `$table->enum('status', ['draft', 'sent'])`: `varchar(255) check ("status" in ('draft', 'sent'))` on Postgres.
  check: (method, c, args) => (method === 'enum' ? enumCheck(c, args.positional[1]) : undefined),
  // `$table->dropIndex('name')` or `$table->dropIndex(['a', 'b'])` (the name Laravel built for those columns).
  droppedName: (kind, args, t) => {
    const arg = args.positional[0];
    if (arg?.kind === 'list') {
      const cols = namesOf(arg);
      return cols ? `${t}_${cols.join('_')}_${kind}`.toLowerCase().replace(/[-.]/g, '_') : undefined;
    }
    return textOf(arg);
  },
  extra: (scope, method, cols, line) => {
    const dropped = DROPPED_COLUMNS[method.name];
    if (!dropped) return false;
    const t = scope.table;
    const columns = cols?.[0] !== undefined && /^drop(SoftDeletes|SoftDeletesTz|ConstrainedForeignId)$/.test(method.name) ? [cols[0]] : dropped;
    if (columns.length === 0) {
      tr.unknown.push({ line, what: `\`${scope.param}->${method.name}\` with a computed column` });
      return true;
    }
    // `dropConstrainedForeignId('user_id')`: its foreign key, then the column.
    const fk = method.name === 'dropConstrainedForeignId' ? columns.map((c) => schemaSql.dropConstraint(t, `${t}_${c}_foreign`)) : [];
    tr.operations.push(statements(line, `${scope.param}->${method.name}`, t, [...fk, ...columns.map((c) => schemaSql.dropColumn(t, c))]));
    return true;
  },
  foreign: (segs) => {
    const on = textOf(segs.find((s) => s.name === 'on')?.args?.positional[0]);
    return on ? { table: on, column: textOf(segs.find((s) => s.name === 'references')?.args?.positional[0]) ?? 'id' } : undefined;
  },
});

/** PHP's `TRUE`/`False` as well as `true`. */
function laravelDefault(v: Value): string | undefined {
  const name = v.kind === 'chain' ? (v.segments[0]?.name ?? '') : '';
  return /^(true|false)$/i.test(name) ? name.toLowerCase() : undefined;
}

/** Laravel migrations (`Schema::table`/`create` with Blueprint callbacks, `DB::statement`) → Postgres. */
export function translateLaravel(source: string): Translation {
  const tokens = tokenize(source, 'php');
  const region = upRegion(tokens, 'php');
  // The rollback first: the columns it changes back, as they were before `up` (see ColumnStates).
  const restated: ColumnStates = new Map();
  readLaravel(tokens, skipOtherDialects(tokens, region.map((u) => !u)), emptyTranslation('laravel'), { restated });
  const tr = emptyTranslation('laravel');
  if (!hasUpFunction(tokens)) tr.unknown.push({ line: 0, what: 'no `up` function' });
  if (/\$withinTransaction\s*=\s*false/.test(source)) tr.transactional = false;
  const rowWrites = readLaravel(tokens, skipOtherDialects(tokens, region), tr, { prior: restated });
  backfillHazards(tr, rowWrites, 'Move the backfill to its own migration (`public $withinTransaction = false;`) and update in batches (`chunkById`).');
  return tr;
}

/** The schema calls in `region` (the tokens of `up`, or of `down`) into `tr`; returns the lines that write rows. */
function readLaravel(tokens: readonly Token[], region: readonly boolean[], tr: Translation, columns: Pick<BuilderDialect, 'prior' | 'restated'>): number[] {
  const dialect = laravelDialect(tr, columns);
  const scopes: BuilderScope[] = [];
  const rowWrites: number[] = [];
  for (const { at, chain } of scanChains(tokens, 'php', region)) {
    if (chain.kind !== 'chain') continue;
    const head = chain.segments[0] as Segment;
    // `Schema::connection('pgsql')->table(...)`, `DB::connection('pgsql')->statement(...)`: the same call on a named connection.
    const seg = chain.segments.slice(1).find((s, k) => !(k === 0 && s.name === 'connection' && chain.segments.length > 2));
    const scope = scopeAt(scopes, head.name, at);
    if (scope) {
      builderCall(tr, dialect, scope, chain.segments.slice(1), chain.segments[1]?.line ?? chain.line);
      continue;
    }
    if (!seg?.args) continue;
    const call = seg as Segment & { args: NonNullable<Segment['args']> };
    if (head.name === 'Schema' && (seg.name === 'table' || seg.name === 'create')) {
      openTable(tr, scopes, call, `Schema::${seg.name}`, seg.name === 'create', (params) => params[params.length - 1] ?? '$table');
    } else if (head.name === 'Schema' && /^(drop|dropIfExists)$/.test(seg.name)) {
      tableOperation(tr, call, `Schema::${seg.name}`, 'drop');
    } else if (head.name === 'Schema' && seg.name === 'rename') {
      tableOperation(tr, call, 'Schema::rename', 'rename');
    } else if (head.name === 'DB' && (seg.name === 'statement' || seg.name === 'unprepared')) {
      const sql = rawOrUnknown(tr, seg.line, `DB::${seg.name}`, seg.args.positional[0]);
      if (sql !== undefined && WRITES_ROWS.test(sql)) rowWrites.push(seg.line);
    } else if (head.name !== 'Schema' && /^[A-Z]/.test(head.name)) {
      // `DB::table('t')->update(...)`, `DB::update(...)`, `Post::query()->chunk(100, ...)`: rows written by PHP.
      const write = chain.segments.slice(1).find((s) => ROW_WRITES.has(s.name) && s.args);
      if (write && (head.name !== 'DB' || seg.name === 'table' || seg === write)) rowWrites.push(write.line);
    }
  }
  return rowWrites;
}

/** Query-builder and Eloquent calls that write rows (or walk them to write each one). */
const ROW_WRITES: ReadonlySet<string> = new Set(['update', 'insert', 'delete', 'upsert', 'updateOrInsert', 'increment', 'decrement', 'forceDelete', 'chunk', 'chunkById', 'each', 'eachById', 'lazy', 'lazyById', 'cursor']);
