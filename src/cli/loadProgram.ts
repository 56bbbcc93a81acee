import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** The CommonJS program of the bundle, run as a classic script (what a V8 code cache applies to). */
export interface LoadedProgram<T> {
  exports: T;
  /** Whether V8 took the code cache: compiled code read from disk instead of parsing the program again. */
  fromCache: boolean;
}

/**
 * The bundled CLI's program (scripts/build-cli.mjs writes it as one CommonJS file named by its content
 * hash), run with V8's code cache: the code compiled by one start is kept on disk and the next start reads
 * it instead of parsing and compiling the program again (~70 ms of CPU on every command that runs the
 * pipeline). Node 22+ does this for ES modules itself (module.enableCompileCache); Node 20 has no such
 * thing for ES modules, but `vm.Script` takes `cachedData` for classic scripts on every version.
 *
 * The cache is written when the process exits (so it holds the functions the run compiled), only when there
 * was none or V8 refused it (another Node or V8 flags). It is named after the program's file, whose name
 * carries its content hash: a rebuilt program never meets an old cache (V8 itself checks only the length of
 * the source). The folder is the user's own (made 0700, used only while owned by this user and writable by
 * no one else): compiled code from a folder someone else can write to would be code they chose.
 * Any failure to read or write the cache only leaves it unused.
 */
export function loadProgram<T>(
  file: string,
  cacheDir: string | undefined = defaultCacheDir(),
  atExit: (save: () => void) => void = (save) => process.once('exit', save),
): LoadedProgram<T> {
  const source = readFileSync(file, 'utf8');
  const cacheFile = cacheDir && trustedDir(cacheDir) ? join(cacheDir, `${basename(file)}.${nodeTag()}.v8cache`) : undefined;
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // No cache yet.
    }
  }
  // The CommonJS wrapper Node itself puts around a module.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const fromCache = cachedData !== undefined && script.cachedDataRejected === false;
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  if (cacheFile && !fromCache) atExit(() => writeCache(cacheFile, () => script.createCachedData()));
  return { exports: module.exports, fromCache };
}

/**
 * What V8 checks a cache against besides the source: Node's version, the machine, and the flags Node was
 * started with (a run with other flags would refuse the cache, and two kinds of runs would rewrite it in
 * turn). The flags as a short hash of their text.
 */
function nodeTag(): string {
  const flags = `${process.execArgv.join(' ')}\0${process.env.NODE_OPTIONS ?? ''}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < flags.length; i++) hash = Math.imul(hash ^ flags.charCodeAt(i), 0x01000193) >>> 0;
  return `${process.version}.${process.arch}.${hash.toString(16).padStart(8, '0')}`;
}

/** `<tmpdir>/agency-code-cache-<uid>`, or undefined where there are no user ids (Windows: no cache). */
function defaultCacheDir(): string | undefined {
  const uid = process.getuid?.();
  return uid === undefined ? undefined : join(tmpdir(), `agency-code-cache-${uid}`);
}

/** Made if missing (one level, 0700); trusted only while it is a folder of this user that no one else can write to. */
function trustedDir(dir: string): boolean {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
  }
  try {
    const stat = statSync(dir);
    return stat.isDirectory() && stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** Caches of other builds of the program kept for this Node: two installs used in turn keep theirs. */
const KEPT_OTHER_BUILDS = 3;

/**
 * Written to a file of its own, then renamed: a start reading the cache meanwhile never sees half of it.
 * Caches other builds left for this Node version are removed past the newest few: one per build would pile up.
 */
function writeCache(cacheFile: string, data: () => Buffer): void {
  const partial = `${cacheFile}.${process.pid}.partial`;
  try {
    writeFileSync(partial, data(), { mode: 0o600 });
    renameSync(partial, cacheFile);
    const dir = dirname(cacheFile);
    const program = basename(cacheFile).split('.')[0] as string;
    const sameNode = `.${process.version}.${process.arch}.`;
    const others = readdirSync(dir)
      .filter((name) => name.startsWith('program-') && !name.startsWith(`${program}.`) && name.includes(sameNode) && name.endsWith('.v8cache'))
      .map((name) => ({ name, mtime: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const { name } of others.slice(KEPT_OTHER_BUILDS)) rmSync(join(dir, name), { force: true });
  } catch {
    // A full disk or a removed folder: the next start compiles again.
  }
}
