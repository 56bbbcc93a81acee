/**
 * vitest setup file: installs loopbackOnly.cjs in this worker, names the running test file for the
 * processes it starts, and fails the file when it (or a process it started) reached beyond 127.0.0.1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect } from 'vitest';

createRequire(import.meta.url)('./loopbackOnly.cjs');

interface Attempt {
  host: string;
  port?: number;
  test: string;
  argv: string;
}

/** The attempts recorded for `test` (default: the running file), removed from the log. */
export function takeAttempts(test = process.env.LOOPBACK_ONLY_TEST ?? ''): Attempt[] {
  const log = process.env.LOOPBACK_ONLY_LOG;
  if (!log) return [];
  let lines: string[];
  try {
    lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
  const all = lines.map((l) => JSON.parse(l) as Attempt);
  const mine = all.filter((a) => a.test === test);
  if (mine.length > 0) writeFileSync(log, all.filter((a) => a.test !== test).map((a) => `${JSON.stringify(a)}\n`).join(''));
  return mine;
}

beforeAll(() => {
  process.env.LOOPBACK_ONLY_TEST = expect.getState().testPath ?? '';
});

afterAll(() => {
  const attempts = takeAttempts();
  if (attempts.length > 0) {
    throw new Error(`tests reached beyond 127.0.0.1: ${attempts.map((a) => `${a.host}${a.port === undefined ? '' : `:${a.port}`} (${a.argv})`).join(', ')}`);
  }
});
