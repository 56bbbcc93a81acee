import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'agency-load-program-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A CommonJS program as the bundle's: module.exports set whole, and a require.
const PROGRAM = `
const { sep } = require('node:path');
function tally(words) { const counts = new Map(); for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1); return [...counts]; }
module.exports = { tally, sep, here: __filename };
`;

/**
 * The program loaded with the cache in `cacheDir`, in a fresh process (V8 keeps what one process compiled
 * in memory, whatever the cache on disk says): loadProgram as esbuild transpiles it, and what it would save
 * at exit saved at once.
 */
function load(file: string, cacheDir: string): { fromCache: boolean; saved: number; exports: { tally: [string, number][]; sep: string; here: string } } {
  const script = `import { loadProgram } from ${JSON.stringify(pathToFileURL(loader).href)};
const saves = [];
const { exports, fromCache } = loadProgram(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)}, (save) => saves.push(save));
for (const save of saves) save();
console.log(JSON.stringify({ fromCache, saved: saves.length, exports: { tally: exports.tally(['get', 'put', 'get']), sep: exports.sep, here: exports.here } }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as ReturnType<typeof load>;
}

const loader = join(scratch, 'loadProgram.mjs');
beforeAll(() => {
  writeFileSync(loader, transformSync(readFileSync(fileURLToPath(new URL('../../src/cli/loadProgram.ts', import.meta.url)), 'utf8'), { loader: 'ts', format: 'esm' }).code);
});

describe('loadProgram: the bundled program with a V8 code cache', () => {
  it('compiles on the first start and saves the cache; the next start runs from it, with the same exports', () => {
    const file = join(scratch, 'program-AAAA1111.cjs');
    writeFileSync(file, PROGRAM);
    const cache = join(scratch, 'cache');
    const first = load(file, cache);
    expect([first.fromCache, first.saved]).toEqual([false, 1]);
    expect(first.exports.tally).toEqual([['get', 2], ['put', 1]]);
    expect(readdirSync(cache)).toEqual([expect.stringMatching(new RegExp(`^program-AAAA1111\\.cjs\\.${process.version.replaceAll('.', '\\.')}\\.${process.arch}\\.[0-9a-f]{8}\\.v8cache$`))]);
    const second = load(file, cache);
    expect([second.fromCache, second.saved]).toEqual([true, 0]);
    expect(second.exports.tally).toEqual([['get', 2], ['put', 1]]);
    expect(second.exports.here).toBe(file);
  });

  it('keeps the caches of the three newest other builds for this Node when it saves its own, and removes older ones', () => {
    const cache = join(scratch, 'cache-builds');
    mkdirSync(cache, { mode: 0o700 });
    const build = (n: number) => `program-OLD0000${n}.cjs.${process.version}.${process.arch}.0badf1a9.v8cache`;
    const otherNode = `program-OLD00001.cjs.v0.0.1.${process.arch}.0badf1a9.v8cache`;
    const otherFlags = `program-NEW11111.cjs.${process.version}.${process.arch}.0badf1a9.v8cache`;
    const now = Date.now() / 1000;
    [1, 2, 3, 4, 5].forEach((n) => {
      writeFileSync(join(cache, build(n)), 'x');
      utimesSync(join(cache, build(n)), now - 3600 * n, now - 3600 * n);
    });
    for (const name of [otherNode, otherFlags, 'notes.txt']) writeFileSync(join(cache, name), 'x');
    const file = join(scratch, 'program-NEW11111.cjs');
    writeFileSync(file, PROGRAM);
    load(file, cache);
    const left = readdirSync(cache);
    expect(left).toEqual(expect.arrayContaining([build(1), build(2), build(3), otherNode, otherFlags, 'notes.txt']));
    expect(left).not.toContain(build(4));
    expect(left).not.toContain(build(5));
    expect(left).toHaveLength(7);
  });

  it('compiles again and replaces a cache V8 refuses (a truncated file)', () => {
    const file = join(scratch, 'program-BBBB2222.cjs');
    writeFileSync(file, PROGRAM);
    const cache = join(scratch, 'cache-b');
    mkdirSync(cache, { mode: 0o700 });
    expect(load(file, cache)).toMatchObject({ fromCache: false, saved: 1 });
    const [written] = readdirSync(cache);
    writeFileSync(join(cache, written as string), 'not a code cache');
    expect(load(file, cache)).toMatchObject({ fromCache: false, saved: 1 });
    expect(load(file, cache)).toMatchObject({ fromCache: true, saved: 0 });
  });

  it.skipIf(process.getuid === undefined)('neither reads nor writes a cache in a folder others can write to', () => {
    const file = join(scratch, 'program-CCCC3333.cjs');
    writeFileSync(file, PROGRAM);
    const shared = join(scratch, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    const loaded = load(file, shared);
    expect([loaded.fromCache, loaded.saved]).toEqual([false, 0]);
    expect(loaded.exports.sep).toBe(sep);
    expect(readdirSync(shared)).toEqual([]);
    // A folder that cannot be made (its parent is a file): no cache, the program still runs.
    const parentFile = join(scratch, 'a-file');
    writeFileSync(parentFile, '');
    expect(load(file, join(parentFile, 'cache')).exports.tally).toEqual([['get', 2], ['put', 1]]);
    expect(existsSync(join(parentFile, 'cache'))).toBe(false);
  });
});
