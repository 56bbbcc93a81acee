/**
 * A 403 that means "this token may not do that" (a personal token or a narrow workflow token on check
 * runs, a missing app permission), not a secondary rate limit, which GitHub also answers with 403.
 */
export function isPermissionDenied(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('status' in error) || Number((error as { status: unknown }).status) !== 403) return false;
  const message = error instanceof Error ? error.message : '';
  const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers;
  return !/rate limit/i.test(message) && headers?.['retry-after'] === undefined;
}
