import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';

const repo = mkdtempSync(join(tmpdir(), 'agency-limit-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function newFile(path: string, lines: string[]): string {
  return [`diff --git a/${path} b/${path}`, 'new file mode 100644', '--- /dev/null', `+++ b/${path}`, `@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`), ''].join('\n');
}

describe('limits.maxFilesPerReview', () => {
  it('bounds what the reviewer reads, not what the rules check: a file past it still gets its findings', async () => {
    mkdirSync(join(repo, '.github'), { recursive: true });
    writeFileSync(join(repo, '.github', 'agency.yml'), 'limits:\n  maxFilesPerReview: 1\n');
    const route = (name: string) => [`app.get('/${name}', (req, res) => res.redirect(req.query.next));`];
    const diff = newFile('src/routes/a.js', route('a')) + newFile('src/routes/b.js', route('b'));
    let stdout = '';
    const code = await runCli(['review', '--diff', '-', '--format', 'json'], {
      stdout: (t) => void (stdout += t),
      stderr: () => undefined,
      cwd: repo,
      env: {},
      readStdin: async () => diff,
    });
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { review: { findings: { path?: string; source: { id: string } }[] }; notReviewed: { path: string; reason: string }[] };
    const redirects = out.review.findings.filter((f) => f.source.id === 'open-redirect').map((f) => f.path);
    expect(redirects.sort()).toEqual(['src/routes/a.js', 'src/routes/b.js']);
    expect(out.notReviewed).toEqual([{ path: 'src/routes/b.js', reason: 'over the limit of 1 file (limits.maxFilesPerReview); squawk, the secret scan and the code rules still checked it' }]);
  });
});
