import { fileURLToPath } from 'node:url';
import type { Agent } from '../domain/Agent.js';
import { loadBuiltinAgents } from '../agents/builtinAgents.js';
import { loadAgentsDir } from '../agents/loadAgentsDir.js';
import { existsSync } from 'node:fs';

/**
 * The built-in agents. The bundle (`dist/action.js`) ships them next to itself in `dist/agents/`
 * (scripts/build-action.mjs copies them); run from source, they are the repository's `agents/`.
 */
export async function loadActionAgents(bundleAgentsDir = fileURLToPath(new URL('./agents/', import.meta.url))): Promise<Agent[]> {
  if (!existsSync(bundleAgentsDir)) return loadBuiltinAgents();
  const { agents, errors } = await loadAgentsDir(bundleAgentsDir);
  if (errors.length > 0) throw errors[0];
  if (agents.length === 0) throw new Error(`no built-in agents found in ${bundleAgentsDir}`);
  return agents;
}
