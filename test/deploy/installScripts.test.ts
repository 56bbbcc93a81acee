/**
 * npm 11.16+ lists the dependencies whose install scripts package.json's `allowScripts` does not cover, and
 * npm 12 skips those scripts (https://docs.npmjs.com/cli/v11/commands/npm-install-scripts). Every such
 * dependency is decided here, so `npm ci` prints no advisory and behaves the same on npm 10, 11 and 12. None
 * is needed: the ast-grep parsers and msgpackr-extract ship prebuilt binaries, esbuild's JS API finds its
 * platform package. A new dependency with an install script fails this test until someone decides on it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const json = (path: string): unknown => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

interface LockEntry {
  hasInstallScript?: boolean;
}
const lock = json('package-lock.json') as { packages: Record<string, LockEntry> };
const manifest = json('package.json') as { allowScripts?: Record<string, boolean> };
const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('install scripts of dependencies', () => {
  const withScripts = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && entry.hasInstallScript === true)
    .map(([path]) => nameOf(path));

  it('are each decided in package.json allowScripts', () => {
    expect(withScripts.length).toBeGreaterThan(0);
    const decided = Object.keys(manifest.allowScripts ?? {});
    expect(withScripts.filter((name) => !decided.includes(name))).toEqual([]);
  });

  it('are denied: nothing the project runs needs them', () => {
    expect(Object.entries(manifest.allowScripts ?? {}).filter(([, allowed]) => allowed)).toEqual([]);
  });

  it('name only packages the lockfile installs (no stale entries)', () => {
    const installed = new Set(Object.keys(lock.packages).filter((p) => p !== '').map(nameOf));
    expect(Object.keys(manifest.allowScripts ?? {}).filter((name) => !installed.has(name))).toEqual([]);
  });
});
