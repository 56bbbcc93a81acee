import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinAgentsDir, loadBuiltinAgents } from '../../src/agents/builtinAgents.js';
import { parseAgent } from '../../src/agents/parseAgent.js';
import { PLAN_SECTION_TITLES } from '../../src/domain/planSchema.js';
import { SEVERITIES } from '../../src/domain/findingSchema.js';
import { COMMANDS } from '../../src/domain/commands.js';

describe('shipped agents', () => {
  it('are found in the agents/ folder at the package root', () => {
    expect(builtinAgentsDir().replace(/\\/g, '/')).toMatch(/\/agents\/?$/);
  });

  it('include backend-architect with every command but help', async () => {
    const agents = await loadBuiltinAgents();
    const architect = agents.find((a) => a.name === 'backend-architect');
    expect(architect).toBeDefined();
    expect(architect?.commands).toEqual(COMMANDS.filter((c) => c !== 'help'));
    expect(architect?.category).toBe('engineering');
    expect(architect?.version).toBe('1.0.0');
    expect(architect?.description.length).toBeGreaterThan(40);
  });

  it('are loaded once and shared', async () => {
    expect(await loadBuiltinAgents()).toBe(await loadBuiltinAgents());
  });

  describe('backend-architect prompt', async () => {
    const text = await readFile(join(builtinAgentsDir(), 'backend-architect.md'), 'utf8');
    const prompt = parseAgent(text, 'agents/backend-architect.md').prompt.toLowerCase();

    it('names every plan section', () => {
      const names = [
        ...Object.values(PLAN_SECTION_TITLES),
        'Trade-offs',
        'Risks',
        'Open questions',
        'Checklists',
        'Proposed decisions',
      ];
      for (const name of names) expect(prompt, name).toContain(name.toLowerCase());
    });

    it('names every review severity and keeps linter evidence', () => {
      for (const severity of SEVERITIES) expect(prompt).toContain(`**${severity}**`);
      expect(prompt).toContain('never drop one');
    });

    it('carries the house rules', () => {
      expect(prompt).toContain('untrusted data');
      expect(prompt).toContain('never reveal secrets');
      expect(prompt).toContain('do not @-mention');
      expect(prompt).toContain('do not write `/agency:` commands');
    });

    it('stays focused', () => {
      const lines = text.split('\n').length;
      expect(lines).toBeGreaterThanOrEqual(80);
      expect(lines).toBeLessThanOrEqual(150);
    });
  });
});
