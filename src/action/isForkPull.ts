/**
 * A pull_request event from a fork: its head repository is another one (or was deleted). GitHub then
 * gives the workflow a read-only token and no secrets.
 */
export function isForkPull(eventName: string, payload: unknown): boolean {
  if (eventName !== 'pull_request') return false;
  const pr = (payload as { pull_request?: { head?: { repo?: { full_name?: string } | null }; base?: { repo?: { full_name?: string } } } })
    ?.pull_request;
  if (!pr) return false;
  const head = pr.head?.repo?.full_name;
  const base = pr.base?.repo?.full_name;
  return !head || !base || head.toLowerCase() !== base.toLowerCase();
}
