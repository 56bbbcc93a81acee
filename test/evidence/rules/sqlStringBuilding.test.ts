import { describe, expect, it } from 'vitest';
import { sqlStringBuilding } from '../../../src/evidence/rules/sqlStringBuilding.js';
import { fileFromLines, newFile } from '../diffHelpers.js';

const lines = (path: string, code: string[]) => sqlStringBuilding.check(newFile(path, code)).map((f) => f.line);

describe('sql-string-building', () => {
  it('flags concatenation of request input into a query as a blocker', () => {
    const findings = sqlStringBuilding.check(
      newFile('src/routes/users.ts', [
        "router.get('/users', async (req, res) => {",
        "  const rows = await db.query(\"SELECT id FROM users WHERE name = '\" + req.query.name + \"'\");",
        '});',
      ]),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      line: 2,
      severity: 'blocker',
      category: 'security',
      title: 'SQL built by string concatenation with request input',
      source: { kind: 'rule', id: 'sql-string-building', url: 'docs/rules.md#sql-string-building' },
    });
  });

  it('flags interpolation in template literals, including multi-line ones, on the line of the value', () => {
    expect(lines('src/repo.ts', ['const r = await db.query(`SELECT * FROM orders WHERE user_id = ${userId}`);'])).toEqual([1]);
    expect(
      lines('src/repo.ts', ['const r = await pool.query(`', '  SELECT id, total', '  FROM orders', '  WHERE status = \'${status}\'', '`);']),
    ).toEqual([4]);
  });

  it('flags Python f-strings, % and .format() passed to execute', () => {
    expect(lines('app/db.py', ['cursor.execute(f"SELECT * FROM users WHERE email = \'{email}\'")'])).toEqual([1]);
    expect(lines('app/db.py', ['cursor.execute("DELETE FROM sessions WHERE user_id = %s" % user_id)'])).toEqual([1]);
    expect(lines('app/db.py', ['cur.execute("select id from t where name = \'{}\'".format(name))'])).toEqual([1]);
  });

  it('reads lower-case SQL inside calls that run SQL', () => {
    expect(
      lines('app/views.py', [
        'User.objects.raw("insert into names (name) values (\'%s\')" % username)',
        'User.objects.annotate(RawSQL("select id from t where name = \'%s\'" % name))',
      ]),
    ).toEqual([1, 2]);
  });

  it('flags Java, Go, Ruby and PHP string building', () => {
    expect(lines('src/main/java/Repo.java', ['String q = "SELECT * FROM accounts WHERE id = " + accountId;'])).toEqual([1]);
    expect(lines('internal/repo.go', ['q := fmt.Sprintf("SELECT id FROM users WHERE name = \'%s\'", name)'])).toEqual([1]);
    expect(lines('app/models/user.rb', ['User.find_by_sql("SELECT * FROM users WHERE name = \'#{params[:name]}\'")'])).toEqual([1]);
    expect(lines('src/Repo.php', ['$rows = $db->query("SELECT * FROM users WHERE id = $id");'])).toEqual([1]);
  });

  it('flags a SQL fragment continued by concatenation on the next line', () => {
    expect(lines('src/repo.ts', ['const sql = "SELECT id FROM users WHERE org = \'" +', '  orgId + "\'";'])).toEqual([1]);
  });

  it('does not flag parameterised queries or tagged templates', () => {
    expect(
      lines('src/repo.ts', [
        "await db.query('SELECT id FROM users WHERE id = $1', [id]);",
        'await sql`SELECT * FROM users WHERE id = ${id}`;',
        'await prisma.$queryRaw`SELECT id FROM users WHERE email = ${email}`;',
        'const q = knex("users").where({ id });',
      ]),
    ).toEqual([]);
    expect(lines('app/db.py', ['cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))'])).toEqual([]);
    expect(lines('internal/repo.go', ['row := db.QueryRow(`SELECT id FROM users WHERE id = $1`, id)'])).toEqual([]);
  });

  it('does not flag prose, logs, literal-only concatenation or safe interpolations', () => {
    expect(
      lines('src/ui.ts', [
        'console.log("Select a user from the list: " + name);',
        'logger.info(`Updated ${count} rows`);',
        'const q = "SELECT id, name " +',
        '  "FROM users WHERE id = $1";',
        'const inList = `SELECT id FROM users WHERE id IN (${placeholders})`;',
        'const page = `SELECT id FROM users ORDER BY id LIMIT ${PAGE_SIZE}`;',
        '// db.query("SELECT * FROM users WHERE id = " + id)',
      ]),
    ).toEqual([]);
  });

  it('reports only lines added by the change', () => {
    const file = fileFromLines('src/repo.ts', [' const q = "SELECT * FROM users WHERE id = " + id;', '+const other = 1;']);
    expect(sqlStringBuilding.check(file)).toEqual([]);
  });

  it('is a major finding when the value is not visibly request input', () => {
    const [finding] = sqlStringBuilding.check(newFile('src/repo.ts', ['return db.query("SELECT * FROM t WHERE id = " + id);']));
    expect(finding?.severity).toBe('major');
  });
});
