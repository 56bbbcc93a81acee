import { createRequire } from 'node:module';

/**
 * Path of the squawk binary shipped in squawk-cli's platform package, or undefined when it is not
 * installed. Running it directly skips squawk-cli's Node launcher (one process instead of two).
 */
export function findSquawkBinary(): string | undefined {
  const pkg = `@squawk-cli/${process.platform}-${process.arch}/bin/${process.platform === 'win32' ? 'squawk.exe' : 'squawk'}`;
  const here = createRequire(import.meta.url);
  try {
    return here.resolve(pkg);
  } catch {
    // The platform package may be nested under squawk-cli rather than hoisted.
  }
  try {
    return createRequire(here.resolve('squawk-cli/package.json')).resolve(pkg);
  } catch {
    return undefined;
  }
}
