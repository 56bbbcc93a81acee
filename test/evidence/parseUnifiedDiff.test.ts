import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffFileFromPatch, parseUnifiedDiff } from '../../src/evidence/parseUnifiedDiff.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/diffs/${name}`, import.meta.url), 'utf8');

describe('parseUnifiedDiff', () => {
  const files = parseUnifiedDiff(fixture('backend-pr.diff'));
  const byPath = (path: string) => files.find((f) => f.path === path);

  it('returns one file per diff section, in order, with statuses', () => {
    expect(files.map((f) => [f.path, f.status])).toEqual([
      ['config/production.ts', 'modified'],
      ['db/migrations/20240501120000_add_tenant_to_users.sql', 'added'],
      ['package-lock.json', 'modified'],
      ['src/routes/users.ts', 'modified'],
    ]);
  });

  it('numbers added lines on the new side and counts additions and deletions', () => {
    const routes = byPath('src/routes/users.ts');
    expect(routes?.added[0]).toEqual({ line: 12, text: "router.get('/users/search', async (req, res) => {" });
    expect(routes?.added.map((l) => l.line)).toEqual([12, 13, 14, 15, 16, 17]);
    expect(byPath('package-lock.json')).toMatchObject({ additions: 10, deletions: 4 });
  });

  it('keeps the hunks as the patch, without the file headers', () => {
    const migration = byPath('db/migrations/20240501120000_add_tenant_to_users.sql');
    expect(migration?.patch.startsWith('@@ -0,0 +1,4 @@\n+-- Tenancy')).toBe(true);
    expect(migration?.patch).not.toContain('+++');
    expect(migration?.patch.endsWith('+CREATE INDEX idx_orders_user_id ON orders(user_id);')).toBe(true);
  });

  describe('renames, binaries, deletions, mode changes and odd names', () => {
    const odd = parseUnifiedDiff(fixture('renames-binary.diff'));
    const get = (path: string) => odd.find((f) => f.path === path);

    it('marks binary files and gives them no patch', () => {
      expect(get('assets/logo.png')).toMatchObject({ status: 'added', binary: true, patch: '', added: [] });
    });

    it('reads renames with and without content changes', () => {
      expect(get('src/new_name.py')).toMatchObject({ status: 'renamed', oldPath: 'src/old_name.py', patch: '', additions: 0 });
      expect(get('src/services/basket.ts')).toMatchObject({
        status: 'renamed',
        oldPath: 'src/services/cart.ts',
        added: [{ line: 10, text: 'export const line10 = 100;' }],
        additions: 1,
        deletions: 1,
      });
    });

    it('reads deleted files and mode-only changes', () => {
      expect(get('src/legacy.ts')).toMatchObject({ status: 'removed', additions: 0, deletions: 1 });
      expect(get('run.sh')).toMatchObject({ status: 'modified', patch: '', additions: 0 });
    });

    it('decodes quoted UTF-8 paths and paths with spaces', () => {
      expect(get('docs/café.md')?.added).toEqual([{ line: 1, text: 'café' }]);
      expect(get('notes with space.txt')?.status).toBe('modified');
    });

    it('does not count "\\ No newline at end of file" as a line', () => {
      expect(get('notes with space.txt')).toMatchObject({ added: [{ line: 2, text: 'c' }], additions: 1, deletions: 1 });
    });
  });

  it('parses a diff saved with CRLF line endings like the LF one', () => {
    const lf = parseUnifiedDiff(fixture('backend-pr.diff'));
    const crlf = parseUnifiedDiff(fixture('backend-pr.diff').replace(/\n/g, '\r\n'));
    expect(crlf).toEqual(lf);
    expect(crlf[0]?.added.some((l) => l.text.endsWith('\r'))).toBe(false);
  });

  it('does not start a new file at a content line that looks like a header', () => {
    const diff = ['--- a/notes.md', '+++ b/notes.md', '@@ -1,2 +1,3 @@', ' intro', '+--- a/not-a-file', '-old', '+new', ''].join('\n');
    const parsed = parseUnifiedDiff(diff);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toMatchObject({ path: 'notes.md', status: 'modified', additions: 2, deletions: 1 });
    expect(parsed[0]?.added.map((l) => l.text)).toEqual(['--- a/not-a-file', 'new']);
  });

  it('reads a plain `diff -u` with timestamps and a commit message before it', () => {
    const diff = [
      'Subject: fix',
      '',
      '--- a/app.py\t2024-05-01 10:00:00.000000000 +0200',
      '+++ b/app.py\t2024-05-01 10:05:00.000000000 +0200',
      '@@ -3 +3 @@',
      '-x = 1',
      '+x = 2',
    ].join('\n');
    expect(parseUnifiedDiff(diff)).toEqual([
      {
        path: 'app.py',
        status: 'modified',
        binary: false,
        patch: '@@ -3 +3 @@\n-x = 1\n+x = 2',
        hunks: [
          {
            oldStart: 3,
            oldLines: 1,
            newStart: 3,
            newLines: 1,
            section: '',
            lines: [
              { kind: 'del', text: 'x = 1', oldLine: 3, newLine: null },
              { kind: 'add', text: 'x = 2', oldLine: null, newLine: 3 },
            ],
          },
        ],
        added: [{ line: 3, text: 'x = 2' }],
        additions: 1,
        deletions: 1,
      },
    ]);
  });

  it('detects a GIT binary patch', () => {
    const diff = ['diff --git a/img.gif b/img.gif', 'index 1..2 100644', 'GIT binary patch', 'literal 6', 'NcmZ?wbhEHbL', '', 'literal 0', 'HcmV?d00001', ''].join('\n');
    expect(parseUnifiedDiff(diff)).toMatchObject([{ path: 'img.gif', status: 'modified', binary: true, patch: '' }]);
  });

  it('returns nothing for an empty diff', () => {
    expect(parseUnifiedDiff('')).toEqual([]);
  });

  it('reads a file of 300,000 added lines (a generated dump) without overflowing the stack', () => {
    const n = 300_000;
    const body = Array.from({ length: n }, (_, i) => `+INSERT INTO t VALUES (${i});`);
    const diff = ['diff --git a/db/seed.sql b/db/seed.sql', 'new file mode 100644', '--- /dev/null', '+++ b/db/seed.sql', `@@ -0,0 +1,${n} @@`, ...body, ''].join('\n');
    const [file] = parseUnifiedDiff(diff);
    expect(file).toMatchObject({ path: 'db/seed.sql', status: 'added', additions: n, deletions: 0 });
    expect(file!.added).toHaveLength(n);
    expect(file!.added[n - 1]).toEqual({ line: n, text: `INSERT INTO t VALUES (${n - 1});` });
  });
});

