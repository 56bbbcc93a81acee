/**
 * The guard behind "no test touches the internet" (test/support/loopbackOnly.cjs): a reach beyond
 * 127.0.0.1 fails at once and is recorded for its test file, in this worker and in a process it starts;
 * loopback still works. Each case takes its own records, so this file passes the guard itself.
 */
import { spawnSync } from 'node:child_process';
import { Octokit } from '@octokit/rest';
import { describe, expect, it } from 'vitest';
import { takeAttempts } from '../support/loopbackGuard.js';
import { httpOnLoopback } from '../support/ports.js';

describe('the loopback-only guard', () => {
  it('fails a fetch to another host at once and records it for this file', async () => {
    const started = Date.now();
    const error = await fetch('https://api.github.com/zen').then(
      () => undefined,
      (e: unknown) => e as Error & { cause?: Error },
    );
    expect(error?.cause?.message).toBe('a test reached for api.github.com:443: tests talk only to 127.0.0.1 (test/support/loopbackOnly.cjs)');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(takeAttempts().map((a) => `${a.host}:${a.port}`)).toEqual(['api.github.com:443']);
  });

  it('catches a client left on its default base URL (Octokit without baseUrl)', async () => {
    const octokit = new Octokit({ request: { retries: 0 } });
    await expect(octokit.request('GET /zen')).rejects.toThrow();
    expect(takeAttempts().map((a) => a.host)).toEqual(['api.github.com']);
  });

  it('guards the processes a test starts (NODE_OPTIONS), naming the test file', () => {
    const run = spawnSync(process.execPath, ['-e', "require('node:dns').lookup('example.org', (e) => console.log(e.code))"], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('ENETUNREACH');
    const attempts = takeAttempts();
    expect(attempts.map((a) => a.host)).toEqual(['example.org']);
    expect(attempts[0]?.test).toMatch(/loopbackOnly\.test\.ts$/);
  });

  it('lets loopback through', async () => {
    const http = httpOnLoopback();
    const url = await http.serve((_, res) => res.end('ok'));
    try {
      expect(await (await fetch(`${url}/`)).text()).toBe('ok');
      expect(await (await fetch(`${url.replace('127.0.0.1', 'localhost')}/`)).text()).toBe('ok');
    } finally {
      await http.close();
    }
    expect(takeAttempts()).toEqual([]);
  });
});
