/** What the runner tells a step about the event and where to write (the `GITHUB_*` variables). */
export interface ActionEnv {
  eventName: string;
  eventPath: string;
  owner: string;
  repo: string;
  /** REST API root: `https://api.github.com`, or `https://HOST/api/v3` on GitHub Enterprise Server. */
  apiUrl: string;
  /** Web root, for links: `https://github.com` or the GHES host. */
  serverUrl: string;
  /** `<run id>-<attempt>`: the same for a re-run of the same attempt only. */
  runKey?: string;
  outputPath?: string;
  summaryPath?: string;
}

export class ActionEnvError extends Error {}

export function readActionEnv(env: Record<string, string | undefined>): ActionEnv {
  const need = (name: string): string => {
    const value = env[name];
    if (!value) throw new ActionEnvError(`${name} is not set: this entry point runs as a GitHub Actions step`);
    return value;
  };
  const repository = need('GITHUB_REPOSITORY');
  const [owner, repo, ...rest] = repository.split('/');
  if (!owner || !repo || rest.length > 0) throw new ActionEnvError(`GITHUB_REPOSITORY must be owner/name (got "${repository.slice(0, 80)}")`);
  const runId = env.GITHUB_RUN_ID;
  return {
    eventName: need('GITHUB_EVENT_NAME'),
    eventPath: need('GITHUB_EVENT_PATH'),
    owner,
    repo,
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    runKey: runId ? `${runId}-${env.GITHUB_RUN_ATTEMPT || '1'}` : undefined,
    outputPath: env.GITHUB_OUTPUT || undefined,
    summaryPath: env.GITHUB_STEP_SUMMARY || undefined,
  };
}
