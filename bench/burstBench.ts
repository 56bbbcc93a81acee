import { fork } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startFakeClaude } from '../test/support/fakeClaude.js';
import { startFakeGitHub } from '../test/support/fakeGitHub.js';
import { mb, ms, percentile } from './stats.js';

const EVENTS = 200;
const CONNECTIONS = 20;
const MODEL_DELAY_MS = 3000;
const SECRET = 'bench-secret';
const WARM_UP = 10;

interface Definition {
  name: string;
  examples: { action?: string; installation?: unknown }[];
}

function labeledExample(): Record<string, unknown> {
  const index = createRequire(import.meta.url).resolve('@octokit/webhooks-examples');
  const defs = JSON.parse(readFileSync(index, 'utf8')) as Definition[];
  const examples = defs.find((d) => d.name === 'issues')!.examples.filter((e) => e.action === 'labeled');
  return structuredClone(examples.find((e) => e.installation) ?? examples[0]!) as Record<string, unknown>;
}

interface BurstResult {
  ackP50: number;
  ackP99: number;
  /** The same, measured inside the server (arrival to response end); NaN for the baseline. */
  serverP99: number;
  loop: string;
  statuses: Map<number, number>;
  allCommentsMs: number;
  peakRss: number;
  requestsPerEvent: number;
  byTemplate: Map<string, number>;
}

async function burst(mode: 'app' | 'baseline'): Promise<BurstResult> {
  const gh = await startFakeGitHub();
  const claude = await startFakeClaude();
  gh.addRepo({ owner: 'acme', name: 'api' });
  gh.setPermission('acme', 'api', 'lead', 'write');
  for (let n = 1; n <= EVENTS; n++) gh.addIssue({ owner: 'acme', repo: 'api', number: n, title: `Feature ${n}: tenant billing API`, body: 'Store invoices in Postgres, expose a REST API, send emails.', labels: ['backend'] });
  claude.queueFault(...Array.from({ length: EVENTS }, () => ({ delayMs: MODEL_DELAY_MS })));

  const child = fork(fileURLToPath(new URL('./burstServer.js', import.meta.url)), [mode, gh.url, claude.url, SECRET], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve) => child.on('message', (m: { type: string; url: string }) => m.type === 'ready' && resolve(m.url)));

  const base = labeledExample();
  const bodies = Array.from({ length: EVENTS }, (_, i) => {
    const payload = structuredClone(base) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    payload.repository.name = 'api';
    payload.repository.full_name = 'acme/api';
    payload.repository.owner.login = 'acme';
    payload.installation = { id: 1 };
    payload.sender = { ...payload.sender, login: 'lead', type: 'User' };
    payload.label = { ...payload.label, name: 'backend' };
    payload.issue = { ...payload.issue, number: i + 1, state: 'open', title: `Feature ${i + 1}`, labels: [{ ...payload.label }], pull_request: undefined };
    return JSON.stringify(payload);
  });

  // Warm-up, the same for both: 10 deliveries of an unlabeled issues.opened (verified, parsed, then
  // ignored by both handlers), so the figures are of a warm server, not of JIT compilation.
  for (let i = 0; i < WARM_UP; i++) {
    const body = bodies[i]!.replace('"action":"labeled"', '"action":"opened"').replace(/"label":\{[^}]*\},?/, '');
    const res = await fetch(`${url}/api/github/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': `warm-${mode}-${i}`, 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` },
      body,
    });
    await res.arrayBuffer();
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const bodiesPath = join(mkdtempSync(join(tmpdir(), 'agency-burst-')), 'bodies.json');
  writeFileSync(bodiesPath, JSON.stringify(bodies));
  const requestsBefore = gh.requests.length;
  const start = performance.now();
  const client = fork(fileURLToPath(new URL('./burstClient.js', import.meta.url)), [url, bodiesPath, SECRET, String(CONNECTIONS), `bench-${mode}`], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const { latencies, statuses: statusCounts } = await new Promise<{ latencies: number[]; statuses: Record<string, number> }>((resolve) =>
    client.on('message', (m: { type: string; latencies: number[]; statuses: Record<string, number> }) => m.type === 'done' && resolve(m)),
  );
  const statuses = new Map(Object.entries(statusCounts).map(([k, v]) => [Number(k), v]));
  const created = () => gh.requests.filter((r) => r.method === 'POST' && r.template === '/repos/{owner}/{repo}/issues/{issue_number}/comments' && r.status === 201).length;
  const deadline = Date.now() + 240_000;
  while (created() < EVENTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  const allCommentsMs = performance.now() - start;
  const { peakRss, handling, loopP99, loopMax } = await new Promise<{ peakRss: number; handling: number[]; loopP99: number; loopMax: number }>((resolve) => {
    child.on('message', (m: { type: string; peakRss: number; handling: number[]; loopP99: number; loopMax: number }) => m.type === 'stats' && resolve(m));
    child.send({ type: 'stop' });
  });
  const requests = gh.requests.slice(requestsBefore);
  const byTemplate = new Map<string, number>();
  for (const r of requests) byTemplate.set(`${r.method} ${r.template ?? r.path}`, (byTemplate.get(`${r.method} ${r.template ?? r.path}`) ?? 0) + 1);
  const result: BurstResult = {
    ackP50: percentile(latencies, 50),
    ackP99: percentile(latencies, 99),
    loop: `event-loop delay p99 ${ms(loopP99)}, max ${ms(loopMax)}`,
    serverP99: handling.length > WARM_UP ? percentile(handling.slice(WARM_UP), 99) : NaN,
    statuses,
    allCommentsMs: created() >= EVENTS ? allCommentsMs : NaN,
    peakRss,
    requestsPerEvent: requests.length / EVENTS,
    byTemplate,
  };
  await gh.close();
  await claude.close();
  return result;
}

/** 200 signed deliveries over 20 connections while the model takes 3 s: the app vs awaiting the model in the handler. */
export async function burstBench(print: (line: string) => void): Promise<void> {
  print(`webhook burst: ${EVENTS} signed issues.labeled deliveries over ${CONNECTIONS} connections, model ${MODEL_DELAY_MS / 1000} s per call`);
  const app = await burst('app');
  const base = await burst('baseline');
  const line = (name: string, r: BurstResult) =>
    `  ${name}: ack p50 ${ms(r.ackP50)}, p99 ${ms(r.ackP99)}${Number.isNaN(r.serverP99) ? '' : ` (in-server p99 ${ms(r.serverP99)})`}; HTTP ${[...r.statuses].map(([s, n]) => `${s}×${n}`).join(' ')}; all ${EVENTS} comments after ${Number.isNaN(r.allCommentsMs) ? 'NOT ALL (timeout)' : ms(r.allCommentsMs)}; peak RSS ${mb(r.peakRss)}; ${r.loop}; ${r.requestsPerEvent.toFixed(2)} GitHub requests per event`;
  print(line('app (queue)       ', app));
  print(line('baseline (awaits) ', base));
  print(`  ratio ack p99 baseline/app: x${(base.ackP99 / app.ackP99).toFixed(0)}; time to all comments app/baseline: ${(app.allCommentsMs / base.allCommentsMs).toFixed(2)}`);
  print('  app requests by endpoint over the burst:');
  for (const [k, v] of [...app.byTemplate].sort((a, b) => b[1] - a[1])) print(`    ${String(v).padStart(4)}  ${k}`);
}
