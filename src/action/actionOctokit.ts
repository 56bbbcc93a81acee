import { Octokit } from '@octokit/rest';

/**
 * A token client for the Action: @octokit/rest against `GITHUB_API_URL` (github.com or GitHub Enterprise
 * Server). No throttling plugin: one step makes a handful of writes, like @actions/github's client.
 */
export function actionOctokit(token: string, baseUrl: string, warn: (message: string) => void): Octokit {
  return new Octokit({
    auth: token,
    baseUrl,
    userAgent: 'agency-architect-action',
    log: { debug: () => undefined, info: () => undefined, warn: (m: string) => warn(m), error: () => undefined },
  });
}

/**
 * The login the token writes as. The workflow token (and any app installation token) cannot ask
 * `GET /user`; it is `github-actions[bot]` unless `bot-login` says otherwise. Personal tokens are asked.
 */
export function botLoginFor(token: string, explicit: string | undefined): string | undefined {
  if (explicit) return explicit;
  if (/^(ghp_|gho_|ghu_|github_pat_)/.test(token)) return undefined;
  return 'github-actions[bot]';
}
