/** timedFetch against loopback servers: the limit is on the wait for GitHub's answer to begin, not on a body already arriving. */
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { timedFetch } from '../../src/github/timedFetch.js';
import { httpOnLoopback } from '../support/ports.js';

const http = httpOnLoopback();
afterEach(() => http.close());
const serve = http.serve;

/** Headers at once, then the body in four parts `everyMs` apart. */
const trickle = (everyMs: number) => (_req: unknown, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/plain' }).flushHeaders();
  let sent = 0;
  const timer = setInterval(() => {
    res.write(`part${sent} `);
    if (++sent === 4) {
      clearInterval(timer);
      res.end();
    }
  }, everyMs);
};

describe('timedFetch', () => {
  it('fails with a TimeoutError when the answer has not begun within the limit', async () => {
    const url = await serve(() => undefined);
    const started = performance.now();
    const error = await timedFetch(150)(url).catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('reads a body that takes longer than the limit once the answer has begun', async () => {
    const url = await serve(trickle(150));
    const response = await timedFetch(150)(url);
    expect(await response.text()).toBe('part0 part1 part2 part3 ');
  });

  it("lets the caller's own signal abort, while the body is read too", async () => {
    const url = await serve(trickle(200));
    const abort = new AbortController();
    const response = await timedFetch(5_000)(url, { signal: abort.signal });
    setTimeout(() => abort.abort(), 100);
    const error = await response.text().catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
  });
});
