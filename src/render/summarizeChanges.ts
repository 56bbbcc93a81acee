import { parseMarkdown } from '../markdown/parseMarkdown.js';
import { sourceOf, walk } from '../markdown/markdownTree.js';

/**
 * The points of a rendered comment: the first line of each bullet item (task boxes left out, so ticking
 * one is not a change), as written. Read from the parsed Markdown, so a bullet inside code is not a point.
 */
function points(body: string): string[] {
  const out = new Set<string>();
  walk(parseMarkdown(body), (node, parent) => {
    if (node.type !== 'listItem' || parent?.type !== 'list' || parent.ordered) return;
    const first = node.children[0];
    if (first?.type !== 'paragraph') return;
    const line = sourceOf(body, first).split('\n')[0]!.trim();
    if (line) out.add(line);
  });
  return [...out];
}

/** FNV-1a, 32 bits, as 8 hex digits: enough to tell a plan's points apart, and pure (no crypto needed). */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The hashes of a rendered comment's points, kept in its marker so the next run compares without re-reading prose. */
export function pointHashes(body: string): string[] {
  return points(body).map(shortHash);
}

/**
 * What a re-run changed, for the top of the edited comment: counts of points added and dropped,
 * and the first few new ones. Empty when nothing changed. `previous` is the last run's point hashes.
 */
export function summarizeChanges(previous: readonly string[], nextBody: string, maxListed = 5): string[] {
  const before = new Set(previous);
  const after = points(nextBody);
  const afterHashes = new Set(after.map(shortHash));
  const added = after.filter((p) => !before.has(shortHash(p)));
  const dropped = [...before].filter((h) => !afterHashes.has(h));
  if (added.length === 0 && dropped.length === 0) return ['No changes since the last run.'];
  const lines = [`${added.length} point(s) added and ${dropped.length} dropped since the last run.`];
  for (const point of added.slice(0, maxListed)) lines.push(`New: ${point}`);
  return lines;
}
