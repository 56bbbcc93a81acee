import { fork } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { JOB_CONCURRENCY } from '../src/app/jobConcurrency.js';
import { GITHUB_WRITE_LIMITS } from '../src/github/writeLimits.js';
import { startFakeClaude } from '../test/support/fakeClaude.js';
import { startFakeGitHub, type RecordedRequest } from '../test/support/fakeGitHub.js';
import { mb, ms, percentile } from './stats.js';

const CONNECTIONS = 20;
const MODEL_DELAY_MS = 3000;
const SECRET = 'bench-secret';
const WARM_UP = 10;
/** The app's default job concurrency (startServer and the Redis workers). */
const CONCURRENCY = JOB_CONCURRENCY;

interface Definition {
  name: string;
  examples: { action?: string; installation?: unknown }[];
}

interface Scenario {
  name: string;
  installations: number;
  perInstallation: number;
}

function labeledExample(): Record<string, unknown> {
  const index = createRequire(import.meta.url).resolve('@octokit/webhooks-examples');
  const defs = JSON.parse(readFileSync(index, 'utf8')) as Definition[];
  const examples = defs.find((d) => d.name === 'issues')!.examples.filter((e) => e.action === 'labeled');
  return structuredClone(examples.find((e) => e.installation) ?? examples[0]!) as Record<string, unknown>;
}

interface BurstResult {
  events: number;
  ackP50: number;
  ackP99: number;
  /** Arrival to response end, measured inside the server. */
  serverP50: number;
  serverP99: number;
  loop: string;
  statuses: Map<number, number>;
  allCommentsMs: number;
  comments: number;
  peakRss: number;
  requestsPerEvent: number;
  byTemplate: Map<string, number>;
  /** GitHub answers that were a rate-limit refusal (403/429 from the strict fake). */
  rateLimited: number;
  /** Content-creating requests (POST/PATCH/PUT) of the busiest installation. */
  busiestWrites: number;
  /** Job outcomes reported by the app (empty for the baseline). */
  outcomes: Record<string, number>;
}

const isRateLimited = (r: RecordedRequest) => (r.status === 403 || r.status === 429) && /rate limit/i.test(String((r.response as { message?: unknown } | undefined)?.message ?? ''));
const ownerOf = (i: number, scenario: Scenario) => (scenario.installations === 1 ? 'acme' : `org${i}`);

