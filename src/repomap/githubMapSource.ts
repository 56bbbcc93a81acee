import type { ReadGitHub as GitHub } from '../github/GitHub.js';
import type { MapSource } from '../domain/RepoMap.js';
import type { RepoMapCache } from './RepoMapCache.js';

/** `HEAD` is the default branch: the map describes the code as it is, like the config and the ADRs. */
export const DEFAULT_TREE_REF = 'HEAD';

/** A map source over the GitHub port: one tree request, blob reads cached by sha. */
export function githubMapSource(github: GitHub, cache: RepoMapCache, ref: string = DEFAULT_TREE_REF): MapSource | undefined {
  const { readTree, readBlob } = github;
  if (!readTree || !readBlob) return undefined;
  let requests = 0;
  return {
    async tree() {
      requests++;
      return readTree.call(github, ref);
    },
    async read(file) {
      const hit = cache.blobs.get(file.sha);
      if (hit !== undefined) return { text: hit, cached: true };
      requests++;
      const text = await readBlob.call(github, file.sha);
      if (text === undefined) return undefined;
      cache.blobs.set(file.sha, text);
      return { text, cached: false };
    },
    requests: () => requests,
  };
}
