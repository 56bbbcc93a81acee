import { describe, expect, it } from 'vitest';
import { concurrentInTransaction } from '../../src/evidence/concurrentInTransaction.js';

describe('concurrentInTransaction', () => {
  it('finds DROP INDEX CONCURRENTLY and REINDEX … CONCURRENTLY between BEGIN and COMMIT, at their lines', () => {
    const sql = ['BEGIN;', 'DROP INDEX CONCURRENTLY "ix_ledger_old";', '-- a comment', 'REINDEX INDEX', '  CONCURRENTLY ix_ledger_day;', 'COMMIT;'].join('\n');
    expect(concurrentInTransaction(sql)).toEqual([
      { line: 2, statement: 'DROP INDEX CONCURRENTLY' },
      { line: 4, statement: 'REINDEX CONCURRENTLY' },
    ]);
  });

  it('says nothing outside a transaction block, or once it is committed, ended or rolled back', () => {
    expect(concurrentInTransaction('DROP INDEX CONCURRENTLY ix_a;\nREINDEX (CONCURRENTLY) TABLE t;')).toEqual([]);
    for (const end of ['COMMIT', 'END', 'ROLLBACK', 'ABORT', 'commit work'])
      expect(concurrentInTransaction(`BEGIN;\nDROP INDEX ix_a;\n${end};\nDROP INDEX CONCURRENTLY ix_b;`)).toEqual([]);
  });

  it('stays in the transaction after ROLLBACK TO SAVEPOINT and COMMIT AND CHAIN', () => {
    const sql = ['START TRANSACTION;', 'SAVEPOINT s;', 'ROLLBACK TO SAVEPOINT s;', 'COMMIT AND CHAIN;', 'DROP INDEX CONCURRENTLY ix_c;', 'COMMIT;'].join('\n');
    expect(concurrentInTransaction(sql)).toEqual([{ line: 5, statement: 'DROP INDEX CONCURRENTLY' }]);
  });

  it('does not read statements inside strings or function bodies', () => {
    const sql = ['BEGIN;', "SELECT 'DROP INDEX CONCURRENTLY ix';", 'CREATE FUNCTION f() RETURNS void AS $$ BEGIN NULL; END $$ LANGUAGE plpgsql;', 'DROP INDEX ix_d;', 'COMMIT;'].join('\n');
    expect(concurrentInTransaction(sql)).toEqual([]);
  });
});
