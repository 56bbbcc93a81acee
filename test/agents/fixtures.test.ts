import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Agent } from '../../src/domain/Agent.js';
import { loadAgentsDir } from '../../src/agents/loadAgentsDir.js';
import { parseAgent } from '../../src/agents/parseAgent.js';

/** Real agent files from other collections, copied unchanged from the seeds. */
const DIR = fileURLToPath(new URL('../fixtures/agents/', import.meta.url));

describe('seed agent files', () => {
  it('all five load without error, in file-name order', async () => {
    const { agents, errors } = await loadAgentsDir(DIR);
    expect(errors).toEqual([]);
    expect(agents.map((a) => a.source.slice(DIR.length).slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
    for (const agent of agents) {
      expect(agent.description.length).toBeGreaterThan(20);
      expect(agent.prompt.length).toBeGreaterThan(500);
    }
  });

  async function load(prefix: string): Promise<Agent> {
    const { agents } = await loadAgentsDir(DIR);
    const agent = agents.find((a) => a.source.includes(`${prefix}_`));
    if (!agent) throw new Error(`fixture ${prefix} not loaded`);
    return agent;
  }

  it('000 (no front matter): name from its heading, description from its first paragraph', async () => {
    const agent = await load('000');
    expect(agent.name).toBe('Agent Enhancement: Backend Architect');
    expect(agent.description).toMatch(/^\*\*File\*\*: `engineering\/engineering-backend-architect\.md`/);
    expect(agent.tools).toBeUndefined();
  });

  it('001 (agency plugin format): tools groups, skills and color are kept', async () => {
    const agent = await load('001');
    expect(agent.name).toBe('backend-architect');
    expect(agent.description).toMatch(/^Senior backend architect specializing in scalable system design/);
    expect(agent.color).toBe('blue');
    expect(agent.tools).toEqual({
      essential: ['Read', 'Write', 'Edit', 'Bash', 'Grep', 'Glob'],
      optional: ['WebFetch', 'WebSearch'],
      specialized: [],
    });
    expect(agent.skills).toHaveLength(8);
    expect(agent.skills).toContain('prisma-latest-expert');
    expect(agent.prompt.startsWith('# Backend Architect Agent Personality')).toBe(true);
  });

  it('001 (Windows-1252 mojibake): repairable emoji are restored, damaged ones kept, nothing thrown', async () => {
    const agent = await load('001');
    expect(agent.prompt).toContain('## 🧠 Your Identity & Memory');
    expect(agent.prompt).toContain('## 🚀 Advanced Capabilities');
    expect(agent.prompt).toContain('Test coverage: ≥ 80% overall');
    expect(agent.prompt).not.toContain('ðŸ§');
    // 💝 lost a byte upstream: the text is kept as it was rather than guessed.
    expect(agent.prompt).toContain('## ðŸ’ Your Communication Style');
  });

  it('002 (no front matter): name from "# Backend Architect Agent"', async () => {
    const agent = await load('002');
    expect(agent.name).toBe('Backend Architect');
    expect(agent.description).toMatch(/^You are a master backend architect/);
  });

  it('003 (Mac Roman mojibake): category and version kept, text left as is', async () => {
    const agent = await load('003');
    expect(agent.name).toBe('Backend Architect');
    expect(agent.category).toBe('engineering');
    expect(agent.version).toBe('1.0');
    expect(agent.description).toMatch(/^You are a senior backend architect/);
    expect(agent.prompt.startsWith('# \uf8ffüèóÔ∏è Backend Architect Agent')).toBe(true);
  });

  it('004 (no front matter): name and description from the text', async () => {
    const agent = await load('004');
    expect(agent.name).toBe('Backend Architect');
    expect(agent.description).toMatch(/^You are a Backend Architect\. Your focus is designing/);
    expect(agent.prompt).toContain('**Scaling Strategy**');
  });

  it('a fixture saved with a BOM and CRLF line endings loads the same', async () => {
    const text = await readFile(`${DIR}001_a0eb24226647f71f.md`, 'utf8');
    const plain = parseAgent(text, 'a.md');
    const windows = parseAgent(`\uFEFF${text.replace(/\n/g, '\r\n')}`, 'a.md');
    expect(windows).toEqual(plain);
  });
});
