/**
 * How long one request to GitHub may take, answer and body included: three times the 10 s after which
 * GitHub itself ends a request it is still working on ("If GitHub takes more than 10 seconds to process an
 * API request, GitHub will terminate the request and you will receive a timeout response",
 * https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#timeouts). Without a
 * bound, a connection that stays open without an answer holds the job (and its issue) for Node's 300 s
 * header timeout, four times over with the retries.
 */
export const GITHUB_REQUEST_TIMEOUT_MS = 30_000;

/**
 * `fetch` for Octokit's `request.fetch` with a time limit per attempt: each try of @octokit/plugin-retry
 * gets its own. Past it, fetch fails with a `TimeoutError`; Octokit reports that as a request without an
 * answer (status 500), which the retry plugin tries again like a dropped connection. A caller's own
 * signal (a shutdown) still aborts at once.
 */
export function timedFetch(timeoutMs: number = GITHUB_REQUEST_TIMEOUT_MS, base: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const limit = AbortSignal.timeout(timeoutMs);
    return base(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, limit]) : limit });
  };
}
