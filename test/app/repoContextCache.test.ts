import { describe, expect, it } from 'vitest';
import type { DirEntry, GitHub } from '../../src/github/GitHub.js';
import { loadRepoContext, MAX_CACHED_BLOBS, type BlobCache } from '../../src/jobs/loadRepoContext.js';
import { stubGitHub } from '../security/stubGitHub.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A repository whose ADR directory holds `count` records, every blob sha fresh (as after edits, or across many repositories). */
function repoWithAdrs(generation: number, count: number): GitHub {
  const { github } = stubGitHub();
  const dir = '.agency/decisions';
  const files: DirEntry[] = Array.from({ length: count }, (_, i) => {
    const name = `${String(i + 1).padStart(4, '0')}-choice-${i}.md`;
    return { name, path: `${dir}/${name}`, type: 'file', sha: `g${generation}-${i}` };
  });
  return {
    ...github,
    listDir: (path: string) => Promise.resolve(path === '' ? [{ name: '.agency', path: '.agency', type: 'dir', sha: 'd' }] : path === dir ? files : []),
    readFile: (path: string) => Promise.resolve(`---\nstatus: accepted\n---\n# ${path}\n\n## Decision\n\nUse it.\n`),
  } as GitHub;
}

describe('the parsed-file cache shared by every repository', () => {
  it('stays bounded however many distinct blobs the process sees', async () => {
    const cache: BlobCache = new Map();
    for (let generation = 0; generation < 150; generation++) {
      await loadRepoContext(repoWithAdrs(generation, 30), [], quiet, cache);
    }
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.size).toBeLessThanOrEqual(MAX_CACHED_BLOBS);
  });

  it('still answers from the cache for a blob it has seen', async () => {
    const cache: BlobCache = new Map();
    let reads = 0;
    const github = repoWithAdrs(0, 3);
    const counting = { ...github, readFile: (path: string) => (reads++, github.readFile(path)) } as GitHub;
    const first = await loadRepoContext(counting, [], quiet, cache);
    const again = await loadRepoContext(counting, [], quiet, cache);
    expect(reads).toBe(3);
    expect(again.decisions).toEqual(first.decisions);
    expect(first.decisions).toHaveLength(3);
  });
});
