import { fileURLToPath } from 'node:url';
import type { Agent } from '../domain/Agent.js';
import { loadAgentsDir } from './loadAgentsDir.js';

/** The shipped `agents/` folder: two levels up from both `src/agents/` and the built `lib/agents/`. */
export function builtinAgentsDir(): string {
  return fileURLToPath(new URL('../../agents/', import.meta.url));
}

let loaded: Promise<Agent[]> | undefined;

/**
 * The agents shipped with the product, read once per process. A broken shipped file is a packaging
 * bug, so it throws instead of being skipped.
 */
export function loadBuiltinAgents(): Promise<Agent[]> {
  loaded ??= (async () => {
    const dir = builtinAgentsDir();
    const { agents, errors } = await loadAgentsDir(dir);
    if (errors.length > 0) throw errors[0];
    if (agents.length === 0) throw new Error(`no built-in agents found in ${dir}`);
    return agents;
  })().catch((error: unknown) => {
    loaded = undefined; // let a later call try again
    throw error;
  });
  return loaded;
}
