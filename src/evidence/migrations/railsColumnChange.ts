import { option, textOf, type Args } from './parseValue.js';

/** A column's Rails type with the options that size it. */
export interface RailsColumnType {
  type: string;
  limit?: string;
  precision?: string;
  scale?: string;
}

export function railsColumnType(type: string, args: Args): RailsColumnType {
  const limit = textOf(option(args, 'limit'));
  const precision = textOf(option(args, 'precision'));
  const scale = textOf(option(args, 'scale'));
  return { type, ...(limit === undefined ? {} : { limit }), ...(precision === undefined ? {} : { precision }), ...(scale === undefined ? {} : { scale }) };
}

const STRINGS = new Set(['string', 'text', 'citext']);
const DECIMALS = new Set(['decimal', 'numeric']);
/** Types whose precision (`precision:` or, for timestamps, `limit:`) is fractional seconds, 6 when unset. */
const TIMES: Record<string, string> = { datetime: 'timestamp', timestamp: 'timestamp', timestamptz: 'timestamptz', time: 'time', interval: 'interval' };

/**
 * Whether `change_column` from `prior` to `next` makes Postgres rewrite (or re-check) the table. The
 * changes Postgres makes in the catalog only (https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES):
 * to `text` or an unlimited `varchar` from a string type, between `text` and `citext`, a longer `varchar`,
 * a `numeric` with more precision and the same scale (or unconstrained), more fractional seconds on the
 * same time type, `cidr` to `inet`. With `prior` unknown only the first is taken as free, as before.
 */
export function changeRewrites(prior: RailsColumnType | undefined, next: RailsColumnType): boolean {
  const unlimited = next.type === 'text' || (next.type === 'string' && next.limit === undefined);
  if (!prior) return !unlimited;
  if (unlimited || next.type === 'citext') return !STRINGS.has(prior.type);
  if (next.type === 'string') return !(prior.type === 'string' && prior.limit !== undefined && Number(next.limit) >= Number(prior.limit));
  if (DECIMALS.has(next.type)) {
    if (!DECIMALS.has(prior.type)) return true;
    if (next.precision === undefined) return false;
    return prior.precision === undefined || Number(next.precision) < Number(prior.precision) || (next.scale ?? '0') !== (prior.scale ?? '0');
  }
  const time = TIMES[next.type];
  if (time) return TIMES[prior.type] !== time || fraction(next) < fraction(prior);
  if (next.type === 'inet' && prior.type === 'cidr') return false;
  return JSON.stringify(prior) !== JSON.stringify(next);
}

function fraction(t: RailsColumnType): number {
  return Number(t.precision ?? t.limit ?? '6');
}
