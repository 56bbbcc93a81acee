import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { EXPRESS_REPO } from '../repomap/fixtureRepo.js';

async function cli(argv: string[], cwd: string, stdin: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: {}, readStdin: async () => stdin });
  return { code, stdout, stderr };
}

describe('agency plan in a repository directory', () => {
  it('builds the map from the working tree: the plan names the stack, the tables and the routes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agency-map-'));
    for (const [path, text] of Object.entries(EXPRESS_REPO)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const { code, stdout } = await cli(['plan', '--issue', '-'], dir, '# Order history API\nCustomers list their past orders, paginated, newest first.');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Detected stack: Express, Stripe SDK, Knex, PostgreSQL/);
    expect(stdout).toMatch(/Existing tables this touches: `orders` \(id serial, user_id bigint, total_cents integer, status text\)/);
    expect(stdout).toContain('`GET /healthz` (src/app.ts)');
    expect(stdout).toContain('src/routes/orders.ts');
  });

  it('an empty directory gives the plan without a map', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agency-empty-'));
    const { code, stdout } = await cli(['plan', '--issue', '-'], dir, '# Orders API\nAn API for orders.');
    expect(code).toBe(0);
    expect(stdout).not.toContain('Detected stack');
  });
});
