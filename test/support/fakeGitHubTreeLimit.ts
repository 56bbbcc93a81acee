/**
 * GitHub's limit on a recursive tree listing. https://docs.github.com/en/rest/git/trees#get-a-tree:
 * "If truncated is true in the response then the number of items in the tree array exceeded our maximum
 * limit. ... The limit for the tree array is 100,000 entries with a maximum size of 7 MB when using the
 * recursive parameter." The fake cuts the listing the same way (strict by default); a test may lower
 * the limits for one repository so a small tree shows the cut.
 */
import type { RepoState } from './fakeGitHubState.js';

export interface TreeLimits {
  maxEntries: number;
  maxBytes: number;
}

export const GITHUB_TREE_LIMITS: TreeLimits = { maxEntries: 100_000, maxBytes: 7 * 1024 * 1024 };

const overrides = new WeakMap<RepoState, TreeLimits>();

/** Lower (or restore) the tree limits of one repository of the fake. */
export function setTreeLimits(repo: RepoState, limits: Partial<TreeLimits> | undefined): void {
  if (limits) overrides.set(repo, { ...GITHUB_TREE_LIMITS, ...limits });
  else overrides.delete(repo);
}

/** The entries GitHub would return, and whether it cut the list. */
export function limitTreeEntries<T>(repo: RepoState, entries: T[]): { entries: T[]; truncated: boolean } {
  const limits = overrides.get(repo) ?? GITHUB_TREE_LIMITS;
  let bytes = 0;
  for (let i = 0; i < entries.length; i++) {
    bytes += JSON.stringify(entries[i]).length + 1;
    if (i >= limits.maxEntries || bytes > limits.maxBytes) return { entries: entries.slice(0, i), truncated: true };
  }
  return { entries, truncated: false };
}
