import { describe, expect, it } from 'vitest';
import { blankUnparsable } from '../../src/evidence/blankUnparsable.js';
import { lintTheRest } from '../../src/evidence/lintTheRest.js';
import { sqlStatements } from '../../src/evidence/sqlStatements.js';
import type { SquawkViolation } from '../../src/evidence/squawkFindings.js';

const texts = (sql: string) => sqlStatements(sql).filter((s) => s.first >= 0).map((s) => sql.slice(s.first, s.last + 1));

describe('sqlStatements', () => {
  it('splits at top-level semicolons and covers the whole script', () => {
    const sql = 'SELECT 1;\n  SELECT 2 ;\n-- tail';
    const all = sqlStatements(sql);
    expect(texts(sql)).toEqual(['SELECT 1;', 'SELECT 2 ;']);
    expect(all.map((s) => [s.start, s.end])).toEqual([[0, 9], [9, 22], [22, sql.length]]);
  });

  it('does not split inside strings, quoted names, dollar quotes or comments', () => {
    const sql = [
      "INSERT INTO t VALUES ('a;b', 'it''s; fine');",
      'SELECT "odd;name" FROM t;',
      'CREATE FUNCTION f() RETURNS int AS $fn$ BEGIN RETURN 1; END $fn$ LANGUAGE plpgsql;',
      'SELECT $$;$$;',
      "SELECT E'\\';' ;",
      '/* a; /* nested; */ still; */ SELECT 3; -- c; d',
      'SELECT a$b FROM t;',
    ].join('\n');
    expect(texts(sql)).toEqual([
      "INSERT INTO t VALUES ('a;b', 'it''s; fine');",
      'SELECT "odd;name" FROM t;',
      'CREATE FUNCTION f() RETURNS int AS $fn$ BEGIN RETURN 1; END $fn$ LANGUAGE plpgsql;',
      'SELECT $$;$$;',
      "SELECT E'\\';' ;",
      'SELECT 3;',
      'SELECT a$b FROM t;',
    ]);
  });

  it('reads a backslash in a standard string as a character, as Postgres does', () => {
    expect(texts("SELECT 'a\\'; SELECT 2;")).toEqual(["SELECT 'a\\';", 'SELECT 2;']);
  });

  it('runs an unterminated string, dollar quote or comment to the end of the script', () => {
    expect(texts("SELECT 1; SELECT 'x; SELECT 2;")).toEqual(['SELECT 1;', "SELECT 'x; SELECT 2;"]);
    expect(texts('SELECT $q$ x; SELECT 2;')).toEqual(['SELECT $q$ x; SELECT 2;']);
    expect(sqlStatements('/* open; SELECT 1;').map((s) => s.first)).toEqual([-1]);
  });
});

describe('blankUnparsable', () => {
  const sql = 'ALTER TABLE a ADD COLUMN b int;\nALTER TABLE a MODIFY c int\n  NOT NULL;\nCREATE INDEX i ON a (b);';

  it('blanks the statement holding the error, keeping every newline and offset', () => {
    const out = blankUnparsable(sql, [{ line: 1, column: 14, message: 'expected command, found IDENT' }]);
    expect(out?.content).toBe('ALTER TABLE a ADD COLUMN b int;\n' + ' '.repeat(26) + '\n' + ' '.repeat(11) + '\nCREATE INDEX i ON a (b);');
    expect(out?.leftOut).toEqual([{ line: 2, endLine: 3, message: 'expected command, found IDENT' }]);
    expect(out?.rest).toBe(true);
  });

  it('reads squawk\'s column as a UTF-8 byte offset', () => {
    // `é` is two bytes: byte 25 is the `M` of MODIFY in the second statement, character 24.
    const line = "SELECT 'é'; ALTER TABLE a MODIFY c int;";
    const out = blankUnparsable(line, [{ line: 0, column: 25, message: 'm' }]);
    expect(out?.content).toBe("SELECT 'é';" + ' '.repeat(line.length - 11));
  });

  it('gives an error at the end of the file to the last statement, and says when nothing is left', () => {
    const out = blankUnparsable('SELECT (1;\n', [{ line: 1, column: 0, message: 'expected R_PAREN' }]);
    expect(out).toMatchObject({ leftOut: [{ line: 1, endLine: 1 }], rest: false });
  });

  it('is undefined for a script with no statements', () => {
    expect(blankUnparsable('-- nothing\n', [{ line: 0, column: 0, message: 'x' }])).toBeUndefined();
  });
});

describe('lintTheRest', () => {
  const syntax = (file: string, line: number): SquawkViolation => ({ file, line, column: 0, level: 'Error', message: `bad ${line}`, rule_name: 'syntax-error' });
  const five = ['SELECT 1;', 'SELECT 2;', 'SELECT 3;', 'SELECT 4;', 'SELECT 5;'].join('\n');

  it('stops after maxRetries rounds even when each round finds a new statement it cannot parse', async () => {
    const rounds: string[][] = [];
    // A squawk that, every time, cannot parse the next statement.
    const rerun = async (files: ReadonlyMap<string, string>) => {
      rounds.push([...files.keys()]);
      return [syntax('a.sql', rounds.length)];
    };
    const { violations, leftOut } = await lintTheRest([syntax('a.sql', 0)], new Map([['a.sql', five]]), rerun, 3);
    expect(rounds).toEqual([['a.sql'], ['a.sql'], ['a.sql']]);
    expect(leftOut.get('a.sql')?.statements.map((s) => s.line)).toEqual([1, 2, 3]);
    // Still unparsable after the last round: its syntax error stays, for the "could not parse" note.
    expect(violations).toEqual([syntax('a.sql', 3)]);
  });

  it('runs one retry for every affected file together and none for a clean file', async () => {
    const rounds: string[][] = [];
    const rerun = async (files: ReadonlyMap<string, string>) => {
      rounds.push([...files.keys()].sort());
      return [];
    };
    const clean: SquawkViolation = { file: 'c.sql', line: 0, level: 'Warning', message: 'index', rule_name: 'require-concurrent-index-creation' };
    const contents = new Map([['a.sql', five], ['b.sql', five], ['c.sql', 'CREATE INDEX i ON t (a);']]);
    const { violations } = await lintTheRest([syntax('a.sql', 1), syntax('b.sql', 4), clean], contents, rerun, 3);
    expect(rounds).toEqual([['a.sql', 'b.sql']]);
    expect(violations).toEqual([clean]);
    expect(contents.get('a.sql')).toBe(five);
  });

  it('reports a file as the first run did when the retry fails', async () => {
    const first = [syntax('a.sql', 1)];
    const { violations, leftOut } = await lintTheRest(first, new Map([['a.sql', five]]), async () => undefined, 3);
    expect(violations).toEqual(first);
    expect(leftOut.size).toBe(0);
  });
});
