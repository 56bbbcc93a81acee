import { describe, expect, it } from 'vitest';
import type { Agent } from '../../src/domain/Agent.js';
import { mergeAgents } from '../../src/agents/mergeAgents.js';

const agent = (name: string, source: string, commands?: string[]): Agent => ({
  name,
  description: `${name} from ${source}`,
  prompt: `You are ${name}.`,
  source,
  ...(commands ? { commands } : {}),
});

describe('mergeAgents', () => {
  it('lets a repository agent with the same name replace the shipped one', () => {
    const merged = mergeAgents(
      [agent('backend-architect', 'builtin'), agent('security', 'builtin')],
      [agent('backend-architect', 'repo')],
    );
    expect(merged.map((a) => `${a.name}@${a.source}`)).toEqual(['backend-architect@repo', 'security@builtin']);
  });

  it('matches names regardless of case and separators', () => {
    const merged = mergeAgents([agent('backend-architect', 'builtin')], [agent('Backend Architect', 'repo')]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.source).toBe('repo');
  });

  it('puts repository agents first and keeps new ones', () => {
    const merged = mergeAgents([agent('backend-architect', 'builtin')], [agent('db-reviewer', 'repo')]);
    expect(merged.map((a) => a.name)).toEqual(['db-reviewer', 'backend-architect']);
  });

  it('keeps the last of two repository agents with the same name', () => {
    const merged = mergeAgents([], [agent('x', 'repo/1.md'), agent('y', 'repo/y.md'), agent('x', 'repo/2.md')]);
    expect(merged.map((a) => a.source)).toEqual(['repo/y.md', 'repo/2.md']);
  });

  it('returns the shipped agents unchanged without repository agents', () => {
    const builtin = [agent('a', 'builtin'), agent('b', 'builtin')];
    expect(mergeAgents(builtin, [])).toEqual(builtin);
  });
});
