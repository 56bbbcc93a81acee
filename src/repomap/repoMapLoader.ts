import type { Config } from '../config/configSchema.js';
import type { ReadGitHub as GitHub } from '../github/GitHub.js';
import type { JobLog } from '../domain/JobLog.js';
import type { Redact } from '../security/redactor.js';
import { DEFAULT_MAP_LIMITS } from './buildRepoMap.js';
import { createRepoTools } from './createRepoTools.js';
import { loadRepoMap } from './loadRepoMap.js';
import type { RepoMap } from '../domain/RepoMap.js';
import type { RepoMapCache } from './RepoMapCache.js';
import type { RepoTools } from '../domain/RepoTools.js';

export interface RepoAccess {
  map: RepoMap;
  /** Undefined when the config allows no tool calls. */
  tools?: RepoTools;
}

/**
 * The job's view of the repository, built on first use and at most once: the map of the default branch
 * and the read-only tools over it. A failure to build it is logged and leaves the job without a map; it
 * never fails the job.
 */
export function repoMapLoader(input: { github: GitHub; cache: RepoMapCache; config: Config; redact: Redact; log: JobLog }): () => Promise<RepoAccess | undefined> {
  let value: Promise<RepoAccess | undefined> | undefined;
  return () => {
    value ??= (async () => {
      const { github, cache, config, redact, log } = input;
      const started = Date.now();
      try {
        const map = await loadRepoMap(github, cache, { ...DEFAULT_MAP_LIMITS, maxReads: config.limits.repoMapFileReads });
        if (!map) return undefined;
        log.info(
          { files: map.fileCount, truncated: map.truncated, tables: map.tables.length, routes: map.routes.length, ...map.cost, notRead: map.notRead.length, durationMs: Date.now() - started },
          'repository map',
        );
        const limits = config.limits;
        const tools =
          limits.toolCallsPerJob > 0
            ? createRepoTools({ map, github, cache, redact, log, limits: { calls: limits.toolCallsPerJob, bytes: limits.toolBytesPerJob, tokens: limits.toolTokensPerJob } })
            : undefined;
        return { map, tools };
      } catch (error) {
        log.warn({ err: (error as Error).message }, 'repository map unavailable; continuing without it');
        return undefined;
      }
    })();
    return value;
  };
}
