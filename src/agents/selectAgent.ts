import type { Command } from '../domain/commands.js';
import type { Agent } from '../domain/Agent.js';
import { agentKey } from './agentKey.js';

export const DEFAULT_AGENT = 'backend-architect';

/**
 * The agent that serves a command, from a list where repository agents come first (see mergeAgents):
 * 1. the first agent whose `commands` names the command;
 * 2. else the agent named backend-architect;
 * 3. else the first agent without a `commands` list (it serves every command);
 * 4. else the first agent.
 */
export function selectAgent(agents: Agent[], command: Command): Agent {
  const listed = agents.find((agent) => agent.commands?.includes(command));
  if (listed) return listed;
  const architect = agents.find((agent) => agentKey(agent.name) === DEFAULT_AGENT);
  if (architect) return architect;
  const general = agents.find((agent) => !agent.commands || agent.commands.length === 0);
  const chosen = general ?? agents[0];
  if (!chosen) throw new Error(`no agent available for the "${command}" command: the agent list is empty`);
  return chosen;
}
