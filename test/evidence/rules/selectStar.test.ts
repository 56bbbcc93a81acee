import { describe, expect, it } from 'vitest';
import { selectStar } from '../../../src/evidence/rules/selectStar.js';
import { fileFromLines, newFile } from '../diffHelpers.js';

const lines = (code: string[], path = 'src/repo.ts') => selectStar.check(newFile(path, code)).map((f) => f.line);

describe('select-star', () => {
  it('flags SELECT * and SELECT t.* in new queries, any case, as minor', () => {
    expect(lines(["db.query('SELECT * FROM orders WHERE id = $1', [id]);", 'const q = `select o.* from orders o`;', "  SELECT *", "  FROM users"])).toEqual([1, 2]);
    const [finding] = selectStar.check(newFile('app/q.py', ['rows = session.execute(text("select * from invoices"))']));
    expect(finding).toMatchObject({ line: 1, severity: 'minor', category: 'performance', source: { id: 'select-star' } });
  });

  it('does not flag COUNT(*), EXISTS (SELECT *), comments, prose or unchanged lines', () => {
    expect(
      lines([
        "db.query('SELECT COUNT(*) FROM orders');",
        "db.query('SELECT id FROM t WHERE EXISTS (SELECT * FROM u WHERE u.t_id = t.id)');",
        "// SELECT * FROM users is what we used to do",
        'const note = "select * to pick everything";',
      ]),
    ).toEqual([]);
    expect(selectStar.check(fileFromLines('src/repo.ts', [" db.query('SELECT * FROM orders');", '+const x = 1 * 2;']))).toEqual([]);
  });
});
