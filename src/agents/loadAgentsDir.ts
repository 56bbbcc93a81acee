import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Agent } from '../domain/Agent.js';
import { AgentError } from './AgentError.js';
import { parseAgent } from './parseAgent.js';

export interface LoadedAgents {
  agents: Agent[];
  errors: AgentError[];
}

function asAgentError(cause: unknown, source: string): AgentError {
  if (cause instanceof AgentError) return cause;
  return new AgentError(source, 'file', `could not be read: ${(cause as Error)?.message ?? String(cause)}`, { cause });
}

/**
 * Load every `*.md` file of a folder, in name order. A bad file becomes an entry in `errors` and the
 * others still load; a folder that does not exist holds no agents. Two files may share a name:
 * `mergeAgents` settles that (the later file wins).
 */
export async function loadAgentsDir(dir: string): Promise<LoadedAgents> {
  let names: string[];
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    names = entries
      .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && /\.md$/i.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return { agents: [], errors: [] };
    return { agents: [], errors: [asAgentError(cause, dir)] };
  }

  const agents: Agent[] = [];
  const errors: AgentError[] = [];
  for (const name of names) {
    const source = join(dir, name);
    try {
      agents.push(parseAgent(await readFile(source, 'utf8'), source));
    } catch (cause) {
      errors.push(asAgentError(cause, source));
    }
  }
  return { agents, errors };
}
