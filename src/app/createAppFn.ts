import type { ApplicationFunction, Probot } from 'probot';
import type { Agent } from '../domain/Agent.js';
import type { Config } from '../config/configSchema.js';
import type { ModelEnv } from '../model/createModel.js';
import type { Model } from '../domain/Model.js';
import type { JobQueue, QueuedEvent } from '../queue/JobQueue.js';
import { createSecurityDeps, type SecurityDeps } from '../security/SecurityDeps.js';
import { createMemoryState } from '../state/memoryState.js';
import type { SharedState } from '../state/SharedState.js';
import { createEventProcessor, type EventProcessor, type OutcomeListener } from './eventProcessor.js';
import { intakeKeys } from './intakeKeys.js';
import { withTimeout } from '../domain/withTimeout.js';

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
  /** Web URL of GitHub Enterprise Server (from GHE_HOST/GHE_PROTOCOL); default https://github.com. */
  serverUrl?: string;
  /** For tests and the benchmark: another model factory. */
  modelFor?: (config: Config) => Model;
  /** Dedupe, intake guard, command allowance, token budget: in memory unless given (Redis). */
  state?: SharedState;
  /** Redactor (with the app's keys), token budget and allowance; created here when absent (from env.apiKey only). */
  security?: SecurityDeps;
  /** The job runner (startServer makes one to share with the queue's workers); created here when absent. */
  processor?: EventProcessor;
  /** For tests: the intake's time limit (default INTAKE_DEADLINE_MS). */
  intakeDeadlineMs?: number;
  /** Called after each job with its outcome (tests and the benchmark listen here). */
  onOutcome?: OutcomeListener;
}

/** How long intake keys are held at most (a safety net: a job that never ends does not block its issue forever). */
export const INTAKE_HOLD_MS = 2 * 60 * 60_000;

/**
 * How long storing a delivery (the intake claim and the enqueue) may take before the webhook is answered
 * with an error. Probot's webhook middleware (@octokit/webhooks) answers `202 still processing` at 9 s,
 * and GitHub counts any 2xx as delivered and never redelivers it: a Redis that takes the connection but
 * does not answer would lose the event in silence. Failing first gets a 500, so the delivery is redelivered.
 */
export const INTAKE_DEADLINE_MS = 7_000;

/**
 * The Probot app: handlers are thin. They only enqueue; the job routes, authorizes and works, so the
 * webhook is acknowledged at once whatever the model's latency.
 */
export function createAppFn(options: AppOptions): ApplicationFunction {
  return (app: Probot) => {
    const state = options.state ?? createMemoryState();
    const security = options.security ?? createSecurityDeps([options.env.apiKey], state);
    const processor = options.processor ?? createEventProcessor(app, { ...options, state, security });

    app.on([...HANDLED_EVENTS], async (context) => {
      const { owner, repo } = context.repo();
      const payload = context.payload as { action?: string; issue?: { number: number }; pull_request?: { number: number }; installation?: { id?: number } };
      const number = payload.issue?.number ?? payload.pull_request?.number ?? 0;
      const description = `${context.name}.${payload.action ?? ''} ${owner}/${repo}#${number}`;
      if (payload.installation?.id === undefined) {
        // GitHub puts `installation` in every issue, PR and comment event it sends a GitHub App ("when the
        // event is configured for and sent to a GitHub App",
        // https://docs.github.com/en/webhooks/webhook-events-and-payloads). Without it the delivery came from a
        // repository or organization webhook pointed at this server: there is no installation token to write
        // with, so the job would pay for the model and then fail on its first write.
        const reason = `${description}: the delivery has no installation, so it did not come from the GitHub App; install the App on ${owner}/${repo} (a repository or organization webhook pointed here is not enough)`;
        context.log.warn({ delivery: context.id }, `ignored at intake: ${reason}`);
        options.onOutcome?.({ id: context.id, name: context.name }, { status: 'ignored', reason });
        return;
      }
      const installationId = payload.installation.id;
      const event: QueuedEvent = { id: context.id, name: context.name, payload: context.payload, installationId, intakeKeys: intakeKeys(context.name, context.payload) };
      const intake = async () => {
        // Decided at intake: an event for a request already queued or running (GitHub's `opened` +
        // `labeled` for an issue created with the label) is not queued again.
        if (event.intakeKeys.length > 0 && !(await state.intake.claim(event.intakeKeys, event.id, INTAKE_HOLD_MS))) {
          const reason = `${description}: the same request is already queued or running`;
          context.log.info({ delivery: context.id }, `duplicate at intake: ${reason}`);
          options.onOutcome?.({ id: context.id, name: context.name }, { status: 'duplicate', reason });
          return;
        }
        try {
          await options.queue.add({
            id: context.id,
            key: `${owner}/${repo}#${number}`,
            description,
            event,
            run: (signal) => processor(event, signal, { octokit: context.octokit }),
          });
        } catch (error) {
          // Not stored: GitHub gets an error status, so the delivery shows as failed and is redelivered.
          await state.intake.release(event.intakeKeys, event.id).catch(() => undefined);
          throw error;
        }
      };
      const deadlineMs = options.intakeDeadlineMs ?? INTAKE_DEADLINE_MS;
      // Past the deadline the webhook gets a 500 and GitHub redelivers it.
      await withTimeout(intake(), deadlineMs, `${description}: not stored within ${deadlineMs} ms (is Redis answering?); GitHub will redeliver it`).catch((error: unknown) => {
        // Not stored in time: what the intake may still claim is let go, so the redelivery is not a duplicate.
        // Not awaited: the store that did not answer the claim would hold the answer past the 9 s too.
        void state.intake.release(event.intakeKeys, event.id).catch(() => undefined);
        throw error;
      });
    });
  };
}
