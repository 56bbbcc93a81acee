import { sqlStatements } from './sqlStatements.js';

/** An index statement Postgres refuses inside a transaction block, at its 1-based line in the script. */
export interface ConcurrentInTransaction {
  line: number;
  statement: 'DROP INDEX CONCURRENTLY' | 'REINDEX CONCURRENTLY';
}

/**
 * `DROP INDEX CONCURRENTLY` and `REINDEX … CONCURRENTLY` between `BEGIN` and `COMMIT`: Postgres refuses them
 * ("cannot run inside a transaction block"), so the migration fails when it is deployed. squawk reports only
 * the `CREATE INDEX CONCURRENTLY` case (ban-concurrent-index-creation-in-transaction). The script is what
 * squawk lints: a `.sql` file as written, or a framework migration with the `BEGIN`/`COMMIT` the framework
 * runs it in. Pure.
 */
export function concurrentInTransaction(sql: string): ConcurrentInTransaction[] {
  const out: ConcurrentInTransaction[] = [];
  let open = false;
  for (const s of sqlStatements(sql)) {
    if (s.first < 0) continue;
    const text = sql.slice(s.first, s.last + 1).replace(/\s+/g, ' ');
    if (/^(?:BEGIN|START TRANSACTION)\b/i.test(text)) open = true;
    else if (/^(?:COMMIT|END|ABORT|ROLLBACK)\b/i.test(text)) open = staysOpen(text, open);
    else if (!open) continue;
    else if (/^DROP INDEX CONCURRENTLY\b/i.test(text)) out.push({ line: lineAt(sql, s.first), statement: 'DROP INDEX CONCURRENTLY' });
    else if (/^REINDEX\b/i.test(text) && /\bCONCURRENTLY\b/i.test(text)) out.push({ line: lineAt(sql, s.first), statement: 'REINDEX CONCURRENTLY' });
  }
  return out;
}

/** After a statement that ends a transaction: `COMMIT AND CHAIN` opens the next at once, `ROLLBACK TO SAVEPOINT` stays in this one. */
function staysOpen(text: string, open: boolean): boolean {
  if (/\bAND CHAIN\b/i.test(text)) return true;
  if (/^ROLLBACK(?: WORK| TRANSACTION)? TO\b/i.test(text)) return open;
  return false;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
