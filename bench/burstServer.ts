/**
 * Child process of the webhook burst benchmark: the app (or the baseline) alone in its process, so
 * its RSS is its own. Started by burstBench with fork(); talks over IPC.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createNodeMiddleware, type Probot } from 'probot';
import { loadBuiltinAgents } from '../src/agents/builtinAgents.js';
import { selectAgent } from '../src/agents/selectAgent.js';
import { appOctokit } from '../src/app/appOctokit.js';
import { startServer } from '../src/app/startServer.js';
import { WritePacer } from '../src/github/WritePacer.js';
import { ClaudeModel } from '../src/model/claude/ClaudeModel.js';
import { createTestProbot } from '../test/support/fakeGitHubProbot.js';

const [mode, ghUrl, claudeUrl, secret] = process.argv.slice(2) as [string, string, string, string];
let peakRss = process.memoryUsage().rss;
const handling: number[] = [];
const outcomes: Record<string, number> = {};
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 20).unref();

async function baseline(probot: Probot): Promise<ReturnType<typeof createServer>> {
  // The common Probot pattern: the handler awaits the model, so GitHub waits for the answer.
  const agents = await loadBuiltinAgents();
  const model = new ClaudeModel({ apiKey: 'bench-key', baseURL: claudeUrl, model: 'claude-sonnet-5-5', maxOutputTokens: 8192, inputTokenBudget: 60000, timeoutMs: 60_000 });
  const middleware = await createNodeMiddleware(
    (app) => {
      app.on('issues.labeled', async (context) => {
        const { data } = await model.plan({
          agent: selectAgent(agents, 'plan'),
          focus: 'plan',
          subject: { kind: 'issue', title: context.payload.issue.title, body: context.payload.issue.body ?? '', comments: [] },
          decisions: [],
        });
        await context.octokit.rest.issues.createComment(context.issue({ body: data.summary || "plan" }));
      });
    },
    { probot, webhooksPath: '/api/github/webhooks' },
  );
  const server = createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function main(): Promise<void> {
  // The production client for both: the app's Octokit, writes paced per installation (throttling ON).
  const pacer = new WritePacer();
  const probot = createTestProbot(ghUrl, { secret, Octokit: appOctokit({ pacer }) });
  let server: ReturnType<typeof createServer>;
  if (mode === 'baseline') server = await baseline(probot);
  else {
    const running = await startServer({
      probot,
      port: 0,
      host: '127.0.0.1',
      env: { apiKey: 'bench-key', baseURL: claudeUrl },
      builtinAgents: await loadBuiltinAgents(),
      pacer,
      onOutcome: (_event, outcome) => {
        const key = outcome.status === 'failed' ? `failed (${outcome.error.slice(0, 80)})` : outcome.status;
        outcomes[key] = (outcomes[key] ?? 0) + 1;
      },
    });
    server = running.server;
  }
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // Server-side handling time of each webhook (arrival to response end), next to what the client measures.
  server.on('request', (req, res) => {
    const t0 = performance.now();
    res.on('finish', () => handling.push(performance.now() - t0));
  });
  // BENCH_PROFILE=dir: a CPU profile of this process during the burst, for finding what delays acks.
  const profileDir = process.env.BENCH_PROFILE;
  const session = profileDir ? new Session() : undefined;
  if (session) {
    session.connect();
    await new Promise<void>((resolve) => session.post('Profiler.enable', () => session.post('Profiler.start', () => resolve())));
  }
  process.send!({ type: 'ready', url });
  process.on('message', (message: { type: string }) => {
    if (message.type !== 'stop') return;
    const finish = () => process.send!({ type: 'stats', peakRss, handling, outcomes, loopP99: loopDelay.percentile(99) / 1e6, loopMax: loopDelay.max / 1e6 }, () => process.exit(0));
    if (!session) return finish();
    session.post('Profiler.stop', (_err, result) => {
      writeFileSync(`${profileDir}/${mode}.cpuprofile`, JSON.stringify(result.profile));
      finish();
    });
  });
}

void main();
