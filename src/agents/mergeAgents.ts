import type { Agent } from '../domain/Agent.js';
import { agentKey } from './agentKey.js';

/**
 * Combine the shipped agents with a repository's own. A repository agent with the same name (compared
 * with `agentKey`, so `Backend Architect` overrides `backend-architect`) replaces the shipped one.
 * Repository agents come first, in their order, so that selection prefers them; among repository
 * agents sharing a name, the last one wins.
 */
export function mergeAgents(builtin: Agent[], repo: Agent[]): Agent[] {
  const byKey = new Map<string, Agent>();
  for (const agent of repo) {
    const key = agentKey(agent.name);
    byKey.delete(key); // re-insert so the winner keeps the position of its last definition
    byKey.set(key, agent);
  }
  const merged = [...byKey.values()];
  for (const agent of builtin) {
    const key = agentKey(agent.name);
    if (!byKey.has(key)) {
      byKey.set(key, agent);
      merged.push(agent);
    }
  }
  return merged;
}
