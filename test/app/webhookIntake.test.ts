import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WEBHOOK_PATH } from '../../src/app/startServer.js';
import { WEBHOOK_BODY_LIMIT } from '../../src/app/webhookIntake.js';
import { captureLog, type CapturedLog } from '../support/captureLog.js';
import { sign, startTestApp, type TestApp } from '../support/startTestApp.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const USER = 'tech-lead';

async function app(captured: CapturedLog): Promise<TestApp> {
  t = await startTestApp({ offline: true, log: captured.log });
  t.gh.setPermission(t.owner, t.repo, USER, 'write');
  t.gh.addIssue({ owner: t.owner, repo: t.repo, number: 7, title: 'Orders API', body: 'An API.', labels: ['backend'] });
  return t;
}

function labeled(a: TestApp, padding = '') {
  return a.payload('issues', 'labeled', (p) => {
    p.issue = { ...p.issue, number: 7, title: 'Orders API', body: `An API.${padding}`, state: 'open', labels: [{ name: 'backend' }] };
    delete p.issue.pull_request;
    p.label = { ...p.label, name: 'backend' };
    p.sender = { ...p.sender, login: USER, type: 'User' };
  });
}

interface RawResult {
  status: number;
  body: string;
}

/**
 * A POST with node:http, so the test controls Content-Length and streaming. `chunks` are written one
 * after another; writes after the server answered (and closed) are dropped, as a real client's would fail.
 */
function post(url: string, headers: Record<string, string | number>, chunks: (Buffer | string)[]): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // EPIPE/ECONNRESET after the server answered and closed: expected for a refused body.
    req.on('error', (error) => {
      if (!answered) setTimeout(() => (answered ? undefined : reject(error)), 200);
    });
    const writeNext = (i: number) => {
      if (answered || req.destroyed) return;
      if (i >= chunks.length) return void req.end();
      if (req.write(chunks[i]!)) setImmediate(() => writeNext(i + 1));
      else req.once('drain', () => writeNext(i + 1));
    };
    req.flushHeaders();
    writeNext(0);
  });
}

const headersFor = (body: string, signature: string) => ({
  'content-type': 'application/json',
  'x-github-event': 'issues',
  'x-github-delivery': `d-${Math.random()}`,
  'x-hub-signature-256': signature,
  'content-length': Buffer.byteLength(body),
});

describe('webhook intake', () => {
  it('a bad signature costs one short log line, no payload, and no job', async () => {
    const captured = captureLog();
    const a = await app(captured);
    const marker = 'FORGED-PAYLOAD-MARKER';
    const body = JSON.stringify(labeled(a, ` ${marker} ${'x'.repeat(12_000)}`));
    expect(Buffer.byteLength(body)).toBeGreaterThan(12_000);
    for (let i = 0; i < 10; i++) {
      const res = await post(`${a.url}${WEBHOOK_PATH}`, headersFor(body, sign(body, 'not-the-secret')), [body]);
      expect(res.status).toBe(400);
    }
    await a.waitForIdle();
    expect(a.outcomes).toEqual([]);
    const lines = captured.lines();
    expect(lines.filter((l) => l.msg === 'webhook refused: signature does not match the webhook secret (WEBHOOK_SECRET)')).toHaveLength(10);
    expect(lines).toHaveLength(10);
    expect(captured.text()).not.toContain(marker);
    // Before: about 43 KB of log per request (the whole event, twice).
    expect(captured.bytes()).toBeLessThan(10 * 400);
  });

  it('a signed webhook still runs, at the webhook path and at the base URL Probot\'s setup flow registers', async () => {
    const captured = captureLog();
    const a = await app(captured);
    const body = JSON.stringify(labeled(a));
    expect((await post(`${a.url}${WEBHOOK_PATH}`, headersFor(body, sign(body)), [body])).status).toBe(200);
    expect((await post(`${a.url}/`, headersFor(body, sign(body)), [body])).status).toBe(200);
    const outcomes = await a.waitForOutcomes(2);
    // The same event twice: one runs, the other is a duplicate (decided at intake, so it may come first).
    expect(outcomes.map((o) => o.outcome.status).sort()).toEqual(['done', 'duplicate']);
    // A GET / is not a webhook.
    expect((await fetch(`${a.url}/`)).status).toBe(404);
  });

  it('refuses a body declared over GitHub\'s 25 MB cap with 413 before reading it', async () => {
    const captured = captureLog();
    const a = await app(captured);
    const declared = WEBHOOK_BODY_LIMIT + 1;
    // Only the headers are sent: the answer cannot depend on reading the body.
    const res = await post(`${a.url}${WEBHOOK_PATH}`, { ...headersFor('', 'sha256=00'), 'content-length': declared }, []);
    expect(res.status).toBe(413);
    expect(captured.lines().map((l) => l.msg)).toEqual([`webhook refused: ${declared} bytes is over GitHub's ${WEBHOOK_BODY_LIMIT}-byte payload cap`]);
    expect(a.outcomes).toEqual([]);
  });

  it('refuses a streamed body (no Content-Length) once it passes the cap, with one short log line', async () => {
    const captured = captureLog();
    const a = await app(captured);
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const chunks = Array.from({ length: 30 }, () => chunk);
    const { 'content-length': _omit, ...headers } = headersFor('', 'sha256=00');
    const res = await post(`${a.url}${WEBHOOK_PATH}`, { ...headers, 'transfer-encoding': 'chunked' }, chunks);
    expect(res.status).toBe(413);
    expect(captured.lines().map((l) => l.msg)).toEqual([`webhook refused: body over GitHub's ${WEBHOOK_BODY_LIMIT}-byte payload cap`]);
    expect(captured.bytes()).toBeLessThan(400);
    // The server is still serving.
    expect((await fetch(`${a.url}/healthz`)).status).toBe(200);
  });
});
