import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadBuiltinAgents } from '../../src/agents/builtinAgents.js';
import { shutdownOnSignal } from '../../src/app/shutdownOnSignal.js';
import { startServer, WEBHOOK_PATH, type RunningServer } from '../../src/app/startServer.js';
import { startFakeClaude, type FakeClaude } from '../support/fakeClaude.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { createTestProbot } from '../support/fakeGitHubProbot.js';
import { sign, TEST_SECRET } from '../support/startTestApp.js';
import { webhookExample } from '../triggers/webhookExample.js';

const OWNER = 'acme';
const REPO = 'api';
const USER = 'tech-lead';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

interface Setup {
  gh: FakeGitHub;
  claude: FakeClaude;
  server: RunningServer;
  warn: ReturnType<typeof vi.fn>;
  send(issue: number): Promise<number>;
}

async function setup(): Promise<Setup> {
  const gh = await startFakeGitHub({ installationId: 1 });
  gh.addRepo({ owner: OWNER, name: REPO, installationId: 1 });
  gh.setPermission(OWNER, REPO, USER, 'write');
  const claude = await startFakeClaude();
  const builtinAgents = await loadBuiltinAgents();
  // As in main.ts: the server starts right after the Probot is created, while Probot 14 still builds its
  // logger (`probot.log` is null until then).
  const probot = createTestProbot(gh.url, { secret: TEST_SECRET });
  const server = await startServer({
    probot,
    port: 0,
    host: '127.0.0.1',
    env: { apiKey: 'test-key', baseURL: claude.url },
    builtinAgents,
    concurrency: 1,
  });
  const warn = vi.fn();
  // The queue's log lines go through Probot's logger.
  probot.log.warn = warn as unknown as typeof probot.log.warn;
  let stopped = false;
  cleanup = async () => {
    if (!stopped) await server.stop(100);
    stopped = true;
    await claude.close();
    await gh.close();
  };
  const send = async (issue: number) => {
    gh.addIssue({ owner: OWNER, repo: REPO, number: issue, title: `Issue ${issue}`, body: 'An API.', labels: ['backend'] });
    const payload = webhookExample<Record<string, any>>('issues', 'labeled'); // eslint-disable-line @typescript-eslint/no-explicit-any
    payload.repository = { ...payload.repository, name: REPO, full_name: `${OWNER}/${REPO}`, owner: { ...payload.repository.owner, login: OWNER } };
    payload.installation = { ...payload.installation, id: 1 };
    payload.issue = { ...payload.issue, number: issue, title: `Issue ${issue}`, body: 'An API.', state: 'open' };
    delete payload.issue.pull_request;
    payload.label = { ...payload.label, name: 'backend' };
    payload.sender = { ...payload.sender, login: USER, type: 'User' };
    const body = JSON.stringify(payload);
    const res = await fetch(`${server.url}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': `d-${issue}`, 'x-hub-signature-256': sign(body) },
      body,
    });
    await res.text();
    return res.status;
  };
  return { gh, claude, server, warn, send };
}

const until = async (predicate: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('SIGTERM', () => {
  it('stops intake, logs one line per abandoned job, and exits 0', async () => {
    const s = await setup();
    // The first job holds the only slot on a slow model call; two more wait behind it.
    s.claude.queueFault({ delayMs: 3_000 });
    expect(await s.send(1)).toBe(200);
    await until(() => s.claude.requests.length > 0);
    expect(await s.send(2)).toBe(200);
    expect(await s.send(3)).toBe(200);
    expect(s.server.queue.size).toBe(3);

    const proc = new EventEmitter();
    const exit = vi.fn();
    const log = { info: vi.fn(), error: vi.fn() };
    shutdownOnSignal(proc, s.server, log, exit, 200);
    proc.emit('SIGTERM');
    expect(log.info).toHaveBeenCalledWith(expect.stringMatching(/^SIGTERM: stopping intake/));

    // Intake stops at once: a webhook now is refused (or the connection is), never queued.
    const late = await s.send(4).catch(() => 'refused');
    expect(late === 'refused' || late === 503).toBe(true);

    await until(() => exit.mock.calls.length > 0);
    expect(exit).toHaveBeenCalledWith(0);
    const abandoned = s.warn.mock.calls.map((c) => String(c[1])).filter((m) => m.startsWith('abandoned at shutdown'));
    expect(abandoned.sort()).toEqual([
      `abandoned at shutdown: issues.labeled ${OWNER}/${REPO}#1`,
      `abandoned at shutdown: issues.labeled ${OWNER}/${REPO}#2`,
      `abandoned at shutdown: issues.labeled ${OWNER}/${REPO}#3`,
    ]);
    // No job for the late webhook, and the waiting ones never ran.
    expect(s.gh.comments(OWNER, REPO, 4)).toEqual([]);
    expect(s.claude.requests).toHaveLength(1);
  });

  it('an abandoned job writes nothing after the abort, even when its model call answers later', async () => {
    const s = await setup();
    s.claude.queueFault({ delayMs: 1_500 });
    expect(await s.send(1)).toBe(200);
    await until(() => s.claude.requests.length > 0);
    const exit = vi.fn();
    const proc = new EventEmitter();
    shutdownOnSignal(proc, s.server, { info: () => undefined, error: () => undefined }, exit, 100);
    proc.emit('SIGTERM');
    await until(() => exit.mock.calls.length > 0);
    const writes = () => s.gh.writes().filter((w) => !w.path.startsWith('/app/'));
    const writesAtAbort = writes().length;
    const refused = () => s.warn.mock.calls.some((c) => /write refused: createComment after the job was abandoned/.test(String(c[1])));
    // The model answers after the abort; the job goes on to render the plan and tries to post it.
    await until(() => refused() || writes().length > writesAtAbort, 5_000);
    expect(writes()).toHaveLength(writesAtAbort);
    expect(refused()).toBe(true);
    expect(s.gh.comments(OWNER, REPO, 1)).toEqual([]);
  });

  it('lets a running job finish within the grace period: nothing abandoned', async () => {
    const s = await setup();
    s.claude.queueFault({ delayMs: 300 });
    await s.send(1);
    await until(() => s.claude.requests.length > 0);
    const proc = new EventEmitter();
    const exit = vi.fn();
    shutdownOnSignal(proc, s.server, { info: () => undefined, error: () => undefined }, exit, 10_000);
    proc.emit('SIGTERM');
    proc.emit('SIGINT');
    await until(() => exit.mock.calls.length > 0);
    expect(exit.mock.calls).toEqual([[0]]);
    expect(s.warn.mock.calls.filter((c) => String(c[1]).startsWith('abandoned'))).toEqual([]);
    expect(s.gh.comments(OWNER, REPO, 1).filter((c) => c.user.login === s.gh.botLogin)).toHaveLength(1);
  });
});
