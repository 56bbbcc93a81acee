import { isTrue, option, textOf, type Args, type Value } from './parseValue.js';
import { literal } from './Translation.js';

/** Column type methods of `create_table`/`change_table` blocks (`t.string :name`). */
export const RAILS_COLUMN_TYPES: ReadonlySet<string> = new Set([
  'string', 'text', 'integer', 'bigint', 'float', 'decimal', 'numeric', 'datetime', 'timestamp', 'timestamptz', 'time', 'date',
  'binary', 'blob', 'boolean', 'json', 'jsonb', 'uuid', 'inet', 'cidr', 'macaddr', 'hstore', 'citext', 'xml', 'money', 'interval',
  'virtual', 'primary_key', 'serial', 'bigserial', 'enum', 'ltree', 'point', 'tsvector', 'daterange', 'tsrange', 'int4range', 'bit',
]);

/** Postgres type Rails' adapter writes for a migration type. */
export function railsType(type: string, args: Args): string {
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
export function railsDefault(v: Value): string | undefined {
  if (v.kind === 'sqlexpr') return v.value;
  if (v.kind === 'str' || v.kind === 'sym') return literal(v.value);
  return undefined;
}

/**
 * The default a column of `type` gets: Rails' Postgres adapter writes a string that calls a function
 * (`"gen_random_uuid()"`) on a `uuid` column as SQL, not as a quoted string.
 */
export function railsColumnDefault(type: string, v: Value): Value {
  return type === 'uuid' && v.kind === 'str' && !v.dynamic && /^\s*[\w.]+\(\s*\)\s*$/.test(v.value) ? { kind: 'sqlexpr', value: v.value, line: v.line } : v;
}

export function plural(name: string): string {
  if (/[^aeiou]y$/.test(name)) return name.slice(0, -1) + 'ies';
  if (/(s|x|ch|sh)$/.test(name)) return name + 'es';
  return name + 's';
}

/** `create_join_table :users, :roles` → `roles_users`, unless `table_name:` says otherwise. */
export function joinTableName(args: Args): string | undefined {
  const explicit = textOf(option(args, 'table_name'));
  if (explicit) return explicit;
  const a = textOf(args.positional[0]);
  const b = textOf(args.positional[1]);
  return a && b ? [a, b].sort().join('_') : undefined;
}
