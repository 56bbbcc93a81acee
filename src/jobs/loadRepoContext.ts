import { parseAdrFile } from '../adr/parseAdrFile.js';
import type { Agent } from '../domain/Agent.js';
import { mergeAgents } from '../agents/mergeAgents.js';
import { parseAgent } from '../agents/parseAgent.js';
import { CONFIG_PATH } from '../config/configPath.js';
import { DEFAULT_CONFIG, type Config } from '../config/configSchema.js';
import { parseConfig } from '../config/parseConfig.js';
import { renderConfigError } from '../config/renderConfigError.js';
import type { DirEntry, GitHub } from '../github/GitHub.js';
import type { DecisionRef } from '../domain/Model.js';
import type { JobLog } from './JobContext.js';

export const AGENTS_DIR = '.agency/agents';
/** Where other ADR tools keep records; read when the configured directory has none. */
export const KNOWN_ADR_DIRS = ['docs/adr', 'doc/adr', 'docs/decisions', 'docs/architecture/decisions'];
const MAX_REPO_AGENTS = 20;
const MAX_DECISIONS = 15;

export interface RepoContext {
  config: Config;
  /** Markdown notices for what is posted, e.g. the config error and that defaults were used. */
  notices: string[];
  agents: Agent[];
  /** Accepted decisions (ADRs), bounded, oldest first. */
  decisions: DecisionRef[];
  /** The ADR directory found (configured, or another tool's), undefined when none exists. */
  adrDir?: string;
}

/** Parsed files by blob sha: the same sha is the same content, so they never go stale. */
export type BlobCache = Map<string, unknown>;

/** Parsed files kept at most (least recently used dropped first): one cache serves every installation for the life of the process. */
export const MAX_CACHED_BLOBS = 2000;

async function cachedParse<T>(github: GitHub, entry: DirEntry, cache: BlobCache, parse: (text: string) => T): Promise<T | undefined> {
  const key = `${entry.sha}:${entry.path}`;
  if (cache.has(key)) {
    const hit = cache.get(key) as T;
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const text = await github.readFile(entry.path);
  if (text === undefined) return undefined;
  const value = parse(text);
  cache.set(key, value);
  while (cache.size > MAX_CACHED_BLOBS) cache.delete(cache.keys().next().value!);
  return value;
}

/**
 * Config, agents and decisions, all from the default branch only: a pull request that edits
 * `.github/agency.yml` or `.agency/agents/` does not change how the app treats that pull request.
 * One root listing tells which folders exist, so absent ones cost no request.
 */
export async function loadRepoContext(
  github: GitHub,
  builtin: Agent[],
  log: JobLog,
  cache: BlobCache = new Map(),
  configPath: string = CONFIG_PATH,
): Promise<RepoContext> {
  const root = new Set((await github.listDir('')).filter((e) => e.type === 'dir').map((e) => e.name));

  let config: Config = DEFAULT_CONFIG;
  const notices: string[] = [];
  // A config at the root (`config-path: agency.yml` in the Action) has no folder to look for.
  const configDir = configPath.includes('/') ? configPath.split('/')[0]! : undefined;
  if (configDir === undefined || root.has(configDir)) {
    const parsed = parseConfig(await github.readFile(configPath), configPath);
    if (parsed.ok) config = parsed.config;
    else notices.push(renderConfigError(parsed.error));
  }

  let agents = builtin;
  if (root.has('.agency')) {
    const entries = (await github.listDir(AGENTS_DIR)).filter((e) => e.type === 'file' && e.name.endsWith('.md'));
    const repoAgents: Agent[] = [];
    for (const entry of entries.slice(0, MAX_REPO_AGENTS)) {
      try {
        const agent = await cachedParse(github, entry, cache, (text) => parseAgent(text, entry.path));
        if (agent) repoAgents.push(agent);
      } catch (error) {
        log.warn({ path: entry.path }, `skipped repository agent: ${(error as Error).message}`);
      }
    }
    agents = mergeAgents(builtin, repoAgents);
  }

  const candidates = [config.adr.dir, ...KNOWN_ADR_DIRS.filter((d) => d !== config.adr.dir)];
  let adrDir: string | undefined;
  let decisions: DecisionRef[] = [];
  for (const dir of candidates) {
    if (!root.has(dir.split('/')[0]!)) continue;
    const entries = (await github.listDir(dir))
      .filter((e) => e.type === 'file' && /\.md$/i.test(e.name) && !/^(readme|index|template)/i.test(e.name))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (entries.length === 0) continue;
    adrDir = dir;
    for (const entry of entries.slice(-MAX_DECISIONS * 2)) {
      const adr = await cachedParse(github, entry, cache, (text) => parseAdrFile(entry.path, text));
      if (!adr || adr.status?.toLowerCase() !== 'accepted') continue;
      decisions.push({
        id: adr.number !== undefined ? `ADR-${String(adr.number).padStart(4, '0')}` : entry.name,
        title: adr.title ?? entry.name,
        status: 'accepted',
        decision: adr.decision ?? '',
        path: entry.path,
      });
    }
    decisions = decisions.slice(-MAX_DECISIONS);
    break;
  }
  return { config, notices, agents, decisions, adrDir };
}
