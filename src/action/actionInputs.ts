import * as core from '@actions/core';
import { SEVERITIES, type Severity } from '../domain/findingSchema.js';

export type FailOn = Severity | 'never';

/** The inputs of action.yml, as the runner passes them (`INPUT_<NAME>`, read by @actions/core). */
export interface ActionInputs {
  anthropicApiKey?: string;
  githubToken: string;
  /** Claude model id override; the config file (or its schema default) otherwise. */
  model?: string;
  configPath: string;
  failOn: FailOn;
  dryRun: boolean;
  /** The login the token writes as, when it is neither the workflow token nor a personal token. */
  botLogin?: string;
}

/** Thrown for inputs a user can fix; the message names the input and the accepted values. */
export class ActionInputError extends Error {}

/** core.getInput (trimmed; `INPUT_` + the name upper-cased, spaces to `_`), with '' as undefined. */
function input(name: string): string | undefined {
  return core.getInput(name) || undefined;
}

/** core.getBooleanInput (the YAML 1.2 core-schema booleans), with a default and an error naming the input. */
function booleanInput(name: string, fallback: boolean): boolean {
  const value = input(name);
  if (value === undefined) return fallback;
  try {
    return core.getBooleanInput(name);
  } catch {
    throw new ActionInputError(`input "${name}" must be true or false (got "${value.slice(0, 40)}")`);
  }
}

export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'never'];

/**
 * Reads and checks the inputs (from process.env, as @actions/core does). Defaults here mirror action.yml
 * for runs outside the runner (tests, local).
 */
export function readActionInputs(): ActionInputs {
  const githubToken = input('github-token') ?? process.env.GITHUB_TOKEN;
  if (!githubToken) throw new ActionInputError('input "github-token" is empty: pass `github-token: ${{ github.token }}` (the default)');
  const failOn = (input('fail-on') ?? 'never').toLowerCase();
  if (!(FAIL_ON_VALUES as readonly string[]).includes(failOn)) {
    throw new ActionInputError(`input "fail-on" must be one of ${FAIL_ON_VALUES.join(', ')} (got "${failOn.slice(0, 40)}")`);
  }
  return {
    anthropicApiKey: input('anthropic-api-key') ?? (process.env.ANTHROPIC_API_KEY || undefined),
    githubToken,
    model: input('model'),
    configPath: (input('config-path') ?? '.github/agency.yml').replace(/^\.?\/+/, ''),
    failOn: failOn as FailOn,
    dryRun: booleanInput('dry-run', false),
    botLogin: input('bot-login'),
  };
}
