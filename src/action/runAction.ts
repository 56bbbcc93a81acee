import { readFile } from 'node:fs/promises';
import { knownFromPayload } from '../triggers/knownFromPayload.js';
import type { Config } from '../config/configSchema.js';
import { octokitGitHub } from '../github/octokitGitHub.js';
import type { GitHub } from '../github/GitHub.js';
import type { JobLog, JobOutcome } from '../jobs/JobContext.js';
import { loadRepoContext } from '../jobs/loadRepoContext.js';
import { describeFailure, runEvent, type RunEventDeps } from '../jobs/runEvent.js';
import { createModel } from '../model/createModel.js';
import { OfflineModel } from '../model/offline/OfflineModel.js';
import { createSecurityDeps } from '../security/SecurityDeps.js';
import { createMemoryState, ONE_EVENT_KEYS } from '../state/memoryState.js';
import { systemClock } from '../domain/Clock.js';
import { createWriteLedger } from '../security/writeLedger.js';
import { describePublished } from '../jobs/describePublished.js';
import { ActionEnvError, readActionEnv, type ActionEnv } from './actionEnv.js';
import { ActionInputError, readActionInputs, type ActionInputs } from './actionInputs.js';
import { actionOctokit, botLoginFor } from './actionOctokit.js';
import { countsFromDetails, emptyCounts, failingSeverity, type SeverityCounts } from './findingCounts.js';
import { isForkPull } from './isForkPull.js';
import { loadActionAgents } from './loadActionAgents.js';
import { ReadOnlyTokenError } from './ReadOnlyTokenError.js';
import { printPlannedWrite, renderPlannedWrites } from './renderPlannedWrites.js';
import type { Published } from '../domain/Write.js';
import { gitHubPublisher } from '../publish/gitHubPublisher.js';
import { previewPublisher } from '../publish/previewPublisher.js';
import { lastCommentText } from '../publish/describeWrite.js';
import { summarizePublished } from '../publish/summarizePublished.js';
import { renderReadOnlySummary, type ReadOnlyReason } from './renderReadOnlySummary.js';
import { annotate, appendSummary, debugLine, setOutputs, type AnnotationLevel } from './workflowCommands.js';

export interface ActionIO {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  /** Where the bundle keeps its agents (default: `agents/` next to the entry file). */
  agentsDir?: string;
}

interface RunResult {
  outcome: JobOutcome;
  mode: 'live' | 'dry-run' | ReadOnlyReason;
}

/** What became of the plan's writes (published, or shown in a dry run / read-only run). */
function publishedOf(outcome: JobOutcome): readonly Published[] {
  return outcome.status === 'done' ? (outcome.published ?? []) : [];
}

/** Removes the secrets this step knows from a message before it is printed. */
function redact(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('***');
  return out;
}

function outcomeText(outcome: JobOutcome): string {
  return outcome.status === 'done' ? 'done' : `${outcome.status}: ${outcome.reason}`;
}

/**
 * The Action: one event from the runner, through the same core as the app (`runEvent`), with the
 * GitHub port over a token client. Returns the exit code: 0 ok, 1 failed or findings at `fail-on`.
 */
