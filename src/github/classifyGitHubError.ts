/**
 * What a failed GitHub request means for the caller, from its status, message and headers: decided
 * once here so no caller swallows a 5xx or a rate limit as if it were "already exists".
 * - `exists`: 422 "already exists" (a ref, a pull request for the head).
 * - `no-commits`: 422 "No commits between" (a branch whose changes are already in the base).
 * - `actions-cannot-open-pulls`: 403 for a workflow token when the repository (or organization) setting
 *   "Allow GitHub Actions to create and approve pull requests" is off.
 * - `rate-limited`: 403/429 with a rate-limit message or `retry-after` (primary or secondary limit).
 * - `forbidden`: any other 403 (the token or installation lacks a permission).
 * - `server`: 5xx. `other`: everything else.
 */
export type GitHubErrorClass = 'exists' | 'no-commits' | 'actions-cannot-open-pulls' | 'rate-limited' | 'forbidden' | 'server' | 'other';

/** Setting docs: https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/enabling-features-for-your-repository/managing-github-actions-settings-for-a-repository#preventing-github-actions-from-creating-or-approving-pull-requests */
export const ACTIONS_PULLS_SETTING_URL =
  'https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/enabling-features-for-your-repository/managing-github-actions-settings-for-a-repository#preventing-github-actions-from-creating-or-approving-pull-requests';

export function errorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  const status = Number((error as { status: unknown }).status);
  return Number.isFinite(status) ? status : undefined;
}

/** The error's message with GitHub's `message` and each `errors[].message` of the response. */
function errorText(error: unknown): string {
  const parts: string[] = [error instanceof Error ? error.message : ''];
  const data = typeof error === 'object' && error !== null ? (error as { response?: { data?: unknown } }).response?.data : undefined;
  if (typeof data === 'object' && data !== null) {
    const d = data as { message?: unknown; errors?: unknown };
    if (typeof d.message === 'string') parts.push(d.message);
    if (Array.isArray(d.errors)) for (const e of d.errors) parts.push(typeof e === 'string' ? e : typeof (e as { message?: unknown })?.message === 'string' ? String((e as { message: string }).message) : '');
  }
  return parts.join('\n');
}

function hasRetryAfter(error: unknown): boolean {
  const headers = typeof error === 'object' && error !== null ? (error as { response?: { headers?: Record<string, unknown> } }).response?.headers : undefined;
  return headers !== undefined && (headers['retry-after'] !== undefined || headers['x-ratelimit-remaining'] === '0');
}

export function classifyGitHubError(error: unknown): GitHubErrorClass {
  const status = errorStatus(error);
  const text = errorText(error);
  if (status === 422 && /already exists/i.test(text)) return 'exists';
  if (status === 422 && /no commits between/i.test(text)) return 'no-commits';
  if ((status === 403 || status === 429) && (/rate limit/i.test(text) || hasRetryAfter(error))) return 'rate-limited';
  if (status === 403 && /GitHub Actions is not permitted to create or approve pull requests/i.test(text)) return 'actions-cannot-open-pulls';
  if (status === 403) return 'forbidden';
  if (status !== undefined && status >= 500) return 'server';
  return 'other';
}
