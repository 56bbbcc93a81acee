import { describe, expect, it } from 'vitest';
import type { Agent } from '../../src/domain/Agent.js';
import { mergeAgents } from '../../src/agents/mergeAgents.js';
import { selectAgent } from '../../src/agents/selectAgent.js';

const agent = (name: string, source: string, commands?: string[]): Agent => ({
  name,
  description: name,
  prompt: `You are ${name}.`,
  source,
  ...(commands ? { commands } : {}),
});

const architect = agent('backend-architect', 'builtin', ['plan', 'review', 'adr', 'security']);

describe('selectAgent', () => {
  it('picks the agent that lists the command', () => {
    const security = agent('security-expert', 'builtin', ['security']);
    const tester = agent('tester', 'builtin', ['test']);
    expect(selectAgent([architect, tester], 'test')).toBe(tester);
    expect(selectAgent([security, architect], 'security')).toBe(security);
  });

  it('prefers a repository agent over a shipped one for the same command', () => {
    const repoReviewer = agent('db-reviewer', '.agency/agents/db-reviewer.md', ['review']);
    expect(selectAgent(mergeAgents([architect], [repoReviewer]), 'review')).toBe(repoReviewer);
    expect(selectAgent(mergeAgents([architect], [repoReviewer]), 'plan')).toBe(architect);
  });

  it('uses a repository override of backend-architect', () => {
    const override = agent('backend-architect', '.agency/agents/backend-architect.md', ['plan']);
    expect(selectAgent(mergeAgents([architect], [override]), 'plan')).toBe(override);
  });

  it('falls back to backend-architect when no agent lists the command', () => {
    const general = agent('general', 'repo');
    expect(selectAgent([general, architect], 'optimize')).toBe(architect);
    expect(selectAgent([agent('Backend Architect', 'seed')], 'help').name).toBe('Backend Architect');
  });

  it('then to an agent without a command list, then to the first agent', () => {
    const narrow = agent('narrow', 'repo', ['test']);
    const general = agent('general', 'repo');
    expect(selectAgent([narrow, general], 'plan')).toBe(general);
    expect(selectAgent([narrow, agent('other', 'repo', ['document'])], 'plan')).toBe(narrow);
  });

  it('throws when there is no agent at all', () => {
    expect(() => selectAgent([], 'plan')).toThrow(/no agent available for the "plan" command/);
  });
});
