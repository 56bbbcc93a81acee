import type { Agent } from '../../domain/Agent.js';
import { HOUSE_RULES_TEXT } from './houseRules.js';

/**
 * The system prompt for an agent: who it is, its own prompt, then the house rules. It depends only on the
 * agent, so it is identical across events and can be cached by the API.
 */
export function buildSystemPrompt(agent: Agent, houseRules: string = HOUSE_RULES_TEXT): string {
  const description = agent.description.trim();
  const header = description ? `You are ${agent.name}: ${description}` : `You are ${agent.name}.`;
  return [header, agent.prompt.trim(), houseRules.trim()].filter((part) => part.length > 0).join('\n\n');
}
