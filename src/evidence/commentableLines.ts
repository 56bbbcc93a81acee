import { newSideLines, parseHunks } from './parseHunks.js';

/**
 * New-side line numbers present in the patch (added and context lines): the lines GitHub accepts for an
 * inline review comment with `side: RIGHT`. A finding on any other line belongs in the review body.
 */
export function commentableLines(patch: string): Set<number> {
  return new Set(newSideLines(parseHunks(patch)).map((l) => l.line));
}
