/**
 * @octokit/plugin-retry's settings for every client of ours (the app's and the Action's): a 5xx or a
 * request that got no answer (Octokit reports that as status 500) is tried again after 1, 4 and 9 s.
 * GitHub's answers that another try cannot change are not retried: the plugin's own list, and 409, a
 * conflict with the repository's state (a ruleset refusing a ref update, a file changed since it was
 * read). Neither are 429s: the pacing plugin reads their `retry-after` instead of retrying blind. POSTs
 * are never retried (pacingPlugin sets their retries to 0): a 5xx may come after GitHub created the comment.
 */
export const RETRY_OPTIONS = { doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451] };