async function burst(mode: 'app' | 'baseline', scenario: Scenario): Promise<BurstResult> {
  const events = scenario.installations * scenario.perInstallation;
  // The strict fake: GitHub's secondary limits per installation (80 content-creating requests a minute, 500 an hour) on by default.
  const gh = await startFakeGitHub();
  const claude = await startFakeClaude();
  for (let i = 1; i <= scenario.installations; i++) {
    const owner = ownerOf(i, scenario);
    gh.addRepo({ owner, name: 'api', installationId: i });
    gh.state.installations.add(i);
    gh.setPermission(owner, 'api', 'lead', 'write');
    for (let n = 1; n <= scenario.perInstallation; n++) gh.addIssue({ owner, repo: 'api', number: n, title: `Feature ${n}: tenant billing API`, body: 'Store invoices in Postgres, expose a REST API, send emails.', labels: ['backend'] });
  }
  claude.queueFault(...Array.from({ length: events }, () => ({ delayMs: MODEL_DELAY_MS })));

  const child = fork(fileURLToPath(new URL('./burstServer.js', import.meta.url)), [mode, gh.url, claude.url, SECRET], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve) => child.on('message', (m: { type: string; url: string }) => m.type === 'ready' && resolve(m.url)));

  const base = labeledExample();
  const bodies: string[] = [];
  // Interleaved: installation 1's first issue, installation 2's first issue, ... as deliveries from many customers arrive.
  for (let n = 1; n <= scenario.perInstallation; n++) {
    for (let i = 1; i <= scenario.installations; i++) {
      const payload = structuredClone(base) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const owner = ownerOf(i, scenario);
      payload.repository.name = 'api';
      payload.repository.full_name = `${owner}/api`;
      payload.repository.owner.login = owner;
      payload.installation = { id: i };
      payload.sender = { ...payload.sender, login: 'lead', type: 'User' };
      payload.label = { ...payload.label, name: 'backend' };
      payload.issue = { ...payload.issue, number: n, state: 'open', title: `Feature ${n}`, labels: [{ ...payload.label }], pull_request: undefined };
      bodies.push(JSON.stringify(payload));
    }
  }

  // Warm-up, the same for both: 10 deliveries of issues.opened on an issue without labels that does not
  // exist (verified, parsed, then ignored by both handlers: no GitHub writes), so the figures are of a
  // warm server, not of JIT compilation.
  for (let i = 0; i < WARM_UP; i++) {
    const warm = JSON.parse(bodies[i % bodies.length]!) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    warm.action = 'opened';
    delete warm.label;
    warm.issue = { ...warm.issue, number: 100_000 + i, labels: [], title: 'Warm-up', body: '' };
    const body = JSON.stringify(warm);
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
  const created = () => gh.requests.slice(requestsBefore).filter((r) => r.method === 'POST' && r.template === '/repos/{owner}/{repo}/issues/{issue_number}/comments' && r.status === 201).length;
  let allCommentsMs = NaN;
  // Watch for the last comment while the client sends (the baseline acks only after its comment).
  const watching = (async () => {
    const deadline = Date.now() + 60_000 + 3 * expectedMs(scenario, events);
    while (created() < events && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    if (created() >= events) allCommentsMs = performance.now() - start;
  })();
  const client = fork(fileURLToPath(new URL('./burstClient.js', import.meta.url)), [url, bodiesPath, SECRET, String(CONNECTIONS), `bench-${mode}-${scenario.installations}`], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const { latencies, statuses: statusCounts } = await new Promise<{ latencies: number[]; statuses: Record<string, number> }>((resolve) =>
    client.on('message', (m: { type: string; latencies: number[]; statuses: Record<string, number> }) => m.type === 'done' && resolve(m)),
  );
  await watching;
  const statuses = new Map(Object.entries(statusCounts).map(([k, v]) => [Number(k), v]));
  type Stats = { type: string; peakRss: number; handling: number[]; loopP99: number; loopMax: number; outcomes: Record<string, number> };
  const { peakRss, handling, loopP99, loopMax, outcomes } = await new Promise<Stats>((resolve) => {
    child.on('message', (m: Stats) => m.type === 'stats' && resolve(m));
    child.send({ type: 'stop' });
  });
  const requests = gh.requests.slice(requestsBefore);
  const byTemplate = new Map<string, number>();
  for (const r of requests) byTemplate.set(`${r.method} ${r.template ?? r.path}`, (byTemplate.get(`${r.method} ${r.template ?? r.path}`) ?? 0) + 1);
  const writesByOwner = new Map<string, number>();
  for (const r of requests) {
    if (r.method !== 'POST' && r.method !== 'PATCH' && r.method !== 'PUT') continue;
    const owner = /^\/repos\/([^/]+)\//.exec(r.path)?.[1] ?? 'app';
    writesByOwner.set(owner, (writesByOwner.get(owner) ?? 0) + 1);
  }
  const served = handling.slice(WARM_UP);
  const result: BurstResult = {
    events,
    ackP50: percentile(latencies, 50),
    ackP99: percentile(latencies, 99),
    serverP50: percentile(served, 50),
    serverP99: percentile(served, 99),
    loop: `event-loop delay p99 ${ms(loopP99)}, max ${ms(loopMax)}`,
    statuses,
    allCommentsMs,
    comments: created(),
    peakRss,
    requestsPerEvent: requests.length / events,
    byTemplate,
    rateLimited: requests.filter(isRateLimited).length,
    busiestWrites: Math.max(0, ...writesByOwner.values()),
    outcomes,
  };
  await gh.close();
  await claude.close();
  return result;
}

/** A rough wait bound for the watcher, from the documented rate (not a figure that is reported). */
function expectedMs(scenario: Scenario, events: number): number {
  return MODEL_DELAY_MS * Math.ceil(events / CONCURRENCY) + scenario.perInstallation * 750;
}

/**
 * The least time GitHub's documented rate allows for `writes` content-creating requests of one
 * installation after a model call: 80 a minute spread evenly is one every 750 ms.
 */
function githubBoundMs(writes: number): number {
  return MODEL_DELAY_MS + Math.max(0, writes - 1) * (60_000 / GITHUB_WRITE_LIMITS.perMinute);
}

function eventsFlag(): number {
  const flag = process.argv.find((a) => a.startsWith('--events='));
  const n = flag ? Number(flag.slice('--events='.length)) : 100;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--events must be a positive integer, got ${flag}`);
  return n;
}

/**
 * Signed issues.labeled bursts while the model takes 3 s, through the production client (the app's
 * paced Octokit, pacing ON) against the strict fake GitHub (rate limits per installation ON): N events on one
 * installation, 10 × 10 on ten installations, and the in-handler baseline on 10 × 10.
 */
export async function burstBench(print: (line: string) => void): Promise<void> {
  const events = eventsFlag();
  const single: Scenario = { name: `${events} events on 1 installation`, installations: 1, perInstallation: events };
  const spread: Scenario = { name: '10 × 10 events on 10 installations', installations: 10, perInstallation: 10 };
  print(`webhook burst: signed issues.labeled over ${CONNECTIONS} connections, model ${MODEL_DELAY_MS / 1000} s per call, job concurrency ${CONCURRENCY}; app's Octokit with pacing ON; fake GitHub enforcing 80 content-creating requests/min and 500/h per installation (--events=${events})`);
  const line = (name: string, r: BurstResult) =>
    `  ${name}: ack p50 ${ms(r.ackP50)}, p99 ${ms(r.ackP99)} (in-server p50 ${ms(r.serverP50)}, p99 ${ms(r.serverP99)}); HTTP ${[...r.statuses].map(([s, n]) => `${s}×${n}`).join(' ')}; ${r.comments}/${r.events} comments${Number.isNaN(r.allCommentsMs) ? ' (NOT ALL before the deadline)' : ` after ${(r.allCommentsMs / 1000).toFixed(1)} s`}; rate-limit refusals ${r.rateLimited}; peak RSS ${mb(r.peakRss)}; ${r.loop}; ${r.requestsPerEvent.toFixed(2)} GitHub requests per event${Object.keys(r.outcomes).length > 0 ? `; jobs ${Object.entries(r.outcomes).map(([k, n]) => `${k}×${n}`).join(', ')}` : ''}`;
  const bound = (r: BurstResult) => {
    const rate = githubBoundMs(r.busiestWrites);
    // Rounds of CONCURRENCY model calls: the other floor of the time to all comments.
    const modelBound = MODEL_DELAY_MS * Math.ceil(r.events / CONCURRENCY);
    const pct = (limit: number) => {
      const over = Math.round((r.allCommentsMs / limit - 1) * 100);
      return `${over >= 0 ? '+' : ''}${over}%`;
    };
    const binding = modelBound > rate ? `the model-concurrency bound binds: ${pct(Math.max(rate, modelBound))} over max(rate, model)` : "the documented rate binds";
    return `    vs GitHub's documented rate: ${r.busiestWrites} content-creating requests on the busiest installation → ≥ ${(rate / 1000).toFixed(2)} s (3 s model + one write per 750 ms); measured ${(r.allCommentsMs / 1000).toFixed(1)} s = ${pct(rate)} (goal ≤ +15%); model-concurrency bound ${(modelBound / 1000).toFixed(1)} s (ceil(${r.events} / ${CONCURRENCY} jobs) × 3 s): ${binding}`;
  };

  const one = await burst('app', single);
  print(`  ${single.name}`);
  print(line('app (queue)       ', one));
  print(bound(one));
  const ten = await burst('app', spread);
  const base = await burst('baseline', spread);
  print(`  ${spread.name}`);
  print(line('app (queue)       ', ten));
  print(bound(ten));
  print(line('baseline (awaits) ', base));
  print(`  ratio baseline/app on 10 × 10: ack p99 x${(base.ackP99 / ten.ackP99).toFixed(0)}, in-server ack p99 x${(base.serverP99 / ten.serverP99).toFixed(0)}; time to all comments ${(base.allCommentsMs / ten.allCommentsMs).toFixed(2)}`);
  print(`  app requests by endpoint, ${single.name}:`);
  for (const [k, v] of [...one.byTemplate].sort((a, b) => b[1] - a[1])) print(`    ${String(v).padStart(4)}  ${k}`);
}
