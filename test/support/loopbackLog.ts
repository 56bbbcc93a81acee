/** Where loopbackOnly.cjs records reaches beyond 127.0.0.1 during one test run; vitest's global setup makes it and removes it after. */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const LOOPBACK_DIR = join(tmpdir(), `agency-loopback-${process.pid}`);

export default function setup(): () => void {
  mkdirSync(LOOPBACK_DIR, { recursive: true, mode: 0o700 });
  return () => rmSync(LOOPBACK_DIR, { recursive: true, force: true });
}