describe('diffFileFromPatch', () => {
  it("reads GitHub's per-file patch (hunks only) with several hunks", () => {
    const patch = '@@ -1,3 +1,4 @@\n import x\n+import y\n \n x()\n@@ -20,2 +21,2 @@ def f():\n-    return 1\n+    return 2\n     # end';
    const file = diffFileFromPatch('app/main.py', 'modified', patch);
    expect(file).toEqual({
      path: 'app/main.py',
      status: 'modified',
      binary: false,
      patch,
      hunks: [
        {
          oldStart: 1,
          oldLines: 3,
          newStart: 1,
          newLines: 4,
          section: '',
          lines: [
            { kind: 'context', text: 'import x', oldLine: 1, newLine: 1 },
            { kind: 'add', text: 'import y', oldLine: null, newLine: 2 },
            { kind: 'context', text: '', oldLine: 2, newLine: 3 },
            { kind: 'context', text: 'x()', oldLine: 3, newLine: 4 },
          ],
        },
        {
          oldStart: 20,
          oldLines: 2,
          newStart: 21,
          newLines: 2,
          section: 'def f():',
          lines: [
            { kind: 'del', text: '    return 1', oldLine: 20, newLine: null },
            { kind: 'add', text: '    return 2', oldLine: null, newLine: 21 },
            { kind: 'context', text: '    # end', oldLine: 21, newLine: 22 },
          ],
        },
      ],
      added: [
        { line: 2, text: 'import y' },
        { line: 21, text: '    return 2' },
      ],
      additions: 2,
      deletions: 1,
    });
  });

  it("maps GitHub's other statuses and keeps the previous name of a rename", () => {
    expect(diffFileFromPatch('b.ts', 'copied', '@@ -0,0 +1 @@\n+x').status).toBe('added');
    expect(diffFileFromPatch('b.ts', 'changed', undefined).status).toBe('modified');
    expect(diffFileFromPatch('b.ts', 'renamed', '', { oldPath: 'a.ts' })).toMatchObject({ status: 'renamed', oldPath: 'a.ts', added: [] });
  });

  it('lists the added lines of hunks it was given once: the same hunks again (the CLI\'s files, back as pull files) share them', () => {
    const [parsed] = parseUnifiedDiff('diff --git a/a.ts b/a.ts\n--- a/a.ts\n+++ b/a.ts\n@@ -1 +1,2 @@\n-a\n+b\n+c\n');
    const again = diffFileFromPatch('a.ts', 'modified', parsed!.patch, { hunks: parsed!.hunks });
    expect(again).toEqual({ ...parsed, status: 'modified' });
    expect(again.added).toBe(parsed!.added);
    // Other hunks with the same text are other lines: listed afresh.
    expect(diffFileFromPatch('a.ts', 'modified', parsed!.patch).added).not.toBe(parsed!.added);
  });

  it('marks a file binary only when told, and tolerates a missing patch and CRLF', () => {
    expect(diffFileFromPatch('logo.png', 'added', undefined, { binary: true })).toMatchObject({ binary: true, patch: '', additions: 0 });
    expect(diffFileFromPatch('a.ts', 'modified', '@@ -1 +1 @@\r\n-a\r\n+b\r\n').added).toEqual([{ line: 1, text: 'b' }]);
  });
});
