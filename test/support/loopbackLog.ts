/** Where loopbackOnly.cjs records reaches beyond 127.0.0.1 during one test run; vitest's global setup removes it after. */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const LOOPBACK_LOG = join(tmpdir(), `agency-loopback-${process.pid}.jsonl`);

export default function setup(): () => void {
  return () => rmSync(LOOPBACK_LOG, { force: true });
}
