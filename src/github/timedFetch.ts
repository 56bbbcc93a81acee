/**
 * How long GitHub has to start answering one request (status and headers): three times the 10 s after
 * which GitHub itself ends a request it is still working on ("If GitHub takes more than 10 seconds to
 * process an API request, GitHub will terminate the request and you will receive a timeout response",
 * https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api#timeouts). Without a
 * bound, a connection that stays open without an answer holds the job (and its issue) for Node's 300 s
 * header timeout, four times over with the retries.
 */
export const GITHUB_REQUEST_TIMEOUT_MS = 30_000;

/**
 * `fetch` for Octokit's `request.fetch` with a time limit per attempt (each try of @octokit/plugin-retry
 * gets its own) on the wait for the answer to begin; a large body already arriving is not cut. Past it,
 * fetch fails with a `TimeoutError`, which Octokit reports as a request without an answer (status 500)
 * and the retry plugin tries again like a dropped connection. A caller's own signal (a shutdown) still
 * aborts at once, the body's reading included.
 */
export function timedFetch(timeoutMs: number = GITHUB_REQUEST_TIMEOUT_MS, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const limit = new AbortController();
    const timer = setTimeout(() => limit.abort(new DOMException(`GitHub did not answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
    try {
      return await base(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, limit.signal]) : limit.signal });
    } finally {
      clearTimeout(timer);
    }
  };
}
