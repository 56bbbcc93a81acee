import { existsSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { enableCompileCache } from '../../src/cli/enableCompileCache.js';

const scratch = mkdtempSync(join(tmpdir(), 'agency-compile-cache-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A stand-in for `module.enableCompileCache` that records the folder it was given. */
function recorder(): { enable: (dir?: string) => unknown; dirs: (string | undefined)[] } {
  const dirs: (string | undefined)[] = [];
  return { enable: (dir) => void dirs.push(dir), dirs };
}

describe('enableCompileCache: Node’s compile cache at the CLI start', () => {
  it('makes the folder (one level) and turns the cache on there; a second start finds it', () => {
    const { enable, dirs } = recorder();
    const dir = join(scratch, 'node-compile-cache');
    expect(enableCompileCache(enable, {}, dir)).toBe(true);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(enableCompileCache(enable, {}, dir)).toBe(true);
    expect(dirs).toEqual([dir, dir]);
    // A missing parent is not made: the cache stays off.
    expect(enableCompileCache(enable, {}, join(scratch, 'missing', 'node-compile-cache'))).toBe(false);
    expect(existsSync(join(scratch, 'missing'))).toBe(false);
  });

  it('leaves the cache off where its folder cannot be made: under a file, under a dangling link, under /proc', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, '');
    const dangling = join(scratch, 'dangling');
    symlinkSync(join(scratch, 'nowhere', 'at-all'), dangling);
    const { enable, dirs } = recorder();
    for (const dir of [join(file, 'node-compile-cache'), join(dangling, 'node-compile-cache'), '/proc/self/agency-test/node-compile-cache']) {
      expect(enableCompileCache(enable, {}, dir), dir).toBe(false);
    }
    expect(dirs).toEqual([]);
  });

  it('does nothing on Node 20 (no such API), and leaves NODE_COMPILE_CACHE and NODE_DISABLE_COMPILE_CACHE to Node', () => {
    const dir = join(scratch, 'env', 'node-compile-cache');
    const { enable, dirs } = recorder();
    expect(enableCompileCache(undefined, {}, join(scratch, 'node20'))).toBe(false);
    expect(existsSync(join(scratch, 'node20'))).toBe(false);
    expect(enableCompileCache(enable, { NODE_COMPILE_CACHE: join(scratch, 'own') }, dir)).toBe(false);
    expect(enableCompileCache(enable, { NODE_DISABLE_COMPILE_CACHE: '1' }, dir)).toBe(false);
    expect(dirs).toEqual([]);
  });

  it('starts even when the cache itself throws', () => {
    const enable = () => {
      throw new Error('unusable');
    };
    expect(enableCompileCache(enable, {}, join(scratch, 'throws'))).toBe(false);
  });
});
