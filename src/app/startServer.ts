import { createServer, type Server } from 'node:http';
import { createNodeMiddleware, type Probot } from 'probot';
import type { Agent } from '../domain/Agent.js';
import type { Config } from '../config/configSchema.js';
import type { JobOutcome } from '../jobs/JobContext.js';
import type { ModelEnv } from '../model/createModel.js';
import type { Model } from '../domain/Model.js';
import { InProcessQueue } from '../queue/InProcessQueue.js';
import type { JobQueue } from '../queue/JobQueue.js';
import { createMemoryState } from '../state/memoryState.js';
import type { SharedState } from '../state/SharedState.js';
import { createEventProcessor, type EventProcessor } from './eventProcessor.js';
import { startDeliveryReconciler, type ReconcileOptions } from './reconcileDeliveries.js';
import { createAppFn } from './createAppFn.js';
import { JOB_CONCURRENCY } from './jobConcurrency.js';
import { redactDeep } from '../security/redactor.js';
import { createSecurityDeps } from '../security/SecurityDeps.js';
import { webhookIntake } from './webhookIntake.js';
import type { Pacer } from '../github/Pacer.js';
import { register } from 'prom-client';
import { collectProcessMetrics } from '../metrics/metrics.js';
import { listen } from './listen.js';

export const WEBHOOK_PATH = '/api/github/webhooks';

export interface StartOptions {
  probot: Probot;
  port: number;
  host?: string;
  env: ModelEnv;
  builtinAgents: Agent[];
  /** Jobs running at once (default JOB_CONCURRENCY, 64): jobs mostly wait on the model, so this bounds open model calls, not CPU. */
  concurrency?: number;
  modelFor?: (config: Config) => Model;
  /** Web URL of GitHub Enterprise Server; default https://github.com. */
  serverUrl?: string;
  /** How long a repository's config, agents and decisions are reused (default 60 s). */
  repoCacheMs?: number;
  /** For tests: how long storing a delivery may take (createAppFn's INTAKE_DEADLINE_MS). */
  intakeDeadlineMs?: number;
  /** The app's own keys (private key, webhook secret ...): never written, logged or sent to the model. */
  secrets?: string[];
  /**
   * The durable queue (REDIS_URL) and the state every process shares; the in-process queue and memory
   * state when absent. A queue with `work` runs jobs in this process too, unless `workers` is false.
   */
  queue?: JobQueue & { work?(processor: EventProcessor): void };
  state?: SharedState;
  workers?: boolean;
  /** Redeliver what failed on GitHub's side (GET /app/hook/deliveries), on start and periodically; off when absent. */
  reconcile?: ReconcileOptions;
  onOutcome?: (event: { id: string; name: string }, outcome: JobOutcome | { status: 'failed'; error: string }) => void;
  /** The pacer of the probot's Octokit class (appOctokit), so jobs of a rate-limited installation are delayed up front. */
  pacer?: Pacer;
}

export interface RunningServer {
  server: Server;
  url: string;
  queue: JobQueue;
  /** Stop intake, give running jobs `graceMs`, log each abandoned one. */
  stop(graceMs?: number): Promise<void>;
  /** With `reconcile`: one reconciliation pass now (it also runs at start and periodically); the GUIDs redelivered. */
  reconcileNow?(): Promise<string[]>;
}

/** The HTTP server: webhooks at /api/github/webhooks, /healthz (alive), /readyz (queue and Redis), Prometheus at /metrics, 404 elsewhere. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  // Read at each call: Probot 14 builds its logger asynchronously, so `probot.log` is still null right
  // after `createProbot()` (main.ts starts the server at once); console until it exists.
  const log = () => options.probot.log ?? { warn: console.warn, error: console.error };
  const state = options.state ?? createMemoryState();
  const security = createSecurityDeps([...(options.secrets ?? []), options.env.apiKey], state);
  const queue: JobQueue & { work?(processor: EventProcessor): void } =
    options.queue ??
    new InProcessQueue(options.concurrency ?? JOB_CONCURRENCY, {
      warn: (fields, message) => log().warn(redactDeep(fields, security.redact), security.redact(message)),
      error: (fields, message) => log().error(redactDeep(fields, security.redact), security.redact(message)),
    });
  const processor = createEventProcessor(options.probot, { ...options, state, security, pacer: options.pacer });
  if (options.workers !== false) queue.work?.(processor);
  const appFn = createAppFn({
    queue,
    env: options.env,
    builtinAgents: options.builtinAgents,
    modelFor: options.modelFor,
    serverUrl: options.serverUrl,
    repoCacheMs: options.repoCacheMs,
    intakeDeadlineMs: options.intakeDeadlineMs,
    onOutcome: options.onOutcome,
    state,
    security,
    processor,
  });
  collectProcessMetrics();
  const reconciler = options.reconcile ? startDeliveryReconciler(options.probot, state.intake, options.reconcile, log) : undefined;
  const middleware = webhookIntake(await createNodeMiddleware(appFn, { probot: options.probot, webhooksPath: WEBHOOK_PATH }), {
    path: WEBHOOK_PATH,
    verify: (body, signature) => options.probot.webhooks.verify(body, signature),
    log: { warn: (fields, message) => log().warn(fields, message) },
  });
  let stopping = false;
  const server = createServer((req, res) => {
    if (stopping) {
      res.writeHead(503, { 'content-type': 'text/plain', connection: 'close' }).end('shutting down\n');
      return;
    }
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, queued: queue.size }));
      return;
    }
    if (req.method === 'GET' && req.url === '/metrics') {
      // Prometheus text format from prom-client's default registry (the app's and the queue's metrics).
      register.metrics().then(
        (text) => res.writeHead(200, { 'content-type': register.contentType }).end(text),
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${(error as Error).message}\n`),
      );
      return;
    }
    if (req.method === 'GET' && req.url === '/readyz') {
      // Ready: the queue's store answers (Redis) and its oldest waiting job is younger than the bound.
      void queue.health().then((health) => {
        res.writeHead(health.ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(health));
      });
      return;
    }
    void middleware(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    });
  });
  try {
    await listen(server, options.port, options.host);
  } catch (error) {
    reconciler?.stop();
    await queue.shutdown(0);
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`,
    queue,
    ...(reconciler ? { reconcileNow: () => reconciler.pass() } : {}),
    async stop(graceMs = 25_000) {
      stopping = true;
      reconciler?.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await queue.shutdown(graceMs);
      server.closeAllConnections();
      await closed;
    },
  };
}
