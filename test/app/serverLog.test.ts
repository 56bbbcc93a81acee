import { createServer } from 'node:net';
import { createProbot } from 'probot';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { devWebhookNotice } from '../../src/app/devWebhookNotice.js';
import { probotEnv } from '../../src/app/probotEnv.js';
import { WEBHOOK_PATH } from '../../src/app/startServer.js';
import { captureLog } from '../support/captureLog.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { testPrivateKey } from '../support/fakeGitHubProbot.js';
import { sign, startTestApp, type TestApp } from '../support/startTestApp.js';
import { freePort, listenOnLoopback } from '../support/ports.js';
import { cleanBundle, runMain, type MainProcess } from './runMain.js';

let t: TestApp | undefined;
let main: MainProcess | undefined;
let gh: FakeGitHub | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  await main?.stop();
  main = undefined;
  await gh?.close();
  gh = undefined;
});

/**
 * The process's GitHub: the fake on 127.0.0.1 as a GitHub Enterprise Server host, so the delivery
 * reconciliation it runs at start (GET /app/hook/deliveries) never leaves the machine.
 */
async function githubEnv(): Promise<Record<string, string>> {
  gh = await startFakeGitHub();
  return { APP_ID: '1', PRIVATE_KEY: testPrivateKey(), GHE_HOST: new URL(gh.url).host, GHE_PROTOCOL: 'http' };
}
afterAll(cleanBundle);

describe('the log level and format', () => {
  it('defaults to info (Probot alone defaults to warn, which says nothing while it works); LOG_LEVEL still wins', async () => {
    const base = { APP_ID: '1', PRIVATE_KEY: testPrivateKey() };
    expect((await createProbot({ env: base }).ready()).log.level).toBe('warn');
    expect((await createProbot({ env: probotEnv(base) }).ready()).log.level).toBe('info');
    expect((await createProbot({ env: probotEnv({ ...base, LOG_LEVEL: 'error' }) }).ready()).log.level).toBe('error');
  });

  it('is JSON lines in production (Probot alone prints pretty lines everywhere); an explicit LOG_FORMAT wins', () => {
    expect(probotEnv({ NODE_ENV: 'production' }).LOG_FORMAT).toBe('json');
    expect(probotEnv({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }).LOG_FORMAT).toBe('pretty');
    expect(probotEnv({ NODE_ENV: 'development' }).LOG_FORMAT).toBeUndefined();
    expect(probotEnv({}).LOG_FORMAT).toBeUndefined();
  });

  it('npm run dev without WEBHOOK_PROXY_URL says that no webhooks will arrive, and how to fix it', () => {
    expect(devWebhookNotice({ NODE_ENV: 'development' })).toMatch(/^WEBHOOK_PROXY_URL is not set: .*no webhooks will arrive\. Create a channel at https:\/\/smee\.io\/new/);
    expect(devWebhookNotice({ NODE_ENV: 'development', WEBHOOK_PROXY_URL: 'https://smee.io/abc' })).toBeUndefined();
    expect(devWebhookNotice({ NODE_ENV: 'production' })).toBeUndefined();
  });
});

describe('one info line per event and its outcome', () => {
  it('names the event, the issue and what became of it', async () => {
    const captured = captureLog('info');
    t = await startTestApp({ offline: true, log: captured.log });
    t.gh.setPermission(t.owner, t.repo, 'tech-lead', 'write');
    t.gh.addIssue({ owner: t.owner, repo: t.repo, number: 7, title: 'Orders API', body: 'An API.', labels: ['backend'] });
    const event = (sender: string) =>
      t!.payload('issues', 'labeled', (p) => {
        p.issue = { ...p.issue, number: 7, title: 'Orders API', body: 'An API.', state: 'open', labels: [{ name: 'backend' }] };
        delete p.issue.pull_request;
        p.label = { ...p.label, name: 'backend' };
        p.sender = { ...p.sender, login: sender, type: 'User' };
      });
    const done = await t.send('issues', event('tech-lead'));
    await t.waitForOutcomes(1);
    const denied = await t.send('issues', event('visitor'));
    await t.waitForOutcomes(2);
    const outcomeLines = (delivery: string) => captured.lines().filter((l) => l.delivery === delivery && l.level === 30 && 'outcome' in l);
    expect(outcomeLines(done.deliveryId).map((l) => l.msg)).toEqual([`issues.labeled ${t.owner}/${t.repo}#7: done`]);
    expect(outcomeLines(denied.deliveryId).map((l) => l.msg)).toEqual([`issues.labeled ${t.owner}/${t.repo}#7: denied (visitor lacks write permission)`]);
  });
});

describe('npm start (src/app/main.ts as a process)', () => {
  it('prints JSON lines in production (NODE_ENV=production, LOG_FORMAT unset): listening, a refused webhook, the shutdown', async () => {
    const port = await freePort();
    main = await runMain({ ...(await githubEnv()), WEBHOOK_SECRET: 'secret', PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' });
    await main.waitFor(/listening on/);
    await until(() => gh!.requests.some((r) => r.path === '/app/hook/deliveries' && r.status === 200));
    const body = JSON.stringify({ action: 'opened' });
    const res = await fetch(`http://127.0.0.1:${port}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': 'forged-1', 'x-hub-signature-256': sign(body, 'wrong') },
      body,
    });
    expect(res.status).toBe(400);
    await main.waitFor(/signature does not match/);
    expect(await main.stop()).toBe(0);
    const lines = main.stdout().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.msg)).toEqual([
      `listening on http://127.0.0.1:${port}${WEBHOOK_PATH}; engine: offline (no ANTHROPIC_API_KEY); queue: in process`,
      'webhook refused: signature does not match the webhook secret (WEBHOOK_SECRET)',
      'SIGTERM: stopping intake, finishing running jobs',
    ]);
    expect(lines[1]).toMatchObject({ level: 40, event: 'issues', delivery: 'forged-1' });
    expect(main.stderr()).toBe('');
  });

  it('in development without WEBHOOK_PROXY_URL, says that no webhooks will arrive', async () => {
    const port = await freePort();
    main = await runMain({ ...(await githubEnv()), WEBHOOK_SECRET: 'secret', PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development' });
    await main.waitFor(/no webhooks will arrive/);
    expect(main.stdout()).toMatch(/listening on/);
  });
});

describe('npm start when it cannot listen', () => {
  it('says which port is taken and what to do, in one line and no stack trace, and exits 1', async () => {
    const taken = createServer();
    const port = await listenOnLoopback(taken);
    try {
      main = await runMain({ ...(await githubEnv()), WEBHOOK_SECRET: 'secret', PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' });
      expect(await main.exited).toBe(1);
      expect(main.stderr().trim()).toBe(`agency-architect: failed to start: 127.0.0.1 port ${port} is already in use: stop what listens there or set PORT to a free port`);
      expect(main.stdout()).not.toMatch(/listening on|\n\s+at /);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
