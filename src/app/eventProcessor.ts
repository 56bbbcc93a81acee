import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Probot, ProbotOctokit } from 'probot';
import type { Agent } from '../domain/Agent.js';
import type { Config } from '../config/configSchema.js';
import type { GitHub } from '../github/GitHub.js';
import { octokitGitHub } from '../github/octokitGitHub.js';
import type { JobLog, JobOutcome } from '../jobs/JobContext.js';
import { loadRepoContext, type BlobCache, type RepoContext } from '../jobs/loadRepoContext.js';
import { runEvent } from '../jobs/runEvent.js';
import { createModel, type ModelEnv } from '../model/createModel.js';
import type { Model } from '../domain/Model.js';
import type { ModelLog } from '../model/withFallback.js';
import type { QueuedEvent } from '../queue/JobQueue.js';
import { RetryLaterError, retryAtOf } from '../queue/RetryLaterError.js';
import type { SecurityDeps } from '../security/SecurityDeps.js';
import type { SharedState } from '../state/SharedState.js';
import { knownFromPayload } from '../triggers/knownFromPayload.js';
import type { Pacer } from '../github/Pacer.js';
import { meteredModel } from '../metrics/meteredModel.js';
import { rememberAnswers } from './rememberAnswers.js';
import { recordJob } from '../metrics/metrics.js';

export type OutcomeListener = (event: { id: string; name: string }, outcome: JobOutcome | { status: 'failed'; error: string }) => void;

export interface EventProcessorOptions {
  env: ModelEnv;
  builtinAgents: Agent[];
  state: SharedState;
  security: SecurityDeps;
  repoCacheMs?: number;
  serverUrl?: string;
  modelFor?: (config: Config) => Model;
  onOutcome?: OutcomeListener;
  /** The pacer of the app's Octokit (appOctokit): a job of an installation whose primary limit is spent is delayed before any work. */
  pacer?: Pacer;
  /**
   * How long a run's hold on its issue lasts without a heartbeat: the queue's lock duration (BullMQ's
   * default 30 s). The run renews it every third of that while it is alive, so a crashed worker's hold
   * ends with its lock, and a run the queue starts again while the first is still alive (a lock lost
   * under load) waits instead of writing beside it.
   */
  runClaimMs?: number;
}

export interface RunOptions {
  /** The webhook's own client (in-process); otherwise the installation's, from `probot.auth`. */
  octokit?: ProbotOctokit;
  /** False while the queue will retry a failure: the intake keys stay held for the retry. */
  lastAttempt?: boolean;
}

/** Runs one queued delivery: the same work wherever it runs (the web process, or a worker process). */
export type EventProcessor = (event: QueuedEvent, signal: AbortSignal, options?: RunOptions) => Promise<void>;

/** How long a run holds its issue without renewing it (BullMQ's default lock duration). */
export const RUN_CLAIM_MS = 30_000;
/** How soon a job whose issue another worker holds tries again. */
export const ISSUE_BUSY_RETRY_MS = 1_000;

const issueOf = (payload: unknown): number => {
  const p = payload as { issue?: { number?: unknown }; pull_request?: { number?: unknown } } | undefined;
  const n = p?.issue?.number ?? p?.pull_request?.number;
  return typeof n === 'number' ? n : 0;
};

const repoOf = (payload: unknown): { owner: string; repo: string } => {
  const r = (payload as { repository?: { name?: unknown; owner?: { login?: unknown } } } | undefined)?.repository;
  return { owner: String(r?.owner?.login ?? ''), repo: String(r?.name ?? '') };
};

