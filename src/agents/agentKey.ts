/**
 * The identity of an agent name for overrides and lookups: `Backend Architect`, `backend-architect`
 * and `backend_architect` are the same agent, since agent collections spell names differently.
 */
export function agentKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
