import type { GitHub } from '../github/GitHub.js';
import type { Model } from '../domain/Model.js';
import { DEFAULT_CONFIG, type Config } from '../config/configSchema.js';
import { meetsPermission } from '../core/meetsPermission.js';
import { findLivingComment } from '../github/findLivingComment.js';
import { route } from '../triggers/route.js';
import { sameLabel } from '../triggers/RouteContext.js';
import type { DeliveryLog } from '../state/SharedState.js';
import type { JobContext, JobLog, JobOutcome } from './JobContext.js';
import type { RepoContext } from './loadRepoContext.js';
import { dispatchCommand } from './dispatchCommand.js';
import { nextMarker } from './nextMarker.js';
import { encodeMarker } from '../domain/marker.js';
import type { ModelLog } from '../model/withFallback.js';
import { guardGitHub, type WriteScope } from '../security/guardGitHub.js';
import { redactLog } from '../security/redactLog.js';
import { createSecurityDeps, type SecurityDeps } from '../security/SecurityDeps.js';
import { createWriteLedger, type WriteLedger } from '../security/writeLedger.js';
import { describePublished } from './describePublished.js';
import type { Publish, Published, Write } from '../domain/Write.js';
import { gitHubPublisher } from '../publish/gitHubPublisher.js';
import { summarizePublished } from '../publish/summarizePublished.js';
import { checkWritePlan, type PlanScope } from '../security/checkWritePlan.js';
import { repoMapLoader, type RepoAccess } from '../repomap/repoMapLoader.js';
import { sharedRepoMapCache, type RepoMapCache } from '../repomap/RepoMapCache.js';
import { authorizeRequester } from './authorizeRequester.js';
import { takeAllowance } from './takeAllowance.js';
import { boundedModel } from './boundedModel.js';
import { describeFailure, failureNotice, FAILURE_PREFIX } from './failureNotice.js';

export { describeFailure } from './failureNotice.js';

export interface WebhookEvent {
  name: string;
  payload: unknown;
  /** X-GitHub-Delivery: the same id on a redelivery. */
  deliveryId?: string;
}

export interface RunEventDeps {
  github: GitHub;
  log: JobLog;
  /** Config, agents and decisions of the repository (the app caches it per repository). */
  repoContext: (github: GitHub) => Promise<RepoContext>;
  /** Claude or offline for this repository's config. */
  /** The model for a repository's config; `log` gets one line per model call (usage, or the failure class). */
  modelFor: (config: Config, log: ModelLog) => Model;
  /** Deliveries already completed (in memory, or shared through Redis); the marker covers the rest. */
  completed?: DeliveryLog;
  /**
   * The Action: GitHub starts one run for `opened` and one per label for an issue created with labels.
   * Those runs share nothing, so `opened` carrying the trigger label leaves the plan to the `labeled`
   * run (the documented workflows subscribe to both). Pull requests need no such rule: a second review
   * of the same head sha is skipped by the review job itself.
   */
  labeledRunFollows?: boolean;
  /** Web URL of the GitHub server (GitHub Enterprise); default https://github.com. */
  serverUrl?: string;
  /** Redactor (with the app's keys), daily token budget and command allowance; one per app. */
  security?: SecurityDeps;
  /** Receives every write of this event (the Action prints what was published when the run fails). */
  ledger?: WriteLedger;
  /** Aborted when the queue abandons the job (shutdown): no write happens after that. */
  signal?: AbortSignal;
  /** Blob texts and maps reused across events (default: one per process). */
  repoMapCache?: RepoMapCache;
  /** The app: keeps this delivery's model answers for its re-runs (wraps the bounded model; see app/rememberAnswers). */
  rememberAnswers?: (model: Model) => Model;
  /** The repository map from another source than the GitHub port (the CLI's working tree). */
  repoAccess?: (config: Config) => Promise<RepoAccess | undefined>;
  /**
   * What carries a plan out, over the event's guarded port: GitHub by default (the App, the Action); the
   * CLI, dry runs and fork pull requests show it instead.
   */
  publisher?: Publisher;
  /** The clock (dates in ADRs); the real one when absent. */
  now?: () => Date;
}

export type Publisher = (github: GitHub, log: JobLog, repoUrl: string) => Publish;

const onGitHub: Publisher = (github, log, repoUrl) => gitHubPublisher({ github, log, repoUrl });

