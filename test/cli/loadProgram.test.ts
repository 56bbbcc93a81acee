import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProgram } from '../../src/cli/loadProgram.js';

const scratch = mkdtempSync(join(tmpdir(), 'agency-load-program-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A CommonJS program as the bundle's: module.exports set whole, and a require.
const PROGRAM = `
const { sep } = require('node:path');
function tally(words) { const counts = new Map(); for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1); return [...counts]; }
module.exports = { tally, sep, here: __filename };
`;

/** The program loaded with the cache in `cacheDir`; what loadProgram would save at exit is saved at once. */
function load(file: string, cacheDir: string) {
  const saves: (() => void)[] = [];
  const loaded = loadProgram<{ tally: (w: string[]) => [string, number][]; sep: string; here: string }>(file, cacheDir, (save) => saves.push(save));
  for (const save of saves) save();
  return { ...loaded, saved: saves.length };
}

describe('loadProgram: the bundled program with a V8 code cache', () => {
  it('compiles on the first start and saves the cache; the next start runs from it, with the same exports', () => {
    const file = join(scratch, 'program-AAAA1111.cjs');
    writeFileSync(file, PROGRAM);
    const cache = join(scratch, 'cache');
    const first = load(file, cache);
    expect([first.fromCache, first.saved]).toEqual([false, 1]);
    expect(first.exports.tally(['get', 'put', 'get'])).toEqual([['get', 2], ['put', 1]]);
    expect(readdirSync(cache)).toEqual([`program-AAAA1111.cjs.${process.version}.${process.arch}.v8cache`]);
    const second = load(file, cache);
    expect([second.fromCache, second.saved]).toEqual([true, 0]);
    expect(second.exports.tally(['a'])).toEqual([['a', 1]]);
    expect(second.exports.here).toBe(file);
  });

  it('removes the caches older builds of the program left for this Node when it saves its own', () => {
    const cache = join(scratch, 'cache-builds');
    mkdirSync(cache, { mode: 0o700 });
    const older = `program-OLD00000.cjs.${process.version}.${process.arch}.v8cache`;
    const otherNode = `program-OLD00000.cjs.v0.0.1.${process.arch}.v8cache`;
    for (const name of [older, otherNode, 'notes.txt']) writeFileSync(join(cache, name), 'x');
    const file = join(scratch, 'program-NEW11111.cjs');
    writeFileSync(file, PROGRAM);
    load(file, cache);
    expect(readdirSync(cache).sort()).toEqual(['notes.txt', `program-NEW11111.cjs.${process.version}.${process.arch}.v8cache`, otherNode].sort());
  });

  it('compiles again and replaces a cache V8 refuses (a truncated file)', () => {
    const file = join(scratch, 'program-BBBB2222.cjs');
    writeFileSync(file, PROGRAM);
    const cache = join(scratch, 'cache-b');
    mkdirSync(cache, { mode: 0o700 });
    writeFileSync(join(cache, `program-BBBB2222.cjs.${process.version}.${process.arch}.v8cache`), 'not a code cache');
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
    expect(load(file, join(parentFile, 'cache')).exports.tally(['x'])).toEqual([['x', 1]]);
    expect(existsSync(join(parentFile, 'cache'))).toBe(false);
  });
});
