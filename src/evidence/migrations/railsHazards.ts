import { backfillHazard } from './schemaSql.js';
import { hazard, type Hazard } from './Translation.js';

// The hazards of Rails migrations that no SQL statement shows.

export function concurrentInTransaction(line: number): Hazard {
  return hazard(
    line,
    'concurrent-index-in-transaction',
    'blocker',
    'Concurrent index in a migration that runs in a transaction',
    'Postgres cannot build or drop an index `CONCURRENTLY` inside a transaction, and Rails wraps each migration in one: the migration fails. Add `disable_ddl_transaction!` to the migration class (and keep the index in its own migration).',
  );
}

export function railsBackfill(line: number, what: string): Hazard {
  return backfillHazard(
    line,
    'Move the backfill to its own migration with `disable_ddl_transaction!` and update in batches (`in_batches(of: 10_000).update_all(...)`, with a pause between batches).',
    `\`${what}\` rewrites rows in the same transaction as the schema change: the locks taken by the schema change are held until every row is written.`,
  );
}

export function jsonColumn(line: number, column: string, table: string): Hazard {
  return hazard(
    line,
    'json-column',
    'minor',
    `\`json\` column ${table}.${column}: use \`jsonb\``,
    'Postgres has no equality operator for `json`, so `SELECT DISTINCT` and `uniq` on queries that include this column fail. Use `jsonb`.',
  );
}

export function wideIndex(line: number, count: number): Hazard {
  return hazard(
    line,
    'wide-non-unique-index',
    'minor',
    `Non-unique index on ${count} columns`,
    'A non-unique index over more than three columns rarely helps more than one over its first columns, and costs every write. Keep the columns that narrow the search most.',
  );
}

export function autoIncrement(line: number, column: string): Hazard {
  return hazard(
    line,
    'auto-increment-column',
    'major',
    `Auto-incrementing column \`${column}\` rewrites the table`,
    'Adding a `serial`/`bigserial` column fills every existing row from the sequence: the table is rewritten under an exclusive lock. Create the column, the sequence and the default separately, and backfill in batches.',
  );
}

export function createTableForce(line: number, table: string): Hazard {
  return hazard(
    line,
    'create-table-force',
    'major',
    `\`create_table :${table}, force:\` drops an existing table`,
    '`force: true`/`:cascade` drops the table (and with `:cascade` every foreign key pointing at it) when it already exists: data is lost silently. Remove `force:` from migrations.',
  );
}
