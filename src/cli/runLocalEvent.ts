import type { Agent } from '../domain/Agent.js';
import type { Command } from '../domain/commands.js';
import type { JobLog, JobOutcome } from '../jobs/JobContext.js';
import { loadRepoContext } from '../jobs/loadRepoContext.js';
import { runEvent } from '../jobs/runEvent.js';
import { OfflineModel } from '../model/offline/OfflineModel.js';
import { createSecurityDeps } from '../security/SecurityDeps.js';
import { createMemoryState, ONE_EVENT_KEYS } from '../state/memoryState.js';
import { systemClock } from '../domain/Clock.js';
import { workingTreeMap } from './workingTreeMap.js';
import type { Published } from '../domain/Write.js';
import { previewPublisher } from '../publish/previewPublisher.js';
import { LOCAL_NUMBER, localGitHub, type LocalGitHubOptions } from './localGitHub.js';

export interface LocalRun {
  outcome: JobOutcome;
  /** The App's plan of writes, shown (not sent), in order. */
  published: readonly Published[];
}

export interface LocalEventInput extends LocalGitHubOptions {
  command: Command;
  /** The command's arguments: plan context, ADR title. */
  args: string;
  builtinAgents: Agent[];
  /** Repository-relative config path; default `.github/agency.yml`. */
  configPath?: string;
  /** Overrides `adr.dir` of the config (`agency adr --dir`). */
  adrDir?: string;
  env: Record<string, string | undefined>;
  /** One line per message the model and the pipeline log (stderr). */
  say: (line: string) => void;
}

/**
 * The event a person would cause on GitHub: a `/agency:<command>` comment on the issue or pull request.
 * Shaped like GitHub's `issue_comment.created` payload (the fields routing reads).
 */
export function localCommentEvent(command: Command, args: string, isPull: boolean): { name: string; payload: unknown } {
  const body = `/agency:${command}${args ? ` ${args.replace(/\s+/g, ' ').trim()}` : ''}`;
  return {
    name: 'issue_comment',
    payload: {
      action: 'created',
      issue: { number: LOCAL_NUMBER, ...(isPull ? { pull_request: { url: '' } } : {}) },
      comment: { id: 1, body, user: { login: 'local', type: 'User' } },
      repository: { name: 'repository', owner: { login: 'local' } },
      sender: { login: 'local', type: 'User' },
    },
  };
}

/**
 * Runs one command through the App's own pipeline (route, authorize, sanitise, evidence, bounded and
 * redacted model, render) over the local checkout; the plan of writes is shown instead of carried out:
 * what the CLI prints is what the App would post.
 */
export async function runLocalEvent(input: LocalEventInput): Promise<LocalRun> {
  // The Claude client (the Anthropic SDK, a few hundred modules) only when there is a key to use it with.
  const createModel = input.env.ANTHROPIC_API_KEY ? (await import('../model/createModel.js')).createModel : () => new OfflineModel();
  const github = localGitHub(input);
  const log: JobLog = {
    info: () => undefined,
    warn: (_fields, message) => input.say(message),
    error: (_fields, message) => input.say(message),
  };
  const outcome = await runEvent(localCommentEvent(input.command, input.args, input.subject.files !== undefined), {
    github,
    log,
    repoContext: async (gh) => {
      const repo = await loadRepoContext(gh, input.builtinAgents, log, new Map(), input.configPath);
      return input.adrDir ? { ...repo, config: { ...repo.config, adr: { ...repo.config.adr, dir: input.adrDir } } } : repo;
    },
    // Model messages (fallback reasons, retries) go to stderr, as before the pipeline was shared.
    modelFor: (config) =>
      createModel({ apiKey: input.env.ANTHROPIC_API_KEY, baseURL: input.env.ANTHROPIC_BASE_URL }, config, (message) => input.say(message)),
    // One event per process: a few keys, not the app's 50,000 slots per map (allocated up front, ≈0.1 s).
    security: createSecurityDeps([input.env.ANTHROPIC_API_KEY], createMemoryState(systemClock, ONE_EVENT_KEYS)),
    // The working tree is the repository: the same map the App builds from GitHub.
    repoAccess: (config) => workingTreeMap(input.cwd, config, input.env),
    publisher: (gh) => previewPublisher(gh),
  });
  return { outcome, published: outcome.status === 'done' ? (outcome.published ?? []) : [] };
}

