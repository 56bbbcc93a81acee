import { describe, expect, it } from 'vitest';
import { astEvidence } from '../../../src/evidence/ast/astEvidence.js';
import { loadAstGrep, tryLoad } from '../../../src/evidence/ast/astGrep.js';
import { loadAstRules } from '../../../src/evidence/ast/loadAstRules.js';
import { FILE_BUDGET_MS, runAstRules } from '../../../src/evidence/ast/runAstRules.js';
import { MAX_LINE_CHARS } from '../../../src/evidence/ast/skipReason.js';
import { fileFromLines, newFile } from '../diffHelpers.js';

const engine = loadAstGrep();
if ('error' in engine) throw new Error(engine.error);
const ids = (r: Awaited<ReturnType<typeof astEvidence>>) => r.findings.map((f) => `${f.line} ${f.source.id}`);

describe('astEvidence on diffs', () => {
  it('names the rule and links the public reference it cites while our docs are unpublished (a page that exists)', async () => {
    const { findings } = await astEvidence([newFile('src/api/users.ts', ['export async function q(req) {', '  return db.query(`SELECT id FROM t WHERE id = ${req.query.id}`);', '}'])]);
    expect(findings).toEqual([
      expect.objectContaining({ path: 'src/api/users.ts', line: 2, severity: 'blocker', source: { kind: 'rule', id: 'sql-injection', url: 'https://owasp.org/www-community/attacks/SQL_Injection' } }),
    ]);
  });

  it('follows request data through statements the diff shows as context (a query built over several statements)', async () => {
    const file = fileFromLines('app/views.py', [
      ' def search(request):',
      '     name = request.GET["name"]',
      '     query = "SELECT id FROM users WHERE name = \'%s\'" % name',
      '+    cursor.execute(query)',
      ' ',
    ], 20);
    expect(ids(await astEvidence([file]))).toEqual(['23 sql-injection']);
  });

  it('reports only where a match touches an added line', async () => {
    const file = fileFromLines('src/repo.js', [' function f(id) {', '   return db.query("SELECT name FROM t WHERE id = " + id);', ' }', '+const x = 1;'], 5);
    expect(ids(await astEvidence([file]))).toEqual([]);
  });

  it('does not flag bound parameters, constants or words in log strings', async () => {
    const file = newFile('src/routes/a.js', [
      "router.get('/a', requireAuth, async (req, res) => {",
      "  const rows = await db.query('SELECT id FROM t WHERE id = $1', [req.query.id]);",
      "  const LIMIT = 10;",
      "  await db.query('SELECT id FROM t LIMIT ' + LIMIT);",
      "  console.log('password reset requested', req.query.id);",
      '  res.json(rows);',
      '});',
    ]);
    expect(ids(await astEvidence([file]))).toEqual([]);
  });

  it('notes languages the rules do not read instead of passing them silently', async () => {
    const result = await astEvidence([newFile('src/Main.scala', ['object A']), newFile('src/B.scala', ['object B']), newFile('x.swift', ['let a = 1'])]);
    expect(result.findings).toEqual([]);
    expect(result.notes).toEqual(['Code rules do not read .scala files yet (2 files not checked by them).', 'Code rules do not read .swift files yet (1 file not checked by them).']);
  });

  it('reads Java, Kotlin, PHP and C# changes, following request data within the method', async () => {
    const java = fileFromLines('src/main/java/com/acme/UserController.java', [
      '   public User find(HttpServletRequest request) throws SQLException {',
      '     String id = request.getParameter("id");',
      '+    ResultSet rs = stmt.executeQuery("SELECT * FROM users WHERE id = " + id);',
      '+    PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE id = ?");',
      '   }',
    ], 40);
    const kotlin = newFile('src/main/kotlin/Tools.kt', ['fun ping(host: String) {', '    Runtime.getRuntime().exec("ping -c 1 $host")', '}']);
    const csharp = newFile('Controllers/FilesController.cs', [
      'class FilesController : Controller {',
      '  public string Read([FromQuery] string name) => System.IO.File.ReadAllText(Path.Combine("/srv", "static.txt")) + System.IO.File.ReadAllText(name);',
      '}',
    ]);
    expect(ids(await astEvidence([java, kotlin, csharp]))).toEqual(['42 sql-injection', '2 command-injection', '2 path-traversal']);
  });

  it('reads a PHP fragment whose opening tag is out of view, keeping its line numbers', async () => {
    const php = fileFromLines('app/Http/Controllers/UserController.php', [
      '     public function index(Request $request)',
      '     {',
      '+        return DB::select("SELECT * FROM users WHERE role = \'{$request->input(\'role\')}\'");',
      '+        $cart = unserialize($_COOKIE["cart"]);',
      '     }',
    ], 30);
    expect(ids(await astEvidence([php])).sort()).toEqual(['32 sql-injection', '33 insecure-deserialization']);
  });

  it('says which language was not read when its parser package is missing, and still reads the others', async () => {
    const withoutJava = { sg: engine.sg, unreadable: new Map([['java', '@ast-grep/lang-java is not installed (Cannot find module)']] as const) };
    const result = await astEvidence([newFile('src/A.java', ['class A {}']), newFile('src/a.py', ['import os', 'os.system("ls " + d)'])], withoutJava);
    expect(ids(result)).toEqual(['2 command-injection']);
    expect(result.notes).toEqual(['Code rules did not read 1 Java file: @ast-grep/lang-java is not installed (Cannot find module). See docs/action.md.']);
  });

  it('says the code rules did not run when the native engine is missing, and finds nothing', async () => {
    const missing = tryLoad('file:///nonexistent/dir/x.js');
    expect('error' in missing).toBe(true);
    const result = await astEvidence([newFile('src/a.ts', ['db.query("SELECT 1 FROM t WHERE id = " + req.query.id);'])], missing);
    expect(result.findings).toEqual([]);
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]).toMatch(/^The code rules did not run: @ast-grep\/napi is not installed \(.+\)\. See docs\/action\.md\.$/);
  });
});

