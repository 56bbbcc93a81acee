import { ProbotOctokit } from 'probot';
import { pacingPlugin, type PacingOptions } from '../github/pacingPlugin.js';
import { RETRY_OPTIONS } from '../github/retryOptions.js';
import { GITHUB_REQUEST_TIMEOUT_MS, timedFetch } from '../github/timedFetch.js';
import type { Pacer } from '../github/Pacer.js';
import { WritePacer } from '../github/WritePacer.js';
import { recordGitHubResponse } from '../metrics/metrics.js';

/**
 * The app's Octokit class for Probot (`new Probot({ Octokit })` / `createProbot({ overrides: { Octokit } })`):
 * Probot's client with its throttling replaced by per-installation pacing at GitHub's documented limits.
 * @octokit/plugin-throttling keys its limiter by `throttle.id` and spaces comments 3 s apart for the whole
 * process; here each installation gets its own WritePacer slots. Probot's plugin-retry keeps RETRY_OPTIONS,
 * and every request gets a time limit (timedFetch), the installation-token request of Probot's auth
 * included (its auth strategy is handed this client's request defaults).
 */
export function appOctokit(options: { pacer?: Pacer; observe?: PacingOptions['observe']; requestTimeoutMs?: number } = {}): typeof ProbotOctokit {
  const pacing: PacingOptions = { pacer: options.pacer ?? new WritePacer(), observe: options.observe ?? recordGitHubResponse };
  return ProbotOctokit.plugin(pacingPlugin as never).defaults((instance: Record<string, unknown>) => {
    const request = (instance.request ?? {}) as { fetch?: typeof fetch };
    return {
      ...instance,
      throttle: { ...(instance.throttle as object | undefined), enabled: false },
      retry: { ...RETRY_OPTIONS, ...(instance.retry as object | undefined) },
      request: { ...request, fetch: timedFetch(options.requestTimeoutMs ?? GITHUB_REQUEST_TIMEOUT_MS, request.fetch) },
      pacing,
    };
  }) as typeof ProbotOctokit;
}
