import { meetsPermission } from '../core/meetsPermission.js';
import { findLivingComment } from '../github/findLivingComment.js';
import type { GitHub } from '../github/GitHub.js';
import type { Model } from '../domain/Model.js';
import { DEFAULT_CONFIG, type Config } from '../config/configSchema.js';
import { renderNotAllowed } from '../render/renderNotAllowed.js';
import { route } from '../triggers/route.js';
import { isAllowListedBot } from '../triggers/isAllowListedBot.js';
import { sameLabel } from '../triggers/RouteContext.js';
import type { DeliveryLog } from '../state/SharedState.js';
import type { JobContext, JobLog, JobOutcome } from './JobContext.js';
import type { RepoContext } from './loadRepoContext.js';
import { dispatchCommand } from './dispatchCommand.js';
import { nextMarker } from './upsertLivingComment.js';
import { encodeMarker, replaceMarker } from '../domain/marker.js';
import { OfflineModel } from '../model/offline/OfflineModel.js';
import type { ModelLog } from '../model/withFallback.js';
import { guardGitHub, type WriteScope } from '../security/guardGitHub.js';
import { limitModel } from '../security/limitModel.js';
import { redactLog } from '../security/redactLog.js';
import { redactModel } from '../security/redactModel.js';
import { createSecurityDeps, type SecurityDeps } from '../security/SecurityDeps.js';
import { upsertLivingComment } from './upsertLivingComment.js';
import { createWriteLedger, type WriteLedger } from '../security/writeLedger.js';
import { describePublished } from './describePublished.js';
import { repoMapLoader, type RepoAccess } from '../repomap/repoMapLoader.js';
import { sharedRepoMapCache, type RepoMapCache } from '../repomap/RepoMapCache.js';

/** A failure class for users: an HTTP status at most, never a message or a stack. */
export function describeFailure(error: unknown): string {
  const status = typeof error === 'object' && error !== null && 'status' in error ? Number((error as { status: unknown }).status) : undefined;
  return status ? `GitHub answered HTTP ${status}` : 'an internal error';
}

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
}

const FAMILY_NOT_ALLOWED = 'not-allowed';
/** The allowance note keeps the family it always had, so an old note is edited, not duplicated. */
const FAMILY_COOLDOWN = 'cooldown';

/** The model for one event: requests and answers redacted; calls per event and the daily token budget enforced. */
function boundedModel(model: Model, config: Config, security: SecurityDeps, installation: string | number, log: JobLog): Model {
  // The offline engine costs nothing and sends nothing: no limits to apply.
  if (model instanceof OfflineModel) return model;
  return limitModel(redactModel(model, security.redact), {
    maxCalls: config.limits.modelCallsPerEvent,
    budget: { tokens: security.tokens, installation: String(installation), limit: config.limits.dailyTokenBudget },
    offline: new OfflineModel(),
    log,
  });
}
const FAILURE_PREFIX = '> ⚠️ Agency Architect could not finish this run';

/**
 * One webhook event, after it was acknowledged: route → authorize → (dedupe) → the command's job.
 * Never throws for expected conditions; API failures propagate to the queue, which logs them.
 */