/** One per app: the caches, the bot login and the shared state every job of this process uses. */
export function createEventProcessor(probot: Probot, options: EventProcessorOptions): EventProcessor {
  let botLogin: Promise<string> | undefined;
  const getBotLogin = () => {
    botLogin ??= probot
      .auth()
      .then((octokit) => octokit.rest.apps.getAuthenticated())
      .then(({ data }) => `${data?.slug ?? 'agency-architect'}[bot]`);
    botLogin.catch(() => (botLogin = undefined));
    return botLogin;
  };
  const blobs: BlobCache = new Map();
  // Bounded: past 5000 repositories the least recently loaded one is forgotten.
  const repos = new LRUCache<string, { at: number; value: Promise<RepoContext> }>({ max: 5000 });
  const ttl = options.repoCacheMs ?? 60_000;
  const inner = options.modelFor ?? ((config: Config, log: ModelLog) => createModel(options.env, config, log));
  const modelFor = (config: Config, log: ModelLog) => meteredModel(inner(config, log));
  const repoContext = (github: GitHub, log: JobLog) => {
    const key = `${github.owner}/${github.repo}`;
    const hit = repos.peek(key);
    if (hit && Date.now() - hit.at < ttl) return hit.value;
    const value = loadRepoContext(github, options.builtinAgents, log, blobs);
    value.catch(() => repos.delete(key));
    repos.set(key, { at: Date.now(), value });
    return value;
  };

  return async (event, signal, run = {}) => {
    const { owner, repo } = repoOf(event.payload);
    const issue = `run:${owner}/${repo}#${issueOf(event.payload)}`.toLowerCase();
    // One run per issue or PR at a time across every worker: two never write the same living comment at
    // once, not even two runs of the same delivery (the holder is this run, not the delivery).
    const holder = `${event.id}/${randomUUID()}`;
    const claimMs = options.runClaimMs ?? RUN_CLAIM_MS;
    if (!(await options.state.intake.claim([issue], holder, claimMs))) {
      throw new RetryLaterError(`${owner}/${repo}#${issueOf(event.payload)} is busy`, Date.now() + ISSUE_BUSY_RETRY_MS);
    }
    const heartbeat = setInterval(() => void options.state.intake.claim([issue], holder, claimMs).catch(() => undefined), Math.max(10, Math.floor(claimMs / 3)));
    heartbeat.unref();
    const base = probot.log ?? console;
    const child = 'child' in base ? base.child({ id: event.id, name: event.name }) : base;
    const log: JobLog = {
      info: (fields, message) => child.info(fields, message),
      warn: (fields, message) => child.warn(fields, message),
      error: (fields, message) => child.error(fields, message),
    };
    const outcomeEvent = { id: event.id, name: event.name };
    const action = (event.payload as { action?: unknown } | undefined)?.action;
    const description = `${event.name}.${typeof action === 'string' ? action : ''} ${owner}/${repo}#${issueOf(event.payload)}`;
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    // Released unless the job will run again (a retry the queue will make, or a "retry at" delay).
    let keep = false;
    try {
      // Spent primary limit: delay the job before the model is paid for.
      if (event.installationId !== undefined) await options.pacer?.assertOpen(String(event.installationId));
      const octokit = run.octokit ?? (await probot.auth(event.installationId));
      const github = octokitGitHub(octokit, owner, repo, { botLogin: await getBotLogin(), known: knownFromPayload(event.payload) });
      const outcome = await runEvent(
        { name: event.name, payload: event.payload, deliveryId: event.id },
        {
          github,
          log,
          repoContext: (gh) => repoContext(gh, log),
          modelFor,
          // A re-run of this delivery (a refused write, a killed worker) reuses the answers it already paid for.
          rememberAnswers: (model) => rememberAnswers(model, options.state.answers, event.id, log),
          completed: options.state.deliveries,
          security: options.security,
          serverUrl: options.serverUrl,
          signal,
        },
      );
      // One line per event at info (the server's default level): what came in and what became of it.
      const reason = 'reason' in outcome && typeof outcome.reason === 'string' ? ` (${options.security.redact(outcome.reason)})` : '';
      log.info({ delivery: event.id, outcome: outcome.status }, `${description}: ${outcome.status}${reason}`);
      recordJob(event.name, outcome.status, seconds());
      options.onOutcome?.(outcomeEvent, outcome);
    } catch (error) {
      const delayed = retryAtOf(error) !== undefined;
      // A rate limit or a busy issue delays the job (the queue re-runs it); it has not failed.
      recordJob(event.name, delayed ? 'delayed' : 'failed', seconds());
      keep = run.lastAttempt === false || delayed;
      if (!keep) options.onOutcome?.(outcomeEvent, { status: 'failed', error: (error as Error).message });
      throw error;
    } finally {
      clearInterval(heartbeat);
      await options.state.intake.release([issue], holder).catch(() => undefined);
      if (!keep) await options.state.intake.release(event.intakeKeys, event.id).catch(() => undefined);
    }
  };
}
