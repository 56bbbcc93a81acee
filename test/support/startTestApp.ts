/**
 * The whole app on loopback, for scenario tests: a fake GitHub with a repository, a fake Claude (unless
 * offline), a test Probot pointed at the fake, and the real server (`startServer`) on 127.0.0.1.
 *
 *   const t = await startTestApp();
 *   t.gh.addIssue({ owner: t.owner, repo: t.repo, number: 7, labels: ['backend'] });
 *   const res = await t.send('issues', t.payload('issues', 'labeled', (p) => { p.issue.number = 7; }));
 *   await t.waitForIdle();
 *   t.gh.assertNoViolations();
 *   await t.close();
 *
 * Webhooks are signed like GitHub signs them (`x-hub-signature-256`: HMAC-SHA256 of the exact body).
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Logger } from 'probot';
import { loadBuiltinAgents } from '../../src/agents/builtinAgents.js';
import { startServer, WEBHOOK_PATH, type RunningServer, type StartOptions } from '../../src/app/startServer.js';
import type { JobOutcome } from '../../src/jobs/JobContext.js';
import { webhookExample } from '../triggers/webhookExample.js';
import { startFakeClaude, type FakeClaude, type FakeClaudeOptions } from './fakeClaude.js';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from './fakeGitHub.js';
import { createTestProbot } from './fakeGitHubProbot.js';
import type { ProbotOctokit } from 'probot';

export const TEST_SECRET = 'test-secret';

export type Outcome = JobOutcome | { status: 'failed'; error: string };

export interface RecordedOutcome {
  event: { id: string; name: string };
  outcome: Outcome;
}

export interface TestAppOptions {
  /** No API key: the app runs the offline engine and no fake Claude is started. */
  offline?: boolean;
  owner?: string;
  repo?: string;
  /** Installation id of the seeded repository (default 1). */
  installationId?: number;
  github?: FakeGitHubOptions;
  claude?: FakeClaudeOptions;
  /** The Probot's logger (see createTestProbot); default: level fatal. */
  log?: Logger;
  /** More server options (concurrency, repoCacheMs, state, queue ...). */
  server?: Partial<Omit<StartOptions, 'probot' | 'port' | 'host' | 'env' | 'builtinAgents' | 'onOutcome'>>;
  /** Probot's Octokit class (default: fakeGitHubProbot's FastProbotOctokit, no throttling). */
  octokit?: typeof ProbotOctokit;
}

/** A real payload, typed loosely so tests can set any field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LoosePayload = any;

export interface SendOptions {
  /** X-GitHub-Delivery; a fresh UUID by default. Reuse one to simulate a redelivery. */
  deliveryId?: string;
  /** Override the signature header (a wrong one, or '' to omit it). */
  signature?: string;
}

export interface SendResult {
  status: number;
  body: string;
  deliveryId: string;
  /** Milliseconds from sending to the full response. */
  ms: number;
}

export interface TestApp {
  gh: FakeGitHub;
  /** Undefined when offline. */
  claude: FakeClaude | undefined;
  server: RunningServer;
  url: string;
  owner: string;
  repo: string;
  installationId: number;
  outcomes: RecordedOutcome[];
  /** POST a signed webhook to /api/github/webhooks. */
  send(eventName: string, payload: unknown, options?: SendOptions): Promise<SendResult>;
  /** Resolves once at least `n` outcomes were recorded (in total since start) and returns them. */
  waitForOutcomes(n: number, timeoutMs?: number): Promise<RecordedOutcome[]>;
  /** Resolves when the queue is empty (jobs waiting plus running). */
  waitForIdle(timeoutMs?: number): Promise<void>;
  /**
   * A real example payload for `event.action` from @octokit/webhooks-examples, pointed at the seeded
   * repository and installation; `mutate` edits it in place.
   */
  payload(event: string, action: string | undefined, mutate?: (payload: LoosePayload) => void): LoosePayload;
  close(): Promise<void>;
}

export function sign(body: string, secret = TEST_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const owner = options.owner ?? 'acme';
  const repo = options.repo ?? 'api';
  const installationId = options.installationId ?? 1;
  const gh = await startFakeGitHub({ installationId, ...options.github });
  gh.addRepo({ owner, name: repo, installationId });
  const claude = options.offline ? undefined : await startFakeClaude(options.claude);
  const probot = createTestProbot(gh.url, { secret: TEST_SECRET, log: options.log, Octokit: options.octokit });
  const outcomes: RecordedOutcome[] = [];
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const server = await startServer({
    ...options.server,
    probot,
    port: 0,
    host: '127.0.0.1',
    env: { apiKey: claude ? 'test-key' : undefined, baseURL: claude?.url },
    builtinAgents: await loadBuiltinAgents(),
    onOutcome: (event, outcome) => {
      outcomes.push({ event, outcome });
      // The queue counts the job as running until its run() returns; notify after that.
      setImmediate(notify);
    },
  });

  const waitUntil = (predicate: () => boolean, timeoutMs: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      if (predicate()) return resolve();
      const check = () => {
        if (!predicate()) return;
        cleanup();
        resolve();
      };
      const poll = setInterval(check, 5);
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; outcomes so far: ${JSON.stringify(outcomes)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearInterval(poll);
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
    });

  return {
    gh,
    claude,
    server,
    url: server.url,
    owner,
    repo,
    installationId,
    outcomes,
    async send(eventName, payload, sendOptions = {}) {
      const body = JSON.stringify(payload);
      const deliveryId = sendOptions.deliveryId ?? randomUUID();
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'GitHub-Hookshot/test',
        'x-github-event': eventName,
        'x-github-delivery': deliveryId,
        'x-github-hook-installation-target-type': 'integration',
        'x-github-hook-installation-target-id': '1',
      };
      const signature = sendOptions.signature ?? sign(body);
      if (signature) headers['x-hub-signature-256'] = signature;
      const started = performance.now();
      const res = await fetch(`${server.url}${WEBHOOK_PATH}`, { method: 'POST', headers, body });
      const text = await res.text();
      return { status: res.status, body: text, deliveryId, ms: performance.now() - started };
    },
    async waitForOutcomes(n, timeoutMs = 15_000) {
      await waitUntil(() => outcomes.length >= n, timeoutMs, `${n} outcome(s)`);
      return outcomes.slice(0, n);
    },
    async waitForIdle(timeoutMs = 15_000) {
      // Let the request that was just acknowledged enqueue its job first.
      await new Promise((resolve) => setImmediate(resolve));
      await waitUntil(() => server.queue.size === 0, timeoutMs, 'an idle queue');
    },
    payload(event, action, mutate) {
      const example = webhookExample<Record<string, unknown>>(event, action);
      const repository = (example.repository ?? {}) as Record<string, unknown>;
      const ownerObject = { ...((repository.owner ?? {}) as Record<string, unknown>), login: owner };
      example.repository = {
        ...repository,
        name: repo,
        full_name: `${owner}/${repo}`,
        owner: ownerObject,
        default_branch: 'main',
      };
      example.installation = { ...((example.installation ?? {}) as Record<string, unknown>), id: installationId };
      if (example.organization) example.organization = { ...(example.organization as Record<string, unknown>), login: owner };
      mutate?.(example);
      return example;
    },
    async close() {
      await server.stop(1_000);
      await claude?.close();
      await gh.close();
    },
  };
}