export async function runEvent(event: WebhookEvent, deps: RunEventDeps): Promise<JobOutcome> {
  // Hardening (src/security): every log line redacted; once the intent is known, every write guarded.
  const security = deps.security ?? createSecurityDeps();
  const ledger = deps.ledger ?? createWriteLedger();
  const log = redactLog(deps.log, security.redact);
  let github = deps.github;
  if (event.deliveryId && (await deps.completed?.has(event.deliveryId))) {
    return { status: 'duplicate', reason: `delivery ${event.deliveryId} already handled` };
  }
  const botLogin = await github.botLogin();
  let repo: RepoContext;
  try {
    repo = await deps.repoContext(github);
  } catch (error) {
    if (!deps.signal?.aborted) await noticeEarlyFailure(event, github, botLogin, error, log, ledger);
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
    triggerCommentId: intent.commentId,
    botLogin,
    adr: {
      dirs: [repo.config.adr.dir, ...(repo.adrDir ? [repo.adrDir] : [])],
      mode: repo.config.adr.mode,
      defaultBranch: () => deps.github.defaultBranch(),
    },
    log,
    redact: security.redact,
    signal: deps.signal,
  };
  github = guardGitHub(deps.github, { ...scope, ledger });

  // Authorization before any cost: the collaborator permission API, failing closed.
  let permission: Awaited<ReturnType<GitHub['permission']>> = 'none';
  // A bot has no collaborator permission (GitHub answers 404): one listed in allowBots is authorized by the list.
  if (isAllowListedBot(intent.requester, repo.config)) permission = repo.config.permission;
  else {
    try {
      permission = await github.permission(intent.requester.login);
    } catch (error) {
      log.warn({ user: intent.requester.login, err: (error as Error).message }, 'permission check failed; denying');
    }
  }
  if (!meetsPermission(permission, repo.config.permission)) {
    const reason = `${intent.requester.login} lacks ${repo.config.permission} permission`;
    // Automatic PR reviews for outside contributors and labels applied without the permission (triage) stay
    // silent; a command gets one short reply per issue.
    if (intent.via === 'comment' || intent.via === 'checkbox') {
      const existing = await findLivingComment(github, number, FAMILY_NOT_ALLOWED);
      if (!existing) {
        await github.createComment(number, renderNotAllowed(repo.config, { marker: { family: FAMILY_NOT_ALLOWED } }));
      }
    }
    log.info({ user: intent.requester.login, event: intent.event }, `denied: ${reason}`);
    return { status: 'denied', reason };
  }

  // One living comment per (issue or PR, command family).
  const family = intent.command;
  const existing = await findLivingComment(github, number, family);
  if (event.deliveryId && existing?.marker.deliveries?.includes(event.deliveryId)) {
    await deps.completed?.add(event.deliveryId);
    return { status: 'duplicate', reason: `delivery ${event.deliveryId} already answered` };
  }
  // What this run took (the user's command allowance): given back if it fails, so the retry the failure
  // notice asks for (or a redelivery) is not turned away.
  const release: (() => void)[] = [];
  if ((intent.via === 'comment' || intent.via === 'checkbox') && intent.command !== 'help') {
    // Writers are trusted: their commands queue. A burst allowance per user and repository bounds the cost;
    // past it, one short note per burst and no model call.
    const { commandsPerWindow: limit, commandWindowMinutes: minutes } = repo.config.limits;
    const allowanceKey = `${github.owner}/${github.repo}:${intent.requester.login.toLowerCase()}`;
    const taken = await security.allowance.take(allowanceKey, limit, minutes * 60_000);
    if (taken.ok) release.push(() => void security.allowance.release(allowanceKey, taken.token).catch(() => undefined));
    else {
      if (taken.firstRefusal) {
        const note = `> ⏳ ${limit} command${limit === 1 ? '' : 's'} per ${minutes} min per user: this one was not run. It can run again in ${formatWait(taken.retryInSeconds)}.`;
        await upsertLivingComment(github, number, FAMILY_COOLDOWN, `${note}\n\n${encodeMarker({ family: FAMILY_COOLDOWN })}`).catch((error: unknown) =>
          log.warn({ err: (error as Error).message }, 'allowance note failed'),
        );
      }
      return { status: 'ignored', reason: `${intent.requester.login}: command allowance used (${limit} per ${minutes} min; ${taken.retryInSeconds} s to wait)` };
    }
  }
  if (intent.commentId !== undefined) {
    // Users see that it heard them; a failed reaction must not stop the work.
    await github.reactToComment(intent.commentId, 'eyes').catch((error: unknown) =>
      log.warn({ err: (error as Error).message }, 'reaction failed'),
    );
  }

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
    repoUrl: `${(deps.serverUrl ?? 'https://github.com').replace(/\/+$/, '')}/${github.owner}/${github.repo}`,
    repoMap: deps.repoAccess ? once(() => deps.repoAccess!(repo.config)) : repoMapLoader({ github, cache: deps.repoMapCache ?? sharedRepoMapCache(), config: repo.config, redact: security.redact, log }),
  };
  let outcome: JobOutcome;
  try {
    outcome = await dispatchCommand(ctx, {
      family,
      existing,
      marker: nextMarker(existing?.marker, family, event.deliveryId),
      decisions: repo.decisions,
      adrDir: repo.adrDir,
    });
  } catch (error) {
    release.forEach((give) => give());
    // Say so where the user asked, in one line without internals, with what the ledger says was published
    // (not a guess). The living comment is taken as it is now (the job may have written it) with the marker
    // from before the run, so a redelivery of this event runs again from the same state.
    const notice = `${FAILURE_PREFIX} (${describeFailure(error)}). ${describePublished(ledger, error)} Re-run the command or re-apply the label to retry.`;
    // Written through a guard of its own: the notice is not one of the job's writes it reports on.
    const noticeGitHub = guardGitHub(deps.github, scope);
    const current = await findLivingComment(noticeGitHub, number, family).catch(() => existing);
    const kept = current ? replaceMarker(current.comment.body, existing?.marker ?? nextMarker(undefined, family, undefined)) : '';
    const posted = current
      ? noticeGitHub.updateComment(current.comment.id, `${notice}\n\n${kept.split('\n').filter((l) => !l.startsWith(FAILURE_PREFIX)).join('\n').trim()}`)
      : noticeGitHub.createComment(number, `${notice}\n\n${encodeMarker(nextMarker(undefined, family, undefined))}`);
    await posted.catch(() => undefined);
    throw error;
  }
  if (event.deliveryId && outcome.status === 'done') await deps.completed?.add(event.deliveryId);
  return outcome;
}

/** "4 min 10 s" / "25 s": how long until the allowance has room again. */
function formatWait(seconds: number): string {
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min${seconds % 60 ? ` ${seconds % 60} s` : ''}` : `${seconds} s`;
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
async function noticeEarlyFailure(event: WebhookEvent, github: GitHub, botLogin: string, error: unknown, log: JobLog, ledger: WriteLedger): Promise<void> {
  const routed = route({ name: event.name, payload: event.payload }, DEFAULT_CONFIG, { login: botLogin });
  if (routed.kind === 'ignore' || (routed.intent.via !== 'comment' && routed.intent.via !== 'checkbox')) return;
  const { intent } = routed;
  try {
    if (!meetsPermission(await github.permission(intent.requester.login), DEFAULT_CONFIG.permission)) return;
    const notice = `${FAILURE_PREFIX} (${describeFailure(error)} while reading the repository's configuration). ${describePublished(ledger, error)} Re-run the command to retry.`;
    // The command's own family: the retry's answer edits this comment instead of leaving a stale notice beside it.
    await github.createComment(intent.target.number, `${notice}\n\n${encodeMarker({ family: intent.command })}`);
  } catch (noticeError) {
    log.warn({ err: (noticeError as Error).message }, 'could not post the failure notice');
  }
}

/** A loader that runs at most once. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
}
