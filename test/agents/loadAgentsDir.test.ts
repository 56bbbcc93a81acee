import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentError } from '../../src/agents/AgentError.js';
import { loadAgentsDir } from '../../src/agents/loadAgentsDir.js';

describe('loadAgentsDir', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agents-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads *.md files sorted by name and skips other files and folders', async () => {
    await writeFile(join(dir, 'b.md'), '---\nname: b\n---\nB does things.\n');
    await writeFile(join(dir, 'a.md'), '---\nname: a\n---\nA does things.\n');
    await writeFile(join(dir, 'notes.txt'), 'not an agent');
    await mkdir(join(dir, 'folder.md'));
    const { agents, errors } = await loadAgentsDir(dir);
    expect(errors).toEqual([]);
    expect(agents.map((a) => a.name)).toEqual(['a', 'b']);
    expect(agents[0]?.source).toBe(join(dir, 'a.md'));
  });

  it('turns a bad file into an error entry and still loads the others', async () => {
    await writeFile(join(dir, 'bad.md'), '---\nname: 42\n---\nBody.\n');
    await writeFile(join(dir, 'good.md'), '---\nname: good\n---\nGood body.\n');
    const { agents, errors } = await loadAgentsDir(dir);
    expect(agents.map((a) => a.name)).toEqual(['good']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(AgentError);
    expect(errors[0]?.message).toBe(`${join(dir, 'bad.md')}: front matter field "name" must be a non-empty string (got 42)`);
  });

  it('keeps both files when two share a name (mergeAgents decides)', async () => {
    await writeFile(join(dir, '1.md'), '---\nname: same\n---\nFirst.\n');
    await writeFile(join(dir, '2.md'), '---\nname: same\n---\nSecond.\n');
    const { agents } = await loadAgentsDir(dir);
    expect(agents.map((a) => a.prompt)).toEqual(['First.', 'Second.']);
  });

  it('treats a missing folder as holding no agents', async () => {
    expect(await loadAgentsDir(join(dir, 'nope'))).toEqual({ agents: [], errors: [] });
  });

  it('reports a path that is not a folder as an error, not a crash', async () => {
    await writeFile(join(dir, 'file'), 'x');
    const { agents, errors } = await loadAgentsDir(join(dir, 'file'));
    expect(agents).toEqual([]);
    expect(errors[0]?.source).toBe(join(dir, 'file'));
  });
});
