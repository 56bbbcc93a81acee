/**
 * What a failure notice says happened, from the errors the production client really throws: Octokit
 * against a loopback server that answers 502, one that takes the connection and closes it, a port that
 * refuses, one that never answers, and an aborted request.
 */
import { Octokit } from '@octokit/rest';
import { afterEach, describe, expect, it } from 'vitest';
import { timedFetch } from '../../src/github/timedFetch.js';
import { describeFailure } from '../../src/jobs/failureNotice.js';
import { freePort, httpOnLoopback } from '../support/ports.js';

const http = httpOnLoopback();
afterEach(() => http.close());
const serve = http.serve;

async function failureOf(baseUrl: string, signal?: AbortSignal, fetch?: typeof globalThis.fetch): Promise<unknown> {
  const octokit = new Octokit({ baseUrl, request: { retries: 0, ...(signal ? { signal } : {}), ...(fetch ? { fetch } : {}) } });
  return octokit.request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'api' }).then(
    () => expect.unreachable('the request should fail'),
    (error: unknown) => error,
  );
}

describe('describeFailure', () => {
  it('says GitHub answered only when it did, with its status', async () => {
    const url = await serve((_, res) => res.writeHead(502, { 'content-type': 'application/json' }).end('{"message":"Bad gateway"}'));
    expect(describeFailure(await failureOf(url))).toBe('GitHub answered HTTP 502');
  });

  it('says GitHub could not be reached when no answer came (Octokit calls that status 500 too)', async () => {
    const refused = await failureOf(`http://127.0.0.1:${await freePort()}`);
    expect((refused as { status?: number }).status).toBe(500);
    expect(describeFailure(refused)).toBe('GitHub could not be reached');
    const url = await serve((req) => req.socket.destroy());
    expect(describeFailure(await failureOf(url))).toBe('GitHub could not be reached');
  });

  it('says the server stopped when the run was aborted', async () => {
    const url = await serve(() => undefined);
    const abort = new AbortController();
    const pending = failureOf(url, abort.signal);
    setTimeout(() => abort.abort(), 50);
    expect(describeFailure(await pending)).toBe('the server stopped before the run finished');
  });

  it("says GitHub did not answer in time past timedFetch's limit, and still that the server stopped when the run is aborted first", async () => {
    const url = await serve(() => undefined);
    expect(describeFailure(await failureOf(url, undefined, timedFetch(100)))).toBe('GitHub did not answer in time');
    const abort = new AbortController();
    const pending = failureOf(url, abort.signal, timedFetch(5_000));
    setTimeout(() => abort.abort(), 50);
    expect(describeFailure(await pending)).toBe('the server stopped before the run finished');
  });

  it('names nothing it does not know', () => {
    expect(describeFailure(new Error('secret details'))).toBe('an internal error');
    expect(describeFailure('boom')).toBe('an internal error');
  });
});
