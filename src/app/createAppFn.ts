import type { ApplicationFunction, Context, Probot } from 'probot';
import type { Agent } from '../domain/Agent.js';
import type { Config } from '../config/configSchema.js';
import { octokitGitHub } from '../github/octokitGitHub.js';
import { knownFromPayload } from '../triggers/knownFromPayload.js';
import type { GitHub } from '../github/GitHub.js';
import { createModel, type ModelEnv } from '../model/createModel.js';
import type { Model } from '../domain/Model.js';
import type { ModelLog } from '../model/withFallback.js';
import type { JobQueue } from '../queue/JobQueue.js';
import type { JobLog, JobOutcome } from '../jobs/JobContext.js';
import { loadRepoContext, type BlobCache, type RepoContext } from '../jobs/loadRepoContext.js';
import { runEvent } from '../jobs/runEvent.js';
import { createSecurityDeps, type SecurityDeps } from '../security/SecurityDeps.js';
import { retryAtOf } from '../github/RateLimitedError.js';
import type { WritePacer } from '../github/WritePacer.js';
import { meteredModel } from '../metrics/meteredModel.js';
import { recordJob } from '../metrics/metrics.js';

/** The webhook events the app subscribes to (app.yml lists the same). */
export const HANDLED_EVENTS = [
  'issues.opened',
  'issues.labeled',
  'issue_comment.created',
  'issue_comment.edited',
  'pull_request.opened',
  'pull_request.reopened',
  'pull_request.synchronize',
  'pull_request.ready_for_review',
  'pull_request.labeled',
] as const;

export interface AppOptions {
  queue: JobQueue;
  env: ModelEnv;
  builtinAgents: Agent[];
  /** How long a repository's config, agents and decisions are reused (default 60 s). */
  repoCacheMs?: number;
  /** Label events for the same issue within this window are one request (default 30 s). */
  labelWindowMs?: number;
  /** Web URL of GitHub Enterprise Server (from GHE_HOST/GHE_PROTOCOL); default https://github.com. */
  serverUrl?: string;
  /** For tests and the benchmark: another model factory. */
  modelFor?: (config: Config) => Model;
  /** Redactor (with the app's keys), token budget and cooldown; created here when absent (from env.apiKey only). */
  security?: SecurityDeps;
  /** Called after each job with its outcome (tests and the benchmark listen here). */
  onOutcome?: (event: { id: string; name: string }, outcome: JobOutcome | { status: 'failed'; error: string }) => void;
  /** The pacer of the app's Octokit (appOctokit): a job of an installation whose primary limit is spent is delayed before any work. */
  pacer?: WritePacer;
}

function jobLog(context: Context): JobLog {
  return {
    info: (fields, message) => context.log.info(fields, message),
    warn: (fields, message) => context.log.warn(fields, message),
    error: (fields, message) => context.log.error(fields, message),
  };
}

/**
 * The Probot app: handlers are thin. They only enqueue; the job routes, authorizes and works, so the
 * webhook is acknowledged at once whatever the model's latency.
 */
export function createAppFn(options: AppOptions): ApplicationFunction {
  return (app: Probot) => {
    let botLogin: Promise<string> | undefined;
    const getBotLogin = () => {
      botLogin ??= app
        .auth()
        .then((octokit) => octokit.rest.apps.getAuthenticated())
        .then(({ data }) => `${data?.slug ?? 'agency-architect'}[bot]`);
      botLogin.catch(() => (botLogin = undefined));
      return botLogin;
    };
    const security = options.security ?? createSecurityDeps([options.env.apiKey]);
    const completed = new Set<string>();
    const labelRuns = new Map<string, number>();
    const blobs: BlobCache = new Map();
    const repos = new Map<string, { at: number; value: Promise<RepoContext> }>();
    const ttl = options.repoCacheMs ?? 60_000;
    const inner = options.modelFor ?? ((config: Config, log: ModelLog) => createModel(options.env, config, log));
    const modelFor = (config: Config, log: ModelLog) => meteredModel(inner(config, log));

    const repoContext = (github: GitHub, log: JobLog) => {
      const key = `${github.owner}/${github.repo}`;
      const hit = repos.get(key);
      if (hit && Date.now() - hit.at < ttl) return hit.value;
      const value = loadRepoContext(github, options.builtinAgents, log, blobs);
      value.catch(() => repos.delete(key));
      repos.set(key, { at: Date.now(), value });
      if (repos.size > 5000) repos.delete(repos.keys().next().value!);
      return value;
    };

    app.on([...HANDLED_EVENTS], async (context) => {
      const { owner, repo } = context.repo();
      const payload = context.payload as { action?: string; issue?: { number: number }; pull_request?: { number: number } };
      const number = payload.issue?.number ?? payload.pull_request?.number ?? 0;
      const event = { id: context.id, name: context.name };
      const description = `${context.name}.${payload.action ?? ''} ${owner}/${repo}#${number}`;
      options.queue.add({
        id: context.id,
        key: `${owner}/${repo}#${number}`,
        description,
        run: async (signal) => {
          const log = jobLog(context);
          const started = performance.now();
          const seconds = () => (performance.now() - started) / 1000;
          try {
            const installation = (context.payload as { installation?: { id?: number } }).installation?.id;
            // Spent primary limit: delay the job before the model is paid for.
            if (installation !== undefined) options.pacer?.assertOpen(String(installation));
            const github = octokitGitHub(context.octokit, owner, repo, { botLogin: await getBotLogin(), known: knownFromPayload(context.payload) });
            const outcome = await runEvent(
              { name: context.name, payload: context.payload, deliveryId: context.id },
              { github, log, repoContext: (gh) => repoContext(gh, log), modelFor, completed, labelRuns, labelWindowMs: options.labelWindowMs, security, serverUrl: options.serverUrl, signal },
            );
            // One line per event at info (the server's default level): what came in and what became of it.
            const reason = 'reason' in outcome && typeof outcome.reason === 'string' ? ` (${security.redact(outcome.reason)})` : '';
            log.info({ delivery: context.id, outcome: outcome.status }, `${description}: ${outcome.status}${reason}`);
            recordJob(context.name, outcome.status, seconds());
            options.onOutcome?.(event, outcome);
          } catch (error) {
            // A rate limit delays the job (the queue re-runs it); it has not failed.
            if (retryAtOf(error) !== undefined) {
              recordJob(context.name, 'delayed', seconds());
              throw error;
            }
            recordJob(context.name, 'failed', seconds());
            options.onOutcome?.(event, { status: 'failed', error: (error as Error).message });
            throw error;
          }
        },
      });
    });
  };
}
