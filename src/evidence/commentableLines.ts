import { hunksOf, newSideLines, parseHunks, type Hunk } from './parseHunks.js';

/**
 * New-side line numbers present in the patch (added and context lines): the lines GitHub accepts for an
 * inline review comment with `side: RIGHT`. A finding on any other line belongs in the review body.
 */
export function commentableLines(patch: string | { patch: string; hunks?: readonly Hunk[] }): Set<number> {
  // A parsed file's hunks are read as they are: parsing its patch again would only cost time.
  return new Set(newSideLines(typeof patch === 'string' ? parseHunks(patch) : hunksOf(patch)).map((l) => l.line));
}
