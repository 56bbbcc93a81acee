import type { ReadGitHub as GitHub } from '../github/GitHub.js';
import { buildRepoMap, DEFAULT_MAP_LIMITS, type MapLimits } from './buildRepoMap.js';
import { githubMapSource } from './githubMapSource.js';
import type { MapSource, RepoMap } from '../domain/RepoMap.js';
import type { RepoMapCache } from './RepoMapCache.js';

/** The map of a repository's default branch: built once per tree sha, its reads cached by blob sha. */
export async function loadRepoMap(github: GitHub, cache: RepoMapCache, limits: MapLimits = DEFAULT_MAP_LIMITS): Promise<RepoMap | undefined> {
  const source = githubMapSource(github, cache);
  if (!source) return undefined;
  return buildCached(source, cache, limits);
}

/** A source whose tree is read once, then the whole map reused when the tree sha is one already mapped. */
export async function buildCached(source: MapSource, cache: RepoMapCache, limits: MapLimits): Promise<RepoMap> {
  const tree = await source.tree();
  const hit = tree.sha ? cache.maps.get(`${tree.sha}:${limits.maxReads}`) : undefined;
  if (hit) return { ...hit, cost: { requests: source.requests(), reads: 0, cacheHits: 0, fromCache: true } };
  const map = await buildRepoMap({ ...source, tree: async () => tree }, limits);
  if (tree.sha) cache.maps.set(`${tree.sha}:${limits.maxReads}`, map);
  return map;
}
