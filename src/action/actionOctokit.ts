import { retry } from '@octokit/plugin-retry';
import { Octokit } from '@octokit/rest';
import { pacingPlugin } from '../github/pacingPlugin.js';
import { RETRY_OPTIONS } from '../github/retryOptions.js';
import { GITHUB_REQUEST_TIMEOUT_MS, timedFetch } from '../github/timedFetch.js';
import { WritePacer } from '../github/WritePacer.js';

/**
 * @octokit/rest with the app's pacing (writes at GitHub's documented limits, secondary limits retried after
 * retry-after) and the app's retries: a runner's run no longer fails on one 502 or one dropped connection.
 */
const PacedOctokit = Octokit.plugin(retry, pacingPlugin as never);

/**
 * A token client for the Action: @octokit/rest against `GITHUB_API_URL` (github.com or GitHub Enterprise
 * Server), paced, retried and timed like the app's client (one token, one pacing key).
 */
export function actionOctokit(token: string, baseUrl: string, warn: (message: string) => void, pacer = new WritePacer(), requestTimeoutMs = GITHUB_REQUEST_TIMEOUT_MS): Octokit {
  return new PacedOctokit({
    pacing: { pacer, key: 'action' },
    retry: RETRY_OPTIONS,
    request: { fetch: timedFetch(requestTimeoutMs) },
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
