import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
let out: string;
let cwd: string;

/** The bundled `agency` in a fresh process, in an empty folder, with no key. */
async function bundled(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(out, 'agency.js'), ...argv], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** The same command in this process, from the sources. */
async function inProcess(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: {}, readStdin: async () => '' });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'agency-cli-bundle-'));
  cwd = await mkdtemp(join(tmpdir(), 'agency-cli-cwd-'));
  await run(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--outdir', out], { cwd: root });
  // A diff with a SQL migration (squawk), a hard-coded key (secrets) and code (the AST rules).
  await writeFile(join(cwd, 'pr.diff'), await readFile(join(root, 'examples', 'pr.diff'), 'utf8'));
}, 120_000);

afterAll(async () => {
  for (const dir of [out, cwd]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the bundled CLI (scripts/build-cli.mjs, what `agency` runs)', () => {
  it('prints the version from package.json, found relative to where lib/cli would be', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string; bin: { agency: string } };
    expect(pkg.bin.agency).toBe('lib/cli/bundle/agency.js');
    expect(await bundled(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('reviews a diff exactly as the unbundled program does: agents, rules, squawk and the secret rules all found', async () => {
    const [got, want] = [await bundled(['review', '--diff', 'pr.diff', '--fail-on', 'blocker']), await inProcess(['review', '--diff', 'pr.diff', '--fail-on', 'blocker'])];
    expect(got).toEqual(want);
    expect(got.stdout).toContain('squawk');
    expect(got.stdout).toMatch(/Source: .*(secret|hardcoded)/i);
  }, 60_000);

  it('does not load esprima, which js-yaml asks for on load for a tag the safe schema it is used with never reads', async () => {
    // Every module the bundle requires at run time (native packages, Node built-ins), logged by a preload hook.
    const log = join(cwd, 'required.txt');
    const hook = join(cwd, 'hook.cjs');
    await writeFile(
      hook,
      `const M = require('node:module'); const fs = require('node:fs'); const load = M._load;\n` +
        `M._load = function (request, ...rest) { fs.appendFileSync(${JSON.stringify(log)}, request + '\\n'); return load.call(this, request, ...rest); };\n`,
    );
    await run(process.execPath, ['--require', hook, join(out, 'agency.js'), 'review', '--diff', 'pr.diff'], { cwd, env: { PATH: process.env.PATH ?? '' }, maxBuffer: 64 * 1024 * 1024 });
    const required = (await readFile(log, 'utf8')).split('\n');
    expect(required.some((r) => r.startsWith('@ast-grep/'))).toBe(true);
    expect(required).not.toContain('esprima');
  }, 60_000);

  it('lists the rules and plans an issue as the unbundled program does', async () => {
    expect(await bundled(['rules'])).toEqual(await inProcess(['rules']));
    await writeFile(join(cwd, 'issue.md'), '# Rate limits\n\nPer-user rate limits on POST /orders, backed by Redis.\n');
    const plan = await bundled(['plan', '--issue', 'issue.md']);
    expect(plan.code).toBe(0);
    expect(plan).toEqual(await inProcess(['plan', '--issue', 'issue.md']));
  }, 60_000);

  it('starts whatever the temp folder is (missing, a file, under /proc): the compile caches stay off, the CLI runs', async () => {
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
    await writeFile(join(cwd, 'not-a-folder'), '');
    for (const TMPDIR of [join(cwd, 'missing'), join(cwd, 'not-a-folder'), '/proc/self']) {
      expect(await bundled(['--version'], { TMPDIR }), TMPDIR).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
      // A review runs the program, whose code cache is then off too (squawk, which needs a temp folder, says it could not run).
      const review = await bundled(['review', '--diff', 'pr.diff'], { TMPDIR });
      expect([review.code, review.stderr], TMPDIR).toEqual([0, '']);
      expect(review.stdout, TMPDIR).toContain('Hardcoded secret: AWS access key id');
    }
  }, 120_000);

  it('runs its program from the code cache the first start left (Node 20 has none for ES modules)', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'agency-cli-tmp-'));
    try {
      const first = await bundled(['review', '--diff', 'pr.diff'], { TMPDIR: tmp });
      const dir = join(tmp, `agency-code-cache-${process.getuid?.()}`);
      const [cache] = await readdir(dir);
      expect(cache).toMatch(/^program-\w+\.cjs\..+\.v8cache$/);
      const written = await stat(join(dir, cache as string));
      expect(await bundled(['review', '--diff', 'pr.diff'], { TMPDIR: tmp })).toEqual(first);
      // Taken, not refused and written again (a rewrite is a new file renamed over the old one).
      expect((await stat(join(dir, cache as string))).ino).toBe(written.ino);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }, 60_000);

  it('has no import() left in its program: a classic script has no loader for one without Node\'s experimental flags', async () => {
    const [program] = (await readdir(out)).filter((f) => /^program-\w+\.cjs$/.test(f));
    const text = await readFile(join(out, program as string), 'utf8');
    // Code, not text: an import( after a quote or a backtick is inside an error message.
    expect(text.match(/(?<![\w$.'"`])import\(/g) ?? []).toEqual([]);
  });

  it('leaves out zod\'s messages in other languages: the bundle has its English ones only', async () => {
    const chunks = await Promise.all((await readdir(out)).filter((f) => /\.c?js$/.test(f)).map((f) => readFile(join(out, f), 'utf8')));
    expect(chunks.some((c) => c.includes('Invalid input: expected'))).toBe(true);
    expect(chunks.some((c) => c.includes('Ungültige Eingabe'))).toBe(false);
  });
});
