import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function cli(argv: string[], opts: { cwd?: string; stdin?: string; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: opts.cwd ?? root,
    env: opts.env ?? {},
    readStdin: async () => opts.stdin ?? '',
  });
  return { code, stdout, stderr };
}

describe('agency plan', () => {
  it('plans the bundled issue offline, with the sections the issue calls for and the offline notice', async () => {
    const { code, stdout, stderr } = await cli(['plan', '--issue', 'examples/issue.md']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('## 🏗️ Architecture plan');
    for (const section of ['Data model and indexes', 'API contract', 'Authentication and authorization']) expect(stdout).toContain(section);
    expect(stdout).toMatch(/- \[ \] /); // checklists are task lists
    expect(stdout).toMatch(/- \[ \] Record as ADR 1: /);
    expect(stdout).toContain('Offline');
    // The app's hidden marker (its state for re-runs) is invisible on GitHub and only noise in a terminal.
    expect(stdout).not.toContain('<!-- agency-architect:');
    expect(stdout.trimEnd().endsWith('-->')).toBe(false);
    // The CLI reads the working tree, not GitHub: the footer's cost row says so.
    expect(stdout).toMatch(/\| Repository reads \| \d+/);
    expect(stdout).not.toContain('GitHub reads');
  });

  it('reads the issue from standard input and prints JSON that the Plan schema accepts', async () => {
    const { PlanSchema } = await import('../../src/domain/planSchema.js');
    const { code, stdout } = await cli(['plan', '--issue', '-', '--format', 'json'], { stdin: '# Upload avatars\n\nUsers upload profile pictures to S3 via our REST API.' });
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { kind: string; plan: unknown; engine: { engine: string } };
    expect(parsed.kind).toBe('plan');
    expect(parsed.engine.engine).toBe('offline');
    const plan = PlanSchema.parse(parsed.plan);
    expect(plan).toEqual(parsed.plan);
    // The words came from standard input: the plan recognised the upload and the S3 storage it asked for.
    expect(plan.summary).toContain('It recognised file uploads and storage (“upload”, “avatars”, “s3”)');
  });
});

describe('agency review', () => {
  it('reports each planted problem of the example diff on its file and line, with the key redacted', async () => {
    const { code, stdout } = await cli(['review', '--diff', 'examples/pr.diff']);
    expect(code).toBe(0);
    // The findings table: one row per finding, naming where it is and the check that found it.
    const row = (where: string, id: string) => stdout.split('\n').some((l) => l.startsWith('| ') && l.includes(`\`${where}\``) && l.includes(`\`${id}\``));
    expect(row('db/migrations/20261120_add_workspace_tenant.sql:2', 'adding-required-field')).toBe(true);
    expect(row('db/migrations/20261120_add_workspace_tenant.sql:4', 'require-concurrent-index-creation')).toBe(true);
    expect(row('src/routes/members.ts:14', 'sql-injection')).toBe(true);
    expect(row('src/routes/members.ts:12', 'route-without-auth')).toBe(true);
    expect(row('config/billing.ts:4', 'hardcoded-secret/aws-access-key-id')).toBe(true);
    expect(row('config/billing.ts:5', 'hardcoded-secret/aws-secret-access-key')).toBe(true);
    expect(stdout).toContain('`AKIA************3IAR`');
    expect(stdout).not.toContain('AKIAQSLOJOLIENSB3IAR');
    expect(stdout).not.toContain('skH53rGTD/2U3OpSH5r44wLzwTGV6HJYq/EEyUqj');
    expect(stdout).toMatch(/### Inline comments that would be posted \(\d+\)/);
    expect(stdout).not.toContain('<!-- agency-architect:');
  });

  it('exits 1 with --fail-on when a finding reaches the severity, 0 when none does', async () => {
    expect((await cli(['review', '--diff', 'examples/pr.diff', '--fail-on', 'blocker'])).code).toBe(1);
    const clean = 'diff --git a/README.md b/README.md\n--- a/README.md\n+++ b/README.md\n@@ -1 +1,2 @@\n # x\n+More words.\n';
    expect((await cli(['review', '--diff', '-', '--fail-on', 'nit'], { stdin: clean })).code).toBe(0);
  });

  it('says clearly when the input is not a diff', async () => {
    const { code, stderr } = await cli(['review', '--diff', '-'], { stdin: 'hello' });
    expect(code).toBe(2);
    expect(stderr).toBe('agency: the input is not a unified diff (expected `diff --git` or `---`/`+++`/`@@` lines)\n');
  });

  it('passes an empty diff (nothing changed is not an error for a CI gate)', async () => {
    const { code, stderr, stdout } = await cli(['review', '--diff', '-', '--fail-on', 'nit'], { stdin: '\n' });
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe('agency: nothing to review (the diff is empty)\n');
  });
});

describe('agency adr', () => {
  it('prints the ADR it would write, numbered after the existing ones, and the path on stderr', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agency-cli-'));
    await mkdir(join(dir, '.agency', 'decisions'), { recursive: true });
    await writeFile(join(dir, '.agency', 'decisions', '0003-use-postgres.md'), '---\nstatus: accepted\n---\n# 3. Use Postgres\n');
    const { code, stdout, stderr } = await cli(['adr', '--title', 'Cursor pagination for list endpoints'], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).toBe('agency: would write .agency/decisions/0004-cursor-pagination-for-list-endpoints.md\n');
    expect(stdout).toMatch(/^---\n/);
    // The App's own record: in `adr.mode: pr` the file says accepted, and merging its pull request accepts it.
    expect(stdout).toContain('status: accepted');
    expect(stdout).toContain('Cursor pagination for list endpoints');
  });
});

describe('errors', () => {
  it.each([
    [['frobnicate'], 'agency: unknown command "frobnicate"'],
    [['plan'], 'agency: plan needs --issue <file> (or --issue - for standard input)'],
    [['review', '--diff', 'a', '--base', 'main'], 'agency: review needs exactly one of --diff <file|-> or --base <ref>'],
    [['review', '--diff', 'a', '--fail-on', 'huge'], 'agency: --fail-on must be one of blocker, major, minor, nit (got "huge")'],
    [['plan', '--issue', 'x', '--format', 'xml'], 'agency: --format must be "markdown" or "json" (got "xml")'],
    [['plan', '--issue', 'x', '--title', 't'], 'agency: "plan" does not take --title'],
  ])('%j exits 2 with a usage message', async (argv, message) => {
    const { code, stderr, stdout } = await cli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(message);
    expect(stderr).toContain('Usage: agency <command>');
  });

  it('names a missing file without a stack trace', async () => {
    const { code, stderr } = await cli(['plan', '--issue', 'does-not-exist.md']);
    expect(code).toBe(2);
    expect(stderr).toBe('agency: cannot read does-not-exist.md: no such file\n');
  });

  it('refuses a bad .github/agency.yml with the field, the value and what is allowed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agency-cli-'));
    await mkdir(join(dir, '.github'));
    await writeFile(join(dir, '.github', 'agency.yml'), 'review:\n  maxInlineComments: 500\n');
    const { code, stderr } = await cli(['plan', '--issue', '-'], { cwd: dir, stdin: '# x' });
    expect(code).toBe(2);
    expect(stderr).toContain('review.maxInlineComments: got 500; expected an integer from 0 to 100');
  });
});

describe('agency rules', () => {
  it('lists every code rule with its languages, severity and doc link', async () => {
    const { code, stdout } = await cli(['rules']);
    expect(code).toBe(0);
    expect(stdout).toContain('| `sql-injection` | javascript, python, go, ruby, java, kotlin, php, csharp | blocker/major | SQL built from values (SQL injection) | docs/rules.md#sql-injection |');
    expect(stdout).toContain('| `missing-timeout` | javascript, python, go, ruby, java, kotlin, php, csharp | major |');
    const json = await cli(['rules', '--format', 'json']);
    const rows = JSON.parse(json.stdout) as { id: string; doc: string }[];
    expect(rows.map((r) => r.id)).toContain('route-without-auth');
    for (const row of rows) expect(row.doc).toBe(`docs/rules.md#${row.id}`);
  });

  it('refuses options it does not take', async () => {
    const { code, stderr } = await cli(['rules', '--diff', 'x.diff']);
    expect(code).toBe(2);
    expect(stderr).toContain('"rules" does not take --diff');
  });
});