export async function runAction(io: ActionIO): Promise<number> {
  let inputs: ActionInputs;
  let env: ActionEnv;
  try {
    inputs = readActionInputs();
    env = readActionEnv(io.env);
  } catch (error) {
    if (error instanceof ActionInputError || error instanceof ActionEnvError) {
      annotate('error', error.message);
      return 1;
    }
    throw error;
  }
  const secrets = [inputs.githubToken, inputs.anthropicApiKey];
  const say = (text: string) => io.stdout(redact(text, secrets));
  const flag = (level: AnnotationLevel, text: string) => annotate(level, redact(text, secrets));
  const log: JobLog = {
    info: (_fields, message) => say(`${message}\n`),
    warn: (_fields, message) => flag('warning', message),
    error: (_fields, message) => flag('error', message),
  };

  let result: RunResult;
  // What the live run wrote to GitHub: a failure says what was published and what was not.
  const ledger = createWriteLedger();
  try {
    const payload: unknown = JSON.parse(await readFile(env.eventPath, 'utf8'));
    const octokit = actionOctokit(inputs.githubToken, env.apiUrl, (m) => flag('warning', m));
    // The issue or PR as the event carried it, like the app: the head sha the event was accepted at.
    const base = octokitGitHub(octokit, env.owner, env.repo, { botLogin: botLoginFor(inputs.githubToken, inputs.botLogin), known: knownFromPayload(payload) });
    const builtin = await loadActionAgents(io.agentsDir);
    const deps = (github: GitHub, modelFor: RunEventDeps['modelFor'], publisher: RunEventDeps['publisher'], live?: { ledger: RunEventDeps['ledger'] }): RunEventDeps => ({
      github,
      publisher,
      log,
      repoContext: (gh) => loadRepoContext(gh, builtin, log, new Map(), inputs.configPath),
      modelFor,
      // One event per run: small caches (the defaults allocate ≈0.1 s of slots up front).
      security: createSecurityDeps(secrets, createMemoryState(systemClock, ONE_EVENT_KEYS)),
      serverUrl: env.serverUrl,
      ...live,
      // Two runs for an issue or PR created with the label (opened, labeled) share nothing: one answers.
      labeledRunFollows: true,
    });
    const withModel = (config: Config): Config => (inputs.model ? { ...config, model: { ...config.model, id: inputs.model } } : config);
    const live = (config: Config) =>
      createModel({ apiKey: inputs.anthropicApiKey, baseURL: io.env.ANTHROPIC_BASE_URL }, withModel(config), (m) => say(`${m}\n`));
    const offline = () => new OfflineModel();
    const event = { name: env.eventName, payload, deliveryId: env.runKey ? `run-${env.runKey}` : undefined };

    const readOnly = async (reason: ReadOnlyReason): Promise<RunResult> => {
      say(`${reason === 'fork' ? 'Pull request from a fork' : 'The token may not write'}: running the offline evidence review; the result goes to the job summary.\n`);
      // Nothing is published and the offline engine costs nothing: the outside contributor's own PR is reviewed.
      const github: GitHub = { ...base, permission: async () => 'admin' };
      const outcome = await runEvent(event, deps(github, offline, (gh) => previewPublisher(gh)));
      return { outcome, mode: reason };
    };

    if (isForkPull(env.eventName, payload)) result = await readOnly('fork');
    else if (inputs.dryRun) {
      const shown = (gh: GitHub) => previewPublisher(gh, (p) => say(printPlannedWrite(p)));
      result = { outcome: await runEvent(event, deps(base, live, shown)), mode: 'dry-run' };
    } else {
      try {
        // A 403 on a write the plan cannot go without: the token may not write here (read-only run below).
        const onGitHub: RunEventDeps['publisher'] = (github, log, repoUrl) => gitHubPublisher({ github, log, repoUrl, onForbidden: (write) => new ReadOnlyTokenError(write.kind) });
        result = { outcome: await runEvent(event, deps(base, live, onGitHub, { ledger })), mode: 'live' };
      } catch (error) {
        if (!(error instanceof ReadOnlyTokenError)) throw error;
        if (ledger.published.some((w) => w.operation !== 'reactToComment')) flag('warning', `before the token was refused: ${describePublished(ledger, error)}`);
        result = await readOnly('read-only-token');
      }
    }
  } catch (error) {
    const detail = error instanceof Error && !('status' in error) ? `: ${error.message.split('\n')[0]!.slice(0, 300)}` : '';
    flag('error', `the run failed (${describeFailure(error)})${detail}. ${describePublished(ledger, error)}`);
    return 1;
  }

  const { outcome, mode } = result;
  const published = publishedOf(outcome);
  // As a debug line (shown when the run has debug logging on), the job's plan of writes as data: what the
  // App and the CLI would plan for the same event.
  if (outcome.status === 'done' && outcome.writes) debugLine(redact(`agency plan ${JSON.stringify(outcome.writes)}`, secrets));
  say(`Agency Architect: ${env.eventName} → ${outcomeText(outcome)}${mode === 'live' ? '' : ` (${mode})`}\n`);
  const details = outcome.status === 'done' ? outcome.details : undefined;
  const counts: SeverityCounts = details ? countsFromDetails(details) : emptyCounts();
  const outputs = {
    'comment-url': mode === 'live' && outcome.status === 'done' ? (outcome.commentUrl ?? '') : '',
    'findings-blocker': String(counts.blocker),
    'findings-major': String(counts.major),
    'findings-minor': String(counts.minor),
    'findings-nit': String(counts.nit),
    'adr-pr-url': mode === 'live' ? (summarizePublished(published).adrPullUrls.at(-1) ?? '') : '',
    outcome: outcome.status,
  };
  try {
    if (env.outputPath) setOutputs(outputs);
    if (env.summaryPath && mode === 'dry-run') {
      await appendSummary(`## Agency Architect (dry run)\n\nOutcome: ${outcomeText(outcome)}. Nothing was written to GitHub; this is what would have been.\n\n${renderPlannedWrites(published)}\n`);
    } else if (env.summaryPath && (mode === 'fork' || mode === 'read-only-token')) {
      await appendSummary(renderReadOnlySummary(mode, lastCommentText(published), outcomeText(outcome)));
    }
  } catch (error) {
    flag('error', `could not write the step outputs (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return 1;
  }

  // ADRs left on their branch because GitHub refused the pull request: the job said why (an error annotation).
  if (mode === 'live' && Number(details?.pullsNotOpened ?? 0) > 0) return 1;
  const failing = failingSeverity(counts, inputs.failOn);
  if (failing) {
    flag('error', `${counts[failing]} ${failing} finding(s) reach fail-on "${inputs.failOn}"`);
    return 1;
  }
  return 0;
}

