import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('dist/ (the committed Action bundle)', () => {
  it('is what scripts/build-action.mjs builds from the current sources', async () => {
    const out = await mkdtemp(join(tmpdir(), 'agency-dist-'));
    dirs.push(out);
    await promisify(execFile)(process.execPath, [join(root, 'scripts/build-action.mjs'), '--outdir', out], { cwd: root });
    const dist = join(root, 'dist');
    const built = await listFiles(out);
    expect(await listFiles(dist), 'dist/ has other files than a fresh build: run `npm run build:action`').toEqual(built);
    for (const file of built) {
      const same = (await readFile(join(out, file))).equals(await readFile(join(dist, file)));
      expect(same, `dist/${file} is stale: run \`npm run build:action\` and commit dist/`).toBe(true);
    }
  });
});
