import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSquawkBinary } from '../../src/evidence/findSquawkBinary.js';
import { runSquawk } from '../../src/evidence/runSquawk.js';

const MIGRATION = [
  '-- Tenancy for users',
  'ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;',
  '',
  'CREATE INDEX idx ON orders(user_id);',
].join('\n');

describe('runSquawk (real squawk binary)', () => {
  it('finds the binary in the squawk-cli platform package', () => {
    expect(findSquawkBinary()).toMatch(/@squawk-cli[\\/][a-z0-9]+-[a-z0-9]+[\\/]bin[\\/]squawk(\.exe)?$/);
  });

  it('reports a required column and a blocking index on their own lines, with severity and docs', async () => {
    const { findings, notes } = await runSquawk([{ path: 'db/migrations/001_tenant.sql', content: MIGRATION }]);
    expect(notes).toEqual([]);
    const required = findings.find((f) => f.source.id === 'adding-required-field');
    const index = findings.find((f) => f.source.id === 'require-concurrent-index-creation');
    expect(required).toMatchObject({
      severity: 'blocker',
      category: 'migration',
      path: 'db/migrations/001_tenant.sql',
      line: 2,
      source: { kind: 'squawk', id: 'adding-required-field', url: 'https://squawkhq.com/docs/adding-required-field' },
    });
    expect(index).toMatchObject({ severity: 'major', path: 'db/migrations/001_tenant.sql', line: 4 });
  });

  it('lints several files in one run and maps each finding to its own file', async () => {
    const { findings } = await runSquawk([
      { path: 'a/001.sql', content: 'CREATE INDEX i1 ON t(a);' },
      { path: 'b/002.sql', content: 'SELECT 1;\nALTER TABLE t DROP COLUMN c;' },
    ]);
    expect(findings.find((f) => f.source.id === 'require-concurrent-index-creation')).toMatchObject({ path: 'a/001.sql', line: 1 });
    expect(findings.find((f) => f.source.id === 'ban-drop-column')).toMatchObject({ path: 'b/002.sql', line: 2, severity: 'blocker' });
  });

  it('keeps two migrations of the same file name in different folders apart', async () => {
    const { findings } = await runSquawk([
      { path: 'billing/migrations/0002_change.sql', content: 'SELECT 1;\nCREATE INDEX i1 ON t(a);' },
      { path: 'users/migrations/0002_change.sql', content: 'ALTER TABLE t DROP COLUMN c;' },
    ]);
    const found = findings.map((f) => `${f.path}:${f.line} ${f.source.id}`);
    expect(found).toContain('billing/migrations/0002_change.sql:2 require-concurrent-index-creation');
    expect(found).toContain('users/migrations/0002_change.sql:1 ban-drop-column');
    expect(found.filter((f) => f.includes('ban-drop-column') || f.includes('require-concurrent-index-creation'))).toHaveLength(2);
  });

  it('collapses statement-by-statement hygiene rules to one finding per file', async () => {
    const sql = 'ALTER TABLE a ADD COLUMN x text;\nALTER TABLE b ADD COLUMN y text;\nALTER TABLE c ADD COLUMN z text;';
    const { findings } = await runSquawk([{ path: 'm/001.sql', content: sql }]);
    const robust = findings.filter((f) => f.source.id === 'prefer-robust-stmts');
    expect(robust).toHaveLength(1);
    expect(robust[0]?.body).toMatch(/2 more statements/);
  });

  it('maps an excerpt back to new-side lines and keeps only changed lines', async () => {
    const { findings } = await runSquawk([
      {
        path: 'm/002.sql',
        content: 'CREATE INDEX a ON t(x);\nCREATE INDEX b ON t(y);',
        lines: [10, 14],
        changedLines: new Set([14]),
      },
    ]);
    const lines = findings.filter((f) => f.source.id === 'require-concurrent-index-creation').map((f) => f.line);
    expect(lines).toEqual([14]);
  });

  it('treats an unparsable file as a note, not a finding', async () => {
    const { findings, notes } = await runSquawk([{ path: 'm/mysql.sql', content: 'ALTER TABLE t ADD COLUMN x INT AFTER y (;' }]);
    expect(findings).toEqual([]);
    expect(notes[0]).toMatch(/^squawk could not parse m\/mysql\.sql/);
  });

  it('keeps hostile paths inside its temp dir and still reports on them', async () => {
    // TMPDIR two levels below a private folder: a path that climbed out of the temp dir would land in `outer`.
    const outer = await mkdtemp(join(tmpdir(), 'squawk-outer-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = join(outer, 'inner');
    await mkdir(process.env.TMPDIR);
    try {
      const { findings } = await runSquawk([{ path: '../../../[x]*.sql', content: 'CREATE INDEX i ON t(a);' }]);
      expect(findings.map((f) => [f.path, f.line, f.source.id])).toContainEqual(['../../../[x]*.sql', 1, 'require-concurrent-index-creation']);
      expect(await readdir(outer)).toEqual(['inner']);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      await rm(outer, { recursive: true, force: true });
    }
  });

  it('removes its temp dir', async () => {
    // A private TMPDIR, so squawk runs in other test files cannot interfere.
    const privateTmp = await mkdtemp(join(tmpdir(), 'squawk-tmp-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = privateTmp;
    try {
      const { findings } = await runSquawk([{ path: 'm/1.sql', content: 'CREATE INDEX i ON t(a);' }]);
      expect(findings.length).toBeGreaterThan(0);
      expect(await readdir(privateTmp)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      await rm(privateTmp, { recursive: true, force: true });
    }
  });

  it('does nothing for no files', async () => {
    expect(await runSquawk([])).toEqual({ findings: [], notes: [] });
  });
});

describe('runSquawk failures become notes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'squawk-fake-'));
    await writeFile(join(dir, 'slow'), '#!/bin/sh\nsleep 5\n');
    await writeFile(join(dir, 'crash'), '#!/bin/sh\necho "thread main panicked" >&2\nexit 101\n');
    await chmod(join(dir, 'slow'), 0o755);
    await chmod(join(dir, 'crash'), 0o755);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const files = [{ path: 'm/1.sql', content: 'CREATE INDEX i ON t(a);' }];

  it('a missing binary', async () => {
    const result = await runSquawk(files, { binaryPath: join(dir, 'does-not-exist') });
    expect(result.findings).toEqual([]);
    expect(result.notes[0]).toMatch(/squawk failed \(ENOENT\)/);
  });

  it('a timeout', async () => {
    const result = await runSquawk(files, { binaryPath: join(dir, 'slow'), timeoutMs: 200 });
    expect(result).toEqual({ findings: [], notes: ['squawk timed out after 200 ms; SQL migrations were not linted.'] });
  });

  it('a crash', async () => {
    const result = await runSquawk(files, { binaryPath: join(dir, 'crash') });
    expect(result.findings).toEqual([]);
    expect(result.notes[0]).toMatch(/squawk failed \(thread main panicked\)/);
  });

  it('is already running when the call returns, so the CPU work of the caller overlaps it', async () => {
    // A fake squawk that leaves a mark as soon as it runs. The test then blocks the event loop, as the
    // AST rules do: the mark can only appear if the process was started before the call returned.
    const mark = join(dir, 'started');
    await writeFile(join(dir, 'marking'), `#!/bin/sh\ntouch '${mark}'\necho '[]'\n`);
    await chmod(join(dir, 'marking'), 0o755);
    const run = runSquawk(files, { binaryPath: join(dir, 'marking') });
    const until = Date.now() + 5000;
    while (!existsSync(mark) && Date.now() < until) {
      // busy: no event-loop turn
    }
    expect(existsSync(mark)).toBe(true);
    expect(await run).toEqual({ findings: [], notes: [] });
  });
});
