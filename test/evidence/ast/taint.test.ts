import { describe, expect, it } from 'vitest';
import type { ParseLanguage } from '../../../src/evidence/ast/astGrep.js';
import { loadAstGrep } from '../../../src/evidence/ast/astGrep.js';
import { loadAstRules } from '../../../src/evidence/ast/loadAstRules.js';
import { runAstRules } from '../../../src/evidence/ast/runAstRules.js';
import { impliesLevel } from '../../../src/evidence/ast/taint.js';

const engine = loadAstGrep();
if ('error' in engine) throw new Error(engine.error);
const { sg } = engine;
const rules = loadAstRules();

/** The rule's findings on a whole handler file, as `line rule`. */
function run(id: string, lang: ParseLanguage, path: string, lines: string[]): string[] {
  const language = lang === 'typescript' || lang === 'tsx' ? 'javascript' : lang;
  const picked = rules.filter((r) => r.id === id && r.language === language);
  const { findings, notes } = runAstRules(sg, picked, { path, lang, source: lines.join('\n'), whole: true });
  expect(notes).toEqual([]);
  return findings.map((f) => `${f.line} ${f.source.id}`);
}

describe('the taint step', () => {
  it('command injection in every language: a blocker with request data, major and saying the source is unknown without it', () => {
    const cases: [ParseLanguage, string, string, string][] = [
      ['javascript', 'jobs/archive.js', "function pack(req, dir) {\n  execSync('tar czf out.tgz ' + dir);\n  execSync('tar czf out.tgz ' + req.query.dir);\n}", 'shell command'],
      ['ruby', 'app/jobs/archive.rb', 'def pack(dir)\n  system("tar czf out.tgz #{dir}")\n  system("tar czf out.tgz #{params[:dir]}")\nend', 'shell command'],
      ['php', 'app/Jobs/Archive.php', "<?php\nfunction pack_dir($dir) {\n  shell_exec('tar czf out.tgz ' . $dir);\n  shell_exec('tar czf out.tgz ' . $_GET['dir']);\n}", 'shell command'],
      ['go', 'jobs/archive.go', 'package jobs\nfunc pack(r *http.Request, dir string) {\n\texec.Command("sh", "-c", "tar czf out.tgz "+dir).Run()\n\texec.Command("sh", "-c", "tar czf out.tgz "+r.FormValue("dir")).Run()\n}', 'shell runs a script'],
    ];
    for (const [lang, path, source, what] of cases) {
      const picked = rules.filter((r) => r.id === 'command-injection' && r.language === lang);
      const { findings } = runAstRules(sg, picked, { path, lang, source, whole: true });
      expect(findings.map((f) => f.severity), lang).toEqual(['major', 'blocker']);
      expect(findings[0]?.body, lang).toMatch(new RegExp(`${what}.*no request data is seen reaching it`, 'i'));
      expect(findings[1]?.body, lang).toMatch(/request data/);
    }
  });

  it('SQL built from values: a blocker when request data reaches it, major and saying the source is unknown otherwise', () => {
    const cases: [ParseLanguage, string, string][] = [
      ['javascript', 'src/orders.js', "function orders(req, status) {\n  db.query('SELECT id FROM orders WHERE status = ' + status);\n  db.query('SELECT id FROM orders WHERE status = ' + req.query.status);\n}"],
      ['python', 'app/orders.py', 'def orders(request, status):\n    cursor.execute("SELECT id FROM orders WHERE status = \'%s\'" % status)\n    cursor.execute("SELECT id FROM orders WHERE status = \'%s\'" % request.GET["status"])'],
      ['ruby', 'app/models/order.rb', 'def orders(status)\n  Order.where("status = \'#{status}\'")\n  Order.where("status = \'#{params[:status]}\'")\nend'],
      ['go', 'orders.go', 'package orders\nfunc orders(r *http.Request, status string) {\n\tdb.Query("SELECT id FROM orders WHERE status = \'" + status + "\'")\n\tdb.Query("SELECT id FROM orders WHERE status = \'" + r.FormValue("status") + "\'")\n}'],
    ];
    for (const [lang, path, source] of cases) {
      const picked = rules.filter((r) => r.id === 'sql-injection' && r.language === lang);
      const { findings } = runAstRules(sg, picked, { path, lang, source, whole: true });
      expect(findings.map((f) => f.severity), lang).toEqual(['major', 'blocker']);
      expect(findings[0]?.body, lang).toMatch(/no request data is seen reaching them/);
      expect(findings[1]?.body, lang).toMatch(/come from request data/);
    }
  });

  it('takes a record looked up by a request key as stored data, not the request\'s; the lookup itself is still a sink', () => {
    expect(run('open-redirect', 'javascript', 'src/routes/site.js', ['export async function visit(req, res) {', '  const user = await User.findById(req.params.id);', '  res.redirect(user.website);', '}'])).toEqual([]);
    expect(run('ssrf', 'ruby', 'app/controllers/hooks_controller.rb', ['def ping', '  hook = WebHook.find(params[:id])', '  Net::HTTP.get(URI(hook.payload_url))', 'end'])).toEqual([]);
    expect(run('path-traversal', 'python', 'app/views.py', ['def download(request):', '    doc = get_object_or_404(Document, pk=request.GET["id"])', '    return FileResponse(open(doc.path, "rb"))'])).toEqual([]);
    // The request's own value beside it is still reported, and so is SQL built inside the lookup.
    expect(run('open-redirect', 'javascript', 'src/routes/site.js', ['export async function visit(req, res) {', '  const user = await User.findById(req.params.id);', '  res.redirect(req.query.back || user.website);', '}'])).toEqual(['3 open-redirect']);
    expect(run('sql-injection', 'ruby', 'app/models/user.rb', ['def by_name', '  User.find_by("name = \'#{params[:name]}\'")', 'end'])).toEqual(['2 sql-injection']);
  });

  it('knows which levels include another by construction, and only those (the order two-severity rules are asked in)', () => {
    expect(impliesLevel('request', 'built')).toBe(true);
    expect(impliesLevel('dynamic', 'dynamic')).toBe(true);
    expect(impliesLevel('built', 'request')).toBe(false);
    expect(impliesLevel('request', 'dynamic')).toBe(false);
  });

  it('takes command-line arguments and standard input as the operator\'s, not request data', () => {
    // A script that opens the file named on its command line is what command-line tools do.
    expect(run('path-traversal', 'python', 'scripts/dump.py', ['import sys', 'def main():', '    with open(sys.argv[1]) as f:', '        print(f.read())'])).toEqual([]);
    expect(run('path-traversal', 'python', 'scripts/ask.py', ['def main():', '    name = input("file? ")', '    return open(name).read()'])).toEqual([]);
    expect(run('path-traversal', 'javascript', 'scripts/dump.js', ['function main() {', '  return fs.readFileSync(process.argv[2], "utf8");', '}'])).toEqual([]);
    expect(run('path-traversal', 'go', 'cmd/dump/main.go', ['package main', 'func main() {', '\tdata, _ := os.ReadFile(os.Args[1])', '\tfmt.Println(string(data))', '}'])).toEqual([]);
    expect(run('path-traversal', 'ruby', 'bin/dump.rb', ['def main', '  File.read(ARGV[0])', 'end'])).toEqual([]);
    // The same calls with request data stay blockers.
    expect(run('path-traversal', 'python', 'app/views.py', ['def show(request):', '    with open(request.GET["f"]) as f:', '        return f.read()'])).toEqual(['2 path-traversal']);
    // A shell command built from them: not a constant, so the weaker form (major), not the blocker.
    const picked = rules.filter((r) => r.id === 'command-injection' && r.language === 'python');
    const { findings } = runAstRules(sg, picked, { path: 'scripts/run.py', lang: 'python', source: 'import os, sys\ndef main():\n    os.system("ls " + sys.argv[1])', whole: true });
    expect(findings.map((f) => `${f.line} ${f.severity}`)).toEqual(['3 major']);
  });

  it('reports a rule\'s weaker form (sourceUnknown) at its own severity and message when no request data is seen, the full form otherwise', () => {
    const picked = rules.filter((r) => r.id === 'command-injection' && r.language === 'python');
    const source = [
      'def rotate(request, name):',
      '    os.system(compose_rotation())',
      '    os.system("logrotate " + name)',
      '    os.system("logrotate " + request.POST["conf"])',
      '    os.system(compose_rotation()); os.system(request.GET["extra"])',
      '    os.system(str(7))',
    ].join('\n');
    const { findings } = runAstRules(sg, picked, { path: 'app/views.py', lang: 'python', source, whole: true });
    expect(findings.map((f) => `${f.line} ${f.severity}`)).toEqual(['2 major', '3 major', '4 blocker', '5 blocker']);
    expect(findings[0]?.body).toMatch(/unknown/);
    expect(findings[2]?.body).not.toMatch(/unknown/);
  });

  it('reads request fields a TypeScript handler destructures from a typed Request, and only those', () => {
    const source = [
      "import type { Request, Response } from 'express';",
      'export const preview = async ({ body, session }: Request, res: Response) => {',
      '  const target = body.link;',
      '  await fetch(target);',
      '  await fetch(session.homepage);',
      '};',
    ];
    expect(run('ssrf', 'typescript', 'src/routes/preview.ts', source)).toEqual(['4 ssrf']);
  });

  it('does not fail on plain JavaScript handlers, whose parameters have no types', () => {
    const source = ['export const preview = async ({ body }, res) => {', '  await fetch(body.link);', '};', 'export const list = (q) => fetch(q);'];
    expect(run('ssrf', 'javascript', 'src/routes/preview.js', source)).toEqual([]);
  });

  it('lets a later sanitising assignment replace what a variable held', () => {
    const source = [
      'def read_doc(request):',
      '    name = request.GET["doc"]',
      '    name = os.path.basename(name)',
      '    return open(os.path.join(DOCS, name)).read()',
      '',
      'def read_raw(request):',
      '    name = request.GET["doc"]',
      '    return open(os.path.join(DOCS, name)).read()',
    ];
    expect(run('path-traversal', 'python', 'app/views.py', source)).toEqual(['8 path-traversal']);
  });

  it('lets a straight-line reassignment replace a value, but not one in a branch that may not run', () => {
    const source = [
      'export async function pinned(req) {',
      '  let target = req.query.url;',
      "  target = 'https://status.example.com/';",
      '  return fetch(target);',
      '}',
      'export async function mirrored(req) {',
      "  let target = 'https://status.example.com/';",
      '  if (req.query.mirror) target = req.query.mirror;',
      '  return fetch(target);',
      '}',
    ];
    expect(run('ssrf', 'javascript', 'src/routes/status.js', source)).toEqual(['9 ssrf']);
    // A branch without braces, or Ruby's modifier, may not run either: the request's value is still possible.
    const braceless = ['export function back(req, res) {', '  let next = req.body.next;', "  if (req.body.home) next = '/';", '  res.redirect(next);', '}'];
    expect(run('open-redirect', 'javascript', 'src/routes/back.js', braceless)).toEqual(['4 open-redirect']);
    const modifier = ['def back', '  target = params[:return_to]', '  target = root_path if params[:home]', '  redirect_to target', 'end'];
    expect(run('open-redirect', 'ruby', 'app/controllers/back_controller.rb', modifier)).toEqual(['4 open-redirect']);
  });

  it('treats a value picked from a fixed table by a request key as the table’s, not the request’s', () => {
    const source = [
      'var handlers = map[string]string{"a": "/usr/bin/a"}',
      'func run(w http.ResponseWriter, r *http.Request) {',
      '	programs := map[string]string{"lint": "golangci-lint", "fmt": "gofmt"}',
      '	exec.Command(programs[r.FormValue("tool")], "./...").Run()',
      '	exec.Command(r.FormValue("tool"), "./...").Run()',
      '}',
    ];
    expect(run('command-injection', 'go', 'cmd/server/handlers.go', ['package main', ...source])).toEqual(['6 command-injection']);
  });

  it('follows a value appended in place (Ruby `<<`, `concat`) into the variable, and only into that one', () => {
    const source = [
      'def by_owner(conn)',
      '  sql = +"SELECT id FROM notes WHERE owner = "',
      '  sql << params[:owner]',
      '  other = +"SELECT id FROM notes WHERE owner = 1"',
      '  conn.exec(sql)',
      '  conn.exec(other)',
      'end',
      'def by_tag(conn)',
      '  tag = +"tag = "',
      '  tag.concat(cookies[:tag])',
      '  conn.query(tag)',
      'end',
    ];
    expect(run('sql-injection', 'ruby', 'app/models/note.rb', source)).toEqual(['5 sql-injection', '11 sql-injection']);
  });

  it('judges a Go variable by the value it was given, also when that value is a built string', () => {
    const source = [
      'package main',
      'func archive(db *sql.DB, slug string) {',
      '	stmt := fmt.Sprintf("DELETE FROM tenants WHERE slug = \'%s\'", slug)',
      '	db.Exec(stmt)',
      '	fixed := fmt.Sprintf("DELETE FROM tenants WHERE slug = \'%s\'", "demo")',
      '	db.Exec(fixed)',
      '}',
    ];
    expect(run('sql-injection', 'go', 'internal/tenants/archive.go', source)).toEqual(['4 sql-injection']);
  });

  it('reads `with open(path) as f` as f holding what path names', () => {
    const source = [
      'def restore(request):',
      '    target = os.path.join(SNAPSHOTS, request.GET["name"])',
      '    with open(target, "rb") as fh:',
      '        state = pickle.load(fh)',
      '    with open(DEFAULTS, "rb") as fh2:',
      '        base = pickle.load(fh2)',
      '    return state, base',
    ];
    expect(run('insecure-deserialization', 'python', 'app/views.py', source)).toEqual(['4 insecure-deserialization']);
  });

  it('reads a Go variable filled through its address from the request (a decoded body, a bound form) as request data; a row scanned or a file decoded is not', () => {
    const source = [
      'package api',
      'func (h *Handler) Import(w http.ResponseWriter, r *http.Request) {',
      '	var job struct{ Source string }',
      '	if err := json.NewDecoder(r.Body).Decode(&job); err != nil {',
      '		return',
      '	}',
      '	var conf struct{ Source string }',
      '	f, _ := os.Open("/etc/importer.json")',
      '	json.NewDecoder(f).Decode(&conf)',
      '	var saved string',
      '	h.db.QueryRow("SELECT source FROM imports WHERE id = $1", r.FormValue("id")).Scan(&saved)',
      '	h.client.Get(job.Source)',
      '	h.client.Get(conf.Source)',
      '	h.client.Get(saved)',
      '}',
      'func Bind(c *gin.Context) {',
      '	var in struct{ URL string }',
      '	_ = c.ShouldBindJSON(&in)',
      '	probeClient.Get(in.URL)',
      '}',
    ];
    expect(run('ssrf', 'go', 'internal/api/import.go', source)).toEqual(['12 ssrf', '19 ssrf']);
  });

  it('takes a value checked before its use as checked when the failing branch leaves or replaces it, in every language with `if` statements', () => {
    const go = [
      'package files',
      'var exportNames = map[string]bool{"daily.csv": true}',
      'func Serve(w http.ResponseWriter, r *http.Request) {',
      '	name := r.URL.Query().Get("name")',
      '	if !exportNames[name] {',
      '		http.NotFound(w, r)',
      '		return',
      '	}',
      '	os.ReadFile("/srv/exports/" + name)',
      '}',
      'func Logged(w http.ResponseWriter, r *http.Request) {',
      '	name := r.URL.Query().Get("name")',
      '	if !exportNames[name] {',
      '		log.Printf("odd name %s", name)',
      '	}',
      '	os.ReadFile("/srv/exports/" + name)',
      '}',
      'func Other(w http.ResponseWriter, r *http.Request) {',
      '	name := r.URL.Query().Get("name")',
      '	kind := r.URL.Query().Get("kind")',
      '	if !exportNames[kind] {',
      '		return',
      '	}',
      '	os.ReadFile("/srv/exports/" + name)',
      '}',
      'func Late(w http.ResponseWriter, r *http.Request) {',
      '	name := r.URL.Query().Get("name")',
      '	os.ReadFile("/srv/exports/" + name)',
      '	if !strings.HasPrefix(name, "daily") {',
      '		return',
      '	}',
      '}',
    ];
    // Checked and leaving: clean. Checked, but the branch goes on: reported. Another value checked: reported. Checked after the use: reported.
    expect(run('path-traversal', 'go', 'internal/files/serve.go', go)).toEqual(['16 path-traversal', '24 path-traversal', '28 path-traversal']);
    const python = [
      'def report(request):',
      '    name = request.GET["name"]',
      '    if name not in REPORTS:',
      '        raise Http404()',
      '    return open(os.path.join(REPORT_DIR, name))',
      'def raw(request):',
      '    name = request.GET["name"]',
      '    return open(os.path.join(REPORT_DIR, name))',
    ];
    expect(run('path-traversal', 'python', 'app/views.py', python)).toEqual(['8 path-traversal']);
    const js = [
      'export async function preview(req, res) {',
      '  const target = new URL(req.query.url);',
      '  if (!previewHosts.has(target.hostname)) return res.sendStatus(400);',
      '  return fetch(target, { signal: AbortSignal.timeout(3000) });',
      '}',
      'export async function open(req, res) {',
      '  const target = new URL(req.query.url);',
      '  if (previewHosts.has(target.hostname)) return res.sendStatus(204);',
      '  return fetch(target, { signal: AbortSignal.timeout(3000) });',
      '}',
    ];
    // A check whose passing branch leaves lets the failing values through.
    expect(run('ssrf', 'javascript', 'src/routes/preview.js', js)).toEqual(['9 ssrf']);
  });

  it('reads a closure’s free variables as the enclosing function’s, but not a name the closure takes as a parameter', () => {
    const severities = (lang: ParseLanguage, path: string, source: string) => {
      const picked = rules.filter((r) => r.id === 'command-injection' && r.language === (lang === 'typescript' ? 'javascript' : lang));
      return runAstRules(sg, picked, { path, lang, source, whole: true }).findings.map((f) => `${f.line} ${f.severity}`);
    };
    const js = [
      "router.post('/resize', (req, res) => {",
      '  const size = req.body.size;',
      '  req.body.files.forEach((name) => execSync(`convert ${name} -resize ${size} out.png`));',
      '  jobs.forEach((size) => execSync(`convert in.png -resize ${size} out.png`));',
      '});',
    ].join('\n');
    // The request's size reaches the first command: a blocker; the second size is the callback's own parameter.
    expect(severities('javascript', 'src/routes/resize.js', js)).toEqual(['3 blocker', '4 major']);
    const go = [
      'package jobs',
      'func Run(w http.ResponseWriter, r *http.Request) {',
      '	script := r.FormValue("script")',
      '	go func() {',
      '		exec.Command("bash", "-c", script).Run()',
      '	}()',
      '	go func(script string) {',
      '		exec.Command("bash", "-c", script).Run()',
      '	}("date")',
      '}',
    ].join('\n');
    expect(severities('go', 'internal/jobs/run.go', go)).toEqual(['5 blocker', '8 major']);
  });

  it('reads a Go gRPC or Connect handler’s request message as request data, and `*http.Request` only by its fields', () => {
    const source = [
      'package svc',
      'func (s *Server) Run(ctx context.Context, req *jobsv1.RunRequest) (*jobsv1.RunResponse, error) {',
      '	exec.CommandContext(ctx, "sh", "-c", req.Script).Run()',
      '	return nil, nil',
      '}',
      'func (s *Server) Hook(w http.ResponseWriter, r *http.Request) {',
      '	exec.CommandContext(r.Context(), "sh", "-c", s.script).Run()',
      '}',
    ].join('\n');
    const picked = rules.filter((r) => r.id === 'command-injection' && r.language === 'go');
    const found = runAstRules(sg, picked, { path: 'internal/svc/run.go', lang: 'go', source, whole: true }).findings;
    expect(found.map((f) => `${f.line} ${f.severity}`)).toEqual(['3 blocker', '7 major']);
  });

  it('follows a Java servlet’s request four assignments deep: a cookie loop, a decode, a concatenation, the use', () => {
    const source = [
      'class Downloads extends HttpServlet {',
      '  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {',
      '    String wanted = "index";',
      '    Cookie[] jar = req.getCookies();',
      '    for (Cookie crumb : jar) {',
      '      if ("last".equals(crumb.getName())) wanted = java.net.URLDecoder.decode(crumb.getValue(), "UTF-8");',
      '    }',
      '    String target = "/srv/files/" + wanted;',
      '    new java.io.FileInputStream(target).close();',
      '  }',
      '}',
    ].join('\n');
    expect(run('path-traversal', 'java', 'src/main/java/app/Downloads.java', source.split('\n'))).toEqual(['9 path-traversal']);
  });

  it('follows a servlet’s header names six assignments deep: the names, the loop’s name, the parameter, a copy, the path, the use', () => {
    const source = [
      'class Preview extends HttpServlet {',
      '  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {',
      '    String chosen = "default";',
      '    java.util.Enumeration<String> names = req.getHeaderNames();',
      '    while (names.hasMoreElements()) {',
      '      String header = names.nextElement();',
      '      if (header.startsWith("x-theme-")) chosen = header;',
      '    }',
      '    String theme = chosen;',
      '    String target = "/srv/themes/" + theme;',
      '    new java.io.FileInputStream(target).close();',
      '  }',
      '}',
    ];
    expect(run('path-traversal', 'java', 'src/main/java/app/Preview.java', source)).toEqual(['11 path-traversal']);
  });

  it('reads each Java switch group as a branch of its own: a later group does not replace what an earlier one assigned', () => {
    const lines = (header: string) => [
      'class Lookup extends HttpServlet {',
      '  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws Exception {',
      `    String column = ${header};`,
      '    String order;',
      '    switch (req.getParameter("mode")) {',
      '      case "raw": order = column; break;',
      '      default: order = "created_at"; break;',
      '    }',
      '    jdbcTemplate.queryForList("SELECT id FROM items ORDER BY " + order);',
      '  }',
      '}',
    ];
    // A header name is the client's to choose, like its value.
    expect(run('sql-injection', 'java', 'src/main/java/app/Lookup.java', lines('req.getHeaderNames().nextElement()'))).toEqual(['9 sql-injection']);
    expect(run('sql-injection', 'java', 'src/main/java/app/Lookup.java', lines('"name"'))).toEqual([]);
  });

  it('leaves out what code under a constant condition assigns when that code never runs, and reads a branch that always runs as straight-line code', () => {
    const go = (condition: string) => [
      'package api',
      'func Find(w http.ResponseWriter, r *http.Request) {',
      '	id := r.URL.Query().Get("id")',
      '	limit := 40',
      `	if ${condition} {`,
      '		id = "0"',
      '	}',
      '	db.Query("SELECT name FROM items WHERE id = " + id)',
      '}',
    ];
    // Always true (arithmetic on literals and on a name given one number): the request's id is replaced.
    expect(run('sql-injection', 'go', 'internal/api/find.go', go('limit*3 > 100 && len("ab") == 2'))).toEqual([]);
    // Always false, or not constant: the id may still be the request's.
    expect(run('sql-injection', 'go', 'internal/api/find.go', go('limit*3 < 100'))).toEqual(['8 sql-injection']);
    expect(run('sql-injection', 'go', 'internal/api/find.go', go('r.Method == "HEAD"'))).toEqual(['8 sql-injection']);
    const java = (pick: string) => [
      'class Search extends HttpServlet {',
      '  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws Exception {',
      '    String term = req.getParameter("q");',
      '    int pages = 12;',
      `    String column = ${pick};`,
      '    String order;',
      '    if (pages - 2 > 100) order = term; else order = "title";',
      '    jdbcTemplate.queryForList("SELECT id FROM books ORDER BY " + column + ", " + order);',
      '  }',
      '}',
    ];
    // The ternary takes its constant branch, and the `if` never runs the branch that assigns the request's term.
    expect(run('sql-injection', 'java', 'src/main/java/app/Search.java', java('pages > 10 ? "title" : term'))).toEqual([]);
    expect(run('sql-injection', 'java', 'src/main/java/app/Search.java', java('pages > 20 ? "title" : term'))).toEqual(['8 sql-injection']);
    // Only a local counts: a module's flag can be set otherwise where the code runs (settings, tests).
    const python = (flag: string) => [`${flag}`, 'def run_tool(request):', '    cmd = "uptime"', '    if VERBOSE:', '        cmd = request.args["cmd"]', '    os.system(cmd)'];
    expect(run('command-injection', 'python', 'app/tools.py', python('VERBOSE = False'))).toEqual(['6 command-injection']);
    expect(run('command-injection', 'python', 'app/tools.py', ['VERBOSE = False', 'cmd = "uptime"', 'if VERBOSE:', '    cmd = request.args["cmd"]', 'os.system(cmd)'])).toEqual(['5 command-injection']);
    expect(run('command-injection', 'python', 'app/tools.py', ['def run_tool(request):', '    verbose = 0', '    cmd = "uptime"', '    if verbose > 1:', '        cmd = request.args["cmd"]', '    os.system(cmd)'])).toEqual([]);
    // A name set again later in the function is not a constant: a loop's next turn reads the new value.
    const machine = (update: string) => ['def worker(request):', '    state = "init"', '    cmd = "uptime"', '    while True:', '        if state == "run":', '            cmd = request.args["cmd"]', '        os.system(cmd)', `        ${update}`];
    expect(run('command-injection', 'python', 'app/worker.py', machine('state = "run"'))).toEqual(['7 command-injection']);
    expect(run('command-injection', 'python', 'app/worker.py', machine('pass'))).toEqual([]);
    const counter = ['package api', 'func Poll(w http.ResponseWriter, r *http.Request) {', '	tries := 0', '	cmd := "uptime"', '	for {', '		if tries > 2 {', '			cmd = r.FormValue("cmd")', '		}', '		exec.Command("sh", "-c", cmd).Run()', '		tries++', '	}', '}'];
    expect(run('command-injection', 'go', 'internal/api/poll.go', counter)).toEqual(['9 command-injection']);
    expect(run('command-injection', 'go', 'internal/api/poll.go', counter.map((line) => line.replace('tries++', 'tries = tries + 1')))).toEqual(['9 command-injection']);
    // A bare string's truth is the language's own: PHP's "0" is false, so this branch never replaces the command.
    const php = ['<?php', 'function run_tool() {', '  $cmd = $_GET["cmd"];', '  $quiet = "0";', '  if ($quiet) {', '    $cmd = "uptime";', '  }', '  shell_exec($cmd);', '}'];
    expect(run('command-injection', 'php', 'app/tools.php', php)).toEqual(['8 command-injection']);
  });

  it('runs only the groups of a switch on a constant: the matching one, falling through to the next that leaves', () => {
    const java = (guess: string, groups: string[]) => [
      'class Files extends HttpServlet {',
      '  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws Exception {',
      '    String name = req.getParameter("f");',
      '    String path;',
      `    String guess = ${guess};`,
      '    char pick = guess.charAt(1);',
      '    switch (pick) {',
      ...groups,
      '    }',
      '    new java.io.File(path);',
      '  }',
      '}',
    ];
    const labels = ["      case 'A': path = name; break;", "      case 'B': path = \"/srv/a.txt\"; break;", "      case 'C':", "      case 'D': path = name; break;", '      default: path = "/srv/b.txt"; break;'];
    const at = `${labels.length + 9} path-traversal`;
    // 'B' assigns a constant; 'C' falls through to the group of 'D'; an unmatched value takes `default`.
    expect(run('path-traversal', 'java', 'src/main/java/app/Files.java', java('"ABC"', labels))).toEqual([]);
    expect(run('path-traversal', 'java', 'src/main/java/app/Files.java', java('"ACB"', labels))).toEqual([at]);
    expect(run('path-traversal', 'java', 'src/main/java/app/Files.java', java('"AXB"', labels))).toEqual([]);
    // Arrow cases run alone; a value that is not constant keeps every group.
    const arrows = ["      case 'B' -> { path = \"/srv/a.txt\"; }", '      default -> path = name;'];
    expect(run('path-traversal', 'java', 'src/main/java/app/Files.java', java('"ABC"', arrows))).toEqual([]);
    expect(run('path-traversal', 'java', 'src/main/java/app/Files.java', java('"ACB"', arrows))).toEqual([`${arrows.length + 9} path-traversal`]);
    expect(run('path-traversal', 'java', 'src/main/java/app/Files.java', java('req.getHeader("g")', labels))).toEqual([at]);
    // A group that may leave half way (`if (...) break;`): which groups run is not known, so all count.
    const unsure = ["      case 'B': if (name.isEmpty()) break; path = \"/srv/a.txt\";", '      default: path = name; break;'];
    expect(run('path-traversal', 'java', 'src/main/java/app/Files.java', java('"ABC"', unsure))).toEqual([`${unsure.length + 9} path-traversal`]);
    // A taken group runs its statements, not every branch in them: an `if` there may leave the old value.
    const guarded = ['    path = name;', ...java('"ABC"', ["      case 'B': if (name.length() > 3) path = \"/srv/a.txt\"; break;", '      default: path = "/srv/b.txt"; break;']).slice(4)];
    const lines = java('"ABC"', []).slice(0, 4).concat(guarded);
    expect(run('path-traversal', 'java', 'src/main/java/app/Files.java', lines)).toEqual([`${lines.length - 2} path-traversal`]);
  });

  it('replays a local list or map to the value a read gets back, and keeps every value when the replay could be wrong', () => {
    const java = (body: string[]) => [
      'class Report extends HttpServlet {',
      '  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws Exception {',
      '    String name = req.getParameter("n");',
      ...body,
      '    jdbcTemplate.queryForList("SELECT id FROM reports WHERE name = \'" + bar + "\'");',
      '  }',
      '}',
    ];
    const sql = (body: string[]) => run('sql-injection', 'java', 'src/main/java/app/Report.java', java(body));
    const at = (body: string[]) => [`${body.length + 4} sql-injection`];
    const list = (read: string, extra: string[] = []) => [
      '    java.util.List<String> values = new java.util.ArrayList<String>();',
      '    values.add("safe");',
      '    values.add(name);',
      '    values.add("moresafe");',
      '    values.remove(0);',
      ...extra,
      `    String bar = values.get(${read});`,
    ];
    // After remove(0): [name, "moresafe"].
    expect(sql(list('1'))).toEqual([]);
    expect(sql(list('0'))).toEqual(at(list('0')));
    expect(sql(list('0', ['    values.set(0, "fixed");']))).toEqual([]);
    expect(sql(list('1', ['    values.add(1, name);']))).toEqual(at(list('1', ['    values.add(1, name);'])));
    // A change under a condition, a use the replay does not know, an index that is not a literal: every value counts.
    const conditional = list('1', ['    if (name.length() > 3) values.add(0, name);']);
    expect(sql(conditional)).toEqual(at(conditional));
    const passed = list('1', ['    audit(values);']);
    expect(sql(passed)).toEqual(at(passed));
    const computed = ['    int i = name.length();', ...list('i')];
    expect(sql(computed)).toEqual(at(computed));
    const map = (read: string, extra: string[] = []) => [
      '    java.util.HashMap<String, Object> map = new java.util.HashMap<String, Object>();',
      '    map.put("keyA", "a_Value");',
      '    map.put("keyB", name);',
      ...extra,
      `    String bar = (String) map.get("${read}");`,
    ];
    expect(sql(map('keyA'))).toEqual([]);
    expect(sql(map('keyB'))).toEqual(at(map('keyB')));
    // A key never put reads null; a key removed, too.
    expect(sql(map('keyC'))).toEqual([]);
    expect(sql(map('keyB', ['    map.remove("keyB");']))).toEqual([]);
    // A map handed in from elsewhere holds whatever its caller put there.
    const given = ['    java.util.Map<String, String> map = req.getParameterMap();', '    String bar = map.get("keyA");'];
    expect(sql(given)).toEqual(at(given));
  });

  it('replays a Go or Python map read by a literal key, and keeps every value when a write may not run or the map is passed on', () => {
    const go = (body: string[]) => [
      'package api',
      'func Find(w http.ResponseWriter, r *http.Request) {',
      '	param := r.URL.Query().Get("id")',
      '	m := make(map[string]string)',
      ...body,
      '	db.Query("SELECT name FROM users WHERE id = \'" + bar + "\'")',
      '}',
    ];
    const sql = (body: string[]) => run('sql-injection', 'go', 'internal/api/find.go', go(body));
    const at = (body: string[]) => [`${body.length + 5} sql-injection`];
    expect(sql(['	m["tainted"] = param', '	bar := m["clean"]'])).toEqual([]);
    expect(sql(['	m["tainted"] = param', '	bar := m["tainted"]'])).toEqual(at(['', '']));
    expect(sql(['	m["tainted"] = param', '	delete(m, "tainted")', '	bar := m["tainted"]'])).toEqual([]);
    const branch = ['	if param != "" {', '		m["clean"] = param', '	}', '	bar := m["clean"]'];
    expect(sql(branch)).toEqual(at(branch));
    const passed = ['	m["tainted"] = param', '	fill(m)', '	bar := m["clean"]'];
    expect(sql(passed)).toEqual(at(passed));
    const python = (read: string, extra: string[] = []) => [
      'def run_tool(request):',
      '    tools = {}',
      '    tools["user"] = request.args["cmd"]',
      '    tools["fixed"] = "uptime"',
      ...extra,
      `    cmd = tools["${read}"]`,
      '    os.system(cmd)',
    ];
    const cmd = (lines: string[]) => run('command-injection', 'python', 'app/tools.py', lines);
    expect(cmd(python('fixed'))).toEqual([]);
    expect(cmd(python('user'))).toEqual(['6 command-injection']);
    expect(cmd(python('fixed', ['    tools["fixed"] += request.args["more"]']))).toEqual(['7 command-injection']);
  });

  it('reads the class a Java static method is called on as a type, not a value: only the arguments decide', () => {
    // `line` goes into `Runtime.getRuntime().exec(line)` (the line after the setup); the severities say which form was met.
    const exec = (setup: string[], params = 'HttpServletRequest request') => {
      const source = ['class Tools {', `  void run(${params}) throws Exception {`, ...setup.map((l) => `    ${l}`), '    Runtime.getRuntime().exec(line);', '  }', '}'];
      const picked = rules.filter((r) => r.id === 'command-injection' && r.language === 'java');
      const { findings, notes } = runAstRules(sg, picked, { path: 'src/main/java/app/Tools.java', lang: 'java', source: source.join('\n'), whole: true });
      expect(notes).toEqual([]);
      return findings.map((f) => `${f.line} ${f.severity}`);
    };
    // Constant arguments, with or without the package: nothing a caller or a request can choose.
    expect(exec(['String line = Commands.forTool("uptime");'])).toEqual([]);
    expect(exec(['String line = org.acme.ops.Commands.forTool("uptime") + System.getProperty("line.separator");'])).toEqual([]);
    // A factory's object asked with a constant.
    expect(exec(['Tool tool = ToolFactory.create();', 'String line = tool.command("uptime");'])).toEqual([]);
    // An argument that is request data, or a parameter, still reaches the command through the static call.
    expect(exec(['String line = Commands.forTool(request.getParameter("tool"));'])).toEqual(['4 blocker']);
    expect(exec(['String line = Commands.forTool(tool);'], 'String tool')).toEqual(['4 major']);
    // A capitalised local variable, or a parameter that looks like a package, is a value.
    expect(exec(['String Line = request.getParameter("cmd");', 'String line = Line.trim();'])).toEqual(['5 blocker']);
    expect(exec(['String line = config.Commands.forTool("uptime");'], 'Settings config')).toEqual(['4 major']);
    // A field is read by the object it is on: a constant's, or a static one of a class, is no caller's.
    expect(exec(['Paths paths = new Paths();', 'String line = "ls " + paths.root;'])).toEqual([]);
    expect(exec(['String line = "ls " + Settings.BACKUP_DIR + org.acme.ops.Paths.archive;'])).toEqual([]);
    expect(exec(['String line = "ls " + settings.root;'], 'Settings settings')).toEqual(['4 major']);
    // The request through a static accessor is known by the accessor's name.
    expect(exec(['String line = ServletActionContext.getRequest().getParameter("cmd");'])).toEqual(['4 blocker']);
    expect(exec(['String line = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("cmd");'])).toEqual(['4 blocker']);
  });

  it('reads a module the file imports, or the runtime gives, as no caller\'s: a call on it is decided by its arguments', () => {
    const cmd = (lang: ParseLanguage, path: string, lines: string[]) => run('command-injection', lang, path, lines);
    const js = (line: string, params = '') => ["import { execSync } from 'child_process';", "import config, { paths } from './config';", `export function build(${params}) {`, `  execSync(${line});`, '}'];
    expect(cmd('javascript', 'scripts/build.js', js("'ls ' + config.get('dir')"))).toEqual([]);
    expect(cmd('javascript', 'scripts/build.js', js("'node ' + path.join(__dirname, 'gen.js')"))).toEqual([]);
    expect(cmd('javascript', 'scripts/build.js', js("`git -C ${process.cwd()} status`"))).toEqual([]);
    // A parameter of the same name shadows the import; the program's arguments are whoever runs it's; an
    // imported object's field (not a call) is not known here.
    expect(cmd('javascript', 'scripts/build.js', js("'ls ' + config.get('dir')", 'config'))).toEqual(['4 command-injection']);
    expect(cmd('javascript', 'scripts/build.js', js("'ls ' + process.argv[2]"))).toEqual(['4 command-injection']);
    expect(cmd('javascript', 'scripts/build.js', js("'ls ' + paths.root"))).toEqual(['4 command-injection']);

    const py = (line: string) => ['import os', 'import sys', 'import argparse', 'import tempfile', 'def build(self):', `    ${line}`];
    expect(cmd('python', 'scripts/build.py', py('os.system("ls " + os.path.join(os.path.dirname(__file__), "x"))'))).toEqual([]);
    expect(cmd('python', 'scripts/build.py', py('os.system("ls " + tempfile.gettempdir())'))).toEqual([]);
    expect(cmd('python', 'scripts/build.py', py('os.system("ls " + sys.argv[1])'))).toEqual(['6 command-injection']);
    expect(cmd('python', 'scripts/build.py', py('os.system("ls " + argparse.ArgumentParser().parse_args().dir)'))).toEqual(['6 command-injection']);
    expect(cmd('python', 'scripts/build.py', py('os.system(self.command)'))).toEqual(['6 command-injection']);

    const go = (line: string, params = '') => ['package tools', '', 'import (', '\t"flag"', '\t"os/exec"', '', '\tcfg "example.com/app/config"', '\t"github.com/spf13/viper"', ')', '', `func build(${params}) {`, `\t${line}`, '}'];
    expect(cmd('go', 'tools/build.go', go('exec.Command("sh", "-c", "ls "+viper.GetString("dir")).Run()'))).toEqual([]);
    expect(cmd('go', 'tools/build.go', go('exec.Command("sh", "-c", "ls "+cfg.Get("dir")).Run()'))).toEqual([]);
    expect(cmd('go', 'tools/build.go', go('exec.Command("sh", "-c", "ls "+flag.Arg(0)).Run()'))).toEqual(['12 command-injection']);
    expect(cmd('go', 'tools/build.go', go('exec.Command("sh", "-c", "ls "+viper.GetString("dir")).Run()', 'viper Getter'))).toEqual(['12 command-injection']);
  });

  it('reads a C# or Kotlin member by the object it is on, and a chain that starts at a type by its calls\' arguments', () => {
    const cs = (line: string) => [
      'public class ToolsController : Controller {',
      '  public AppSettings Settings { get; set; }',
      '  private readonly string _root;',
      '  public IActionResult Build(string dir) {',
      '    var name = "report";',
      `    Process.Start("cmd.exe", "/c dir " + ${line});`,
      '    return Ok();',
      '  }',
      '}',
    ];
    const cmd = (line: string) => run('command-injection', 'csharp', 'Controllers/ToolsController.cs', cs(line));
    // A constant's method, a static class's, a namespace-qualified one: nothing a caller or a request chooses.
    expect(cmd('name.Trim()')).toEqual([]);
    expect(cmd('Path.Combine(AppContext.BaseDirectory, "x")')).toEqual([]);
    expect(cmd('System.Environment.GetEnvironmentVariable("HOME")')).toEqual([]);
    expect(cmd('Guid.NewGuid().ToString()')).toEqual([]);
    // A parameter, a field or property of the class, `this`'s member, the signed-in user: not known here.
    for (const unknown of ['dir.Trim()', 'Settings.Command', '_root', 'this.Command', 'User.Identity.Name', 'Path.Combine(_root, name)']) expect(cmd(unknown), unknown).toEqual(['6 command-injection']);

    const kt = (value: string) => ['class Tools(val root: String) {', '  val Settings = load()', '  fun build(dir: String) {', '    val name = "report"', `    Runtime.getRuntime().exec("ls " + ${value})`, '  }', '}'];
    const ktCmd = (value: string) => run('command-injection', 'kotlin', 'src/main/kotlin/app/Tools.kt', kt(value));
    for (const fixed of ['name.trim()', 'UUID.randomUUID().toString()', 'System.getenv("HOME")', 'Utils.folder("x")', 'com.acme.Utils.folder("x")']) expect(ktCmd(fixed), fixed).toEqual([]);
    for (const unknown of ['dir.trim()', 'root', 'this.cmd', 'Settings.command']) expect(ktCmd(unknown), unknown).toEqual(['5 command-injection']);
  });
});
