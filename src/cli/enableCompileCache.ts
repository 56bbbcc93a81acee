import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `module.enableCompileCache` (Node ≥ 22.1); undefined on Node 20, which has no compile cache. */
export type EnableCompileCache = ((dir?: string) => unknown) | undefined;

/**
 * Turns on Node's compile cache, which keeps V8's compiled code of the bundle between starts, in Node's
 * default folder (`<tmpdir>/node-compile-cache`). True when it was turned on.
 *
 * The folder is made here first, one level and not recursively: Node's own recursive mkdir loops forever
 * when a folder cannot be made although its parent exists (seen with Node 24.21 and a TMPDIR under /proc),
 * so the cache is turned on only once its folder exists. A missing, read-only or odd TMPDIR leaves it off.
 * NODE_COMPILE_CACHE and NODE_DISABLE_COMPILE_CACHE are Node's own switches: left to Node.
 */
export function enableCompileCache(enable: EnableCompileCache, env: NodeJS.ProcessEnv = process.env, dir = join(tmpdir(), 'node-compile-cache')): boolean {
  if (!enable || env.NODE_COMPILE_CACHE || env.NODE_DISABLE_COMPILE_CACHE) return false;
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
  }
  try {
    enable(dir);
  } catch {
    // Node reports a folder it cannot use in its return value; anything else is no reason not to start.
    return false;
  }
  return true;
}