describe('bad input', () => {
  const rules = loadAstRules();
  const run = (path: string, source: string, lang: 'typescript' | 'python' | 'javascript' = 'typescript') => runAstRules(engine.sg, rules, { path, lang, source, whole: true });

  it('skips a file that does not parse as its language, with a note', () => {
    // Text a rule looks for (so the file is parsed at all), in something that is not TypeScript.
    const result = run('src/broken.ts', '}}}} ))) db.query( ]]] <<<< @@@ ### $$$ %%%\n'.repeat(50));
    expect(result).toEqual({ findings: [], notes: ['Code rules skipped src/broken.ts: it does not parse as typescript.'] });
  });

  it('skips minified and generated code, with a note', () => {
    expect(run('public/app.min.js', 'db.query("SELECT " + req.query.x)', 'javascript').notes).toEqual(['Code rules skipped public/app.min.js: minified, vendored or built output.']);
    const generated = '// Code generated by protoc-gen-go. DO NOT EDIT.\ndb.query("SELECT " + req.query.x);';
    expect(run('src/gen.ts', generated)).toEqual({ findings: [], notes: ['Code rules skipped src/gen.ts: generated code (marked as such in its header).'] });
    const minified = `var a=1;${'b(c,d);'.repeat(MAX_LINE_CHARS)}`;
    expect(run('src/bundle.js', minified, 'javascript').notes[0]).toMatch(/^Code rules skipped src\/bundle\.js: a line of [\d,]+ characters \(minified or generated code\)\.$/);
  });

  it('skips a 1 MB line quickly, never parsing it', () => {
    const started = performance.now();
    const result = run('app/data.py', `x = "${'a'.repeat(1024 * 1024)}"\n`, 'python');
    expect(result.findings).toEqual([]);
    expect(result.notes).toEqual(['Code rules skipped app/data.py: larger than 512 KiB.']);
    // A bound, not a benchmark: far above the real cost, far below a stuck review.
    expect(performance.now() - started).toBeLessThan(FILE_BUDGET_MS);
  });

  it('runs every rule on a large ordinary file and reports on its lines', async () => {
    const body = Array.from({ length: 3000 }, (_, i) => `  const v${i} = await db.query('SELECT id FROM t WHERE id = $1', [id${i}]);`).join('\n');
    const result = run('src/big.ts', `async function f() {\n${body}\n  await db.query("SELECT id FROM t WHERE id = " + req.query.id);\n}`);
    expect(result.notes).toEqual([]);
    expect(result.findings.map((f) => `${f.line} ${f.source.id}`)).toEqual(['3002 sql-injection']);
  });
});