/**
 * One webhook event, after it was acknowledged: route → authorize → (dedupe) → the command's job.
 * Never throws for expected conditions; API failures propagate to the queue, which logs them.
 */
export async function runEvent(event: WebhookEvent, deps: RunEventDeps): Promise<JobOutcome> {
  // Hardening (src/security): every log line redacted; once the intent is known, every write guarded.
  const security = deps.security ?? createSecurityDeps();
  const ledger = deps.ledger ?? createWriteLedger();
  const log = redactLog(deps.log, security.redact);
  if (event.deliveryId && (await deps.completed?.has(event.deliveryId))) {
    return { status: 'duplicate', reason: `delivery ${event.deliveryId} already handled` };
  }
  const botLogin = await deps.github.botLogin();
  let repo: RepoContext;
  try {
    repo = await deps.repoContext(deps.github);
  } catch (error) {
    if (!deps.signal?.aborted) await noticeEarlyFailure(event, deps, botLogin, error, log, ledger);
    throw error;
  }
  const routed = route({ name: event.name, payload: event.payload }, repo.config, { login: botLogin });
  if (routed.kind === 'ignore') return { status: 'ignored', reason: routed.reason };
  const { intent } = routed;
  const number = intent.target.number;
  if (deps.labeledRunFollows && intent.event === 'issues.opened' && intent.via === 'label' && carriesLabel(event.payload, repo.config.label)) {
    return { status: 'duplicate', reason: `${intent.event}: created with the label "${repo.config.label}"; the labeled run answers` };
  }
  // Writes only to the triggering issue or PR (its number from the event), redacted; ADR git writes only in the ADR directory.
  const scope: WriteScope = {
    number,
    botComments: new Set<number>(),
    triggerCommentId: intent.commentId,
    botLogin,
    adr: { dirs: [repo.config.adr.dir, ...(repo.adrDir ? [repo.adrDir] : [])], mode: repo.config.adr.mode, defaultBranch: () => deps.github.defaultBranch() },
    log,
    redact: security.redact,
    signal: deps.signal,
  };
  const github = guardGitHub(deps.github, { ...scope, ledger });
  const repoUrl = repoWebUrl(deps.serverUrl, github);
  const publisher = deps.publisher ?? onGitHub;
  const publish = publisher(github, log, repoUrl);
  // The whole plan is checked before its first write: one write outside the event's scope refuses all of it.
  const planScope: PlanScope = { number, triggerCommentId: intent.commentId, botComments: scope.botComments!, adr: scope.adr! };
  const carryOut = (writes: Write[]) => {
    checkWritePlan(writes, planScope);
    return publish(writes);
  };

  const authorized = await authorizeRequester(github, intent, repo.config, log);
  if (!authorized.ok) {
    await carryOut(authorized.writes);
    log.info({ user: intent.requester.login, event: intent.event }, `denied: ${authorized.reason}`);
    return { status: 'denied', reason: authorized.reason };
  }
  // One living comment per (issue or PR, command family).
  const family = intent.command;
  const existing = await findLivingComment(github, number, family);
  if (event.deliveryId && existing?.marker.deliveries?.includes(event.deliveryId)) {
    await deps.completed?.add(event.deliveryId);
    return { status: 'duplicate', reason: `delivery ${event.deliveryId} already answered` };
  }
  const allowance = await takeAllowance(intent, repo.config, security.allowance, `${github.owner}/${github.repo}`);
  if (!allowance.ok) {
    await carryOut(allowance.writes);
    return { status: 'ignored', reason: allowance.reason };
  }
  // Users see that it heard them; a failed reaction must not stop the work.
  if (intent.commentId !== undefined) await carryOut([{ kind: 'reaction', commentId: intent.commentId, content: 'eyes', bestEffort: true }]);

  const ctx: JobContext = {
    github,
    intent,
    config: repo.config,
    notices: [...repo.notices],
    deliveryId: event.deliveryId,
    model: (deps.rememberAnswers ?? ((m: Model) => m))(boundedModel(deps.modelFor(repo.config, (message, fields) => log.info(fields ?? {}, message)), repo.config, security, intent.installationId ?? github.owner, log)),
    agents: repo.agents,
    botLogin,
    log,
    repoUrl,
    now: deps.now,
    repoMap: deps.repoAccess ? once(() => deps.repoAccess!(repo.config)) : repoMapLoader({ github, cache: deps.repoMapCache ?? sharedRepoMapCache(), config: repo.config, redact: security.redact, log }),
  };
  let outcome: JobOutcome;
  try {
    const planned = await dispatchCommand(ctx, { family, existing, marker: nextMarker(existing?.marker, family, event.deliveryId), decisions: repo.decisions, adrDir: repo.adrDir });
    outcome = withPublished(planned.outcome, planned.writes, await carryOut(planned.writes));
  } catch (error) {
    allowance.release();
    // What the ledger says was published (not a guess), through a guard of its own: the notice is not one
    // of the job's writes it reports on.
    const notice = `${FAILURE_PREFIX} (${describeFailure(error)}). ${describePublished(ledger, error)} Re-run the command or re-apply the label to retry.`;
    const noticeGitHub = guardGitHub(deps.github, scope);
    const current = await findLivingComment(noticeGitHub, number, family).catch(() => existing);
    await publisher(noticeGitHub, log, repoUrl)([failureNotice({ number, family, notice, current, before: existing?.marker })]).catch(() => undefined);
    throw error;
  }
  if (event.deliveryId && outcome.status === 'done') await deps.completed?.add(event.deliveryId);
  return outcome;
}

