import { SEVERITIES, type Severity } from '../domain/findingSchema.js';

export type FailOn = Severity | 'never';

/** The inputs of action.yml, as the runner passes them (`INPUT_<NAME>`, upper case, hyphens kept). */
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

/** `INPUT_` + the name upper-cased with spaces replaced by `_` (GitHub's own rule; hyphens stay). */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

function input(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[inputEnvName(name)]?.trim();
  return value ? value : undefined;
}

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

/** The YAML 1.2 core-schema booleans, like @actions/core's getBooleanInput. */
function booleanInput(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const value = input(env, name);
  if (value === undefined) return fallback;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new ActionInputError(`input "${name}" must be true or false (got "${value.slice(0, 40)}")`);
}

export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'never'];

/** Reads and checks the inputs. Defaults here mirror action.yml for runs outside the runner (tests, local). */
export function readActionInputs(env: Record<string, string | undefined>): ActionInputs {
  const githubToken = input(env, 'github-token') ?? env.GITHUB_TOKEN;
  if (!githubToken) throw new ActionInputError('input "github-token" is empty: pass `github-token: ${{ github.token }}` (the default)');
  const failOn = (input(env, 'fail-on') ?? 'never').toLowerCase();
  if (!(FAIL_ON_VALUES as readonly string[]).includes(failOn)) {
    throw new ActionInputError(`input "fail-on" must be one of ${FAIL_ON_VALUES.join(', ')} (got "${failOn.slice(0, 40)}")`);
  }
  return {
    anthropicApiKey: input(env, 'anthropic-api-key') ?? (env.ANTHROPIC_API_KEY || undefined),
    githubToken,
    model: input(env, 'model'),
    configPath: (input(env, 'config-path') ?? '.github/agency.yml').replace(/^\.?\/+/, ''),
    failOn: failOn as FailOn,
    dryRun: booleanInput(env, 'dry-run', false),
    botLogin: input(env, 'bot-login'),
  };
}