describe('time bounds', () => {
  it('names the files a spent review budget did not reach, and reports nothing for them', async () => {
    const files = Array.from({ length: 7 }, (_, i) => newFile(`src/api/q${i}.ts`, ['export async function q(req) {', '  return db.query(`SELECT id FROM t WHERE id = ${req.query.id}`);', '}']));
    expect((await astEvidence(files)).findings).toHaveLength(7);
    const spent = await astEvidence([...files, newFile('README.md', ['# x'])], undefined, { budgetMs: 0 });
    expect(spent.findings).toEqual([]);
    expect(spent.notes).toEqual([
      'Code rules do not read .md files yet (1 file not checked by them).',
      "Code rules did not analyse 7 files: the review's time budget of 0 s ran out (src/api/q0.ts, src/api/q1.ts, src/api/q2.ts, src/api/q3.ts, src/api/q4.ts and 2 more).",
    ]);
  });

  it('does not load the native engine for a diff without code', async () => {
    const missing = tryLoad('file:///nonexistent/dir/x.js');
    expect((await astEvidence([newFile('docs/a.md', ['# a'])], missing)).notes).toEqual(['Code rules do not read .md files yet (1 file not checked by them).']);
  });
});

describe('the per-file budget', () => {
  it('names the rules it did not run once a file has used its time', async () => {
    const source = 'router.get("/a", async (req, res) => {\n  const rows = await db.query("SELECT id FROM t WHERE id = " + req.query.id);\n  res.json(rows);\n});\n';
    const rules = loadAstRules(undefined, ['javascript']);
    const full = runAstRules(engine.sg, rules, { path: 'src/routes/a.ts', lang: 'typescript', source, whole: true });
    expect(full.findings.map((f) => f.source.id)).toContain('sql-injection');
    const spent = runAstRules(engine.sg, rules, { path: 'src/routes/a.ts', lang: 'typescript', source, whole: true, budgetMs: -1 });
    expect(spent.findings).toEqual([]);
    expect(spent.notes).toHaveLength(1);
    expect(spent.notes[0]).toMatch(/^Code rules stopped early on src\/routes\/a\.ts \(over 0 ms\); not run: [a-z-]+(, [a-z-]+)*\.$/);
    expect(spent.notes[0]).toContain('sql-injection');
  });
});

describe('parsing ahead', () => {
  it('gives, file for file, the findings and notes of running the rules on each file alone', async () => {
    const rules = loadAstRules();
    const files = [
      newFile('src/api/a.ts', ['export async function q(req) {', '  return db.query(`SELECT id FROM t WHERE id = ${req.query.id}`);', '}']),
      newFile('app/views.py', ['import os', 'def run(request):', '    os.system("ls " + request.GET["d"])']),
      newFile('public/app.min.js', ['db.query("SELECT " + req.query.x)']),
      newFile('src/plain.ts', ['export const one = 1;']),
      newFile('internal/h.go', ['package h', 'func H(w http.ResponseWriter, r *http.Request) {', '\tdb.Query("SELECT id FROM t WHERE id = " + r.URL.Query().Get("id"))', '}']),
      newFile('src/api/b.js', ['router.get("/a", async (req, res) => {', '  res.json(await db.query("SELECT id FROM t WHERE id = " + req.query.id));', '});']),
    ];
    const alone = files.map((f) => {
      const lang = f.path.endsWith('.py') ? 'python' : f.path.endsWith('.go') ? 'go' : f.path.endsWith('.ts') ? 'typescript' : 'javascript';
      const source = f.added.map((l) => l.text).join('\n');
      return runAstRules(engine.sg, rules, { path: f.path, lang, source, whole: true, added: new Set(f.added.map((l) => l.line)) });
    });
    const together = await astEvidence(files);
    expect(together.findings).toEqual(alone.flatMap((r) => r.findings));
    expect(together.notes).toEqual(alone.flatMap((r) => r.notes));
    // Something to compare: findings in three languages and a skipped file.
    expect(new Set(together.findings.map((f) => f.path))).toEqual(new Set(['src/api/a.ts', 'app/views.py', 'internal/h.go', 'src/api/b.js']));
    expect(together.notes).toEqual(['Code rules skipped public/app.min.js: minified, vendored or built output.']);
  });
});
