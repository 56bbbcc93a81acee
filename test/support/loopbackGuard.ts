/**
 * vitest setup file: installs loopbackOnly.cjs in this worker, names the running test file for the
 * processes it starts, and fails the file when it (or a process it started) reached beyond 127.0.0.1.
 */
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect } from 'vitest';

const { attemptsFile } = createRequire(import.meta.url)('./loopbackOnly.cjs') as { attemptsFile(dir: string, test: string): string };

interface Attempt {
  host: string;
  port?: number;
  test: string;
  argv: string;
}

/** The attempts recorded for `test` (default: the running file), removed from the record. */
export function takeAttempts(test = process.env.LOOPBACK_ONLY_TEST ?? ''): Attempt[] {
  const dir = process.env.LOOPBACK_ONLY_DIR;
  if (!dir) return [];
  const file = attemptsFile(dir, test);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  rmSync(file, { force: true });
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Attempt);
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
