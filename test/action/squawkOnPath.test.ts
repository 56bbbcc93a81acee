import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findSquawkBinary, squawkOnPath } from '../../src/evidence/findSquawkBinary.js';

const require = createRequire(import.meta.url);
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function binDir(target: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'agency-bin-'));
  dirs.push(dir);
  await symlink(target, join(dir, 'squawk'));
  return dir;
}

const pkg = `@squawk-cli/${process.platform}-${process.arch}/bin/squawk`;

// squawk-cli is a dependency: its native binary must be found, never silently skip these tests. (Windows
// only: creating the symlinks needs privileges there.)
describe.skipIf(process.platform === 'win32')('squawk on PATH (the bundled Action has no node_modules)', () => {
  it('finds the native binary of the installed squawk-cli package', () => {
    expect(findSquawkBinary()).toMatch(new RegExp(`${pkg.replaceAll('/', '[\\\\/]')}$`));
  });

  it('resolves npm\'s global launcher to the native binary of its platform package', async () => {
    const launcher = require.resolve('squawk-cli/js/bin/squawk');
    const dir = await binDir(launcher);
    expect(squawkOnPath(['/nonexistent', dir].join(delimiter), pkg)).toBe(findSquawkBinary());
  });

  it('uses a native squawk as is', async () => {
    const native = findSquawkBinary()!;
    const dir = await binDir(native);
    expect(squawkOnPath(dir, pkg)).toBe(native);
  });

  it('is undefined when PATH has none', () => {
    expect(squawkOnPath('', pkg)).toBeUndefined();
    expect(squawkOnPath(tmpdir(), pkg)).toBeUndefined();
  });
});