/** Whether the issue in the payload already carries `label` (it was created with it). */
function carriesLabel(payload: unknown, label: string): boolean {
  const labels = (payload as { issue?: { labels?: unknown } } | undefined)?.issue?.labels;
  return Array.isArray(labels) && labels.some((l) => typeof (l as { name?: unknown })?.name === 'string' && sameLabel((l as { name: string }).name, label));
}

/**
 * Reading the repository's setup failed before routing: a command from a user with permission still gets
 * a one-line answer (routed with the defaults), so the request is not lost without a word.
 */
async function noticeEarlyFailure(event: WebhookEvent, deps: RunEventDeps, botLogin: string, error: unknown, log: JobLog, ledger: WriteLedger): Promise<void> {
  const routed = route({ name: event.name, payload: event.payload }, DEFAULT_CONFIG, { login: botLogin });
  if (routed.kind === 'ignore' || (routed.intent.via !== 'comment' && routed.intent.via !== 'checkbox')) return;
  const { intent } = routed;
  const number = intent.target.number;
  const security = deps.security ?? createSecurityDeps();
  const github = guardGitHub(deps.github, { number, botLogin, log, redact: security.redact, signal: deps.signal });
  try {
    if (!meetsPermission(await github.permission(intent.requester.login), DEFAULT_CONFIG.permission)) return;
    const notice = `${FAILURE_PREFIX} (${describeFailure(error)} while reading the repository's configuration). ${describePublished(ledger, error)} Re-run the command to retry.`;
    const repoUrl = repoWebUrl(deps.serverUrl, github);
    // The command's own family: the retry's answer edits this comment instead of leaving a stale notice beside it.
    const write: Write = { kind: 'comment', number, family: intent.command, body: `${notice}\n\n${encodeMarker({ family: intent.command })}` };
    checkWritePlan([write], { number, botComments: new Set(), adr: { dirs: [], mode: DEFAULT_CONFIG.adr.mode } });
    await (deps.publisher ?? onGitHub)(github, log, repoUrl)([write]);
  } catch (noticeError) {
    log.warn({ err: (noticeError as Error).message }, 'could not post the failure notice');
  }
}

/** The job's outcome with the links of what was published (the comment, the check run, ADR pull requests). */
function withPublished(outcome: JobOutcome, writes: readonly Write[], published: readonly Published[]): JobOutcome {
  if (outcome.status !== 'done') return outcome;
  const { commentUrl, checkUrl, adrPullUrls, pullsNotOpened } = summarizePublished(published);
  const details = {
    ...outcome.details,
    ...(checkUrl ? { checkUrl } : {}),
    ...(writes.some((w) => w.kind === 'adr') ? { adrPullUrls, pullsNotOpened } : {}),
  };
  return { ...outcome, commentUrl: commentUrl ?? outcome.commentUrl, details, writes, published };
}

/** The repository's web page on its server (github.com or GitHub Enterprise Server). */
function repoWebUrl(serverUrl: string | undefined, github: Pick<GitHub, 'owner' | 'repo'>): string {
  return `${(serverUrl ?? 'https://github.com').replace(/\/+$/, '')}/${github.owner}/${github.repo}`;
}

/** A loader that runs at most once. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
}
