import { accessSync, closeSync, constants, openSync, readSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

function platformPackage(): string {
  return `@squawk-cli/${process.platform}-${process.arch}/bin/${process.platform === 'win32' ? 'squawk.exe' : 'squawk'}`;
}

/**
 * Path of the squawk binary shipped in squawk-cli's platform package, or undefined when it is not
 * installed. Running it directly skips squawk-cli's Node launcher (one process instead of two).
 * The bundled Action has no node_modules: there, a `squawk` on PATH is used (`npm install --global
 * squawk-cli`, or pip's `squawk-cli`), see docs/action.md.
 */
export function findSquawkBinary(env: Record<string, string | undefined> = process.env): string | undefined {
  const pkg = platformPackage();
  const here = createRequire(import.meta.url);
  try {
    return here.resolve(pkg);
  } catch {
    // The platform package may be nested under squawk-cli rather than hoisted.
  }
  try {
    return createRequire(here.resolve('squawk-cli/package.json')).resolve(pkg);
  } catch {
    return squawkOnPath(env.PATH ?? '', pkg);
  }
}

/**
 * `squawk` on PATH. npm's global install puts squawk-cli's Node launcher there, and runSquawk runs the
 * binary with an empty environment (no PATH to find `node`), so the launcher is resolved to the native
 * binary of its platform package; a native `squawk` (pip, a release download) is used as is.
 */
export function squawkOnPath(path: string, pkg: string): string | undefined {
  const name = process.platform === 'win32' ? 'squawk.exe' : 'squawk';
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    let real: string;
    try {
      accessSync(candidate, constants.X_OK);
      real = realpathSync(candidate);
    } catch {
      continue;
    }
    if (!isScript(real)) return real;
    try {
      return createRequire(real).resolve(pkg);
    } catch {
      continue;
    }
  }
  return undefined;
}

function isScript(file: string): boolean {
  const head = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 2, 0);
  } finally {
    closeSync(fd);
  }
  return head.toString('latin1') === '#!';
}
