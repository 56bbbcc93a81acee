/** Bullet and task-list lines of a rendered comment, normalised so ticking a box is not a change. */
function points(body: string): Set<string> {
  const out = new Set<string>();
  for (const line of body.split('\n')) {
    const m = /^\s*[-*] (?:\[[ xX]\] )?(.+)$/.exec(line);
    if (m) out.add(m[1]!.trim());
  }
  return out;
}

/**
 * What a re-run changed, for the top of the edited comment: counts of points added and dropped,
 * and the first few new ones. Empty when nothing changed.
 */
export function summarizeChanges(previousBody: string, nextBody: string, maxListed = 5): string[] {
  const before = points(previousBody);
  const after = points(nextBody);
  const added = [...after].filter((p) => !before.has(p));
  const dropped = [...before].filter((p) => !after.has(p));
  if (added.length === 0 && dropped.length === 0) return ['No changes since the last run.'];
  const lines = [`${added.length} point(s) added and ${dropped.length} dropped since the last run.`];
  for (const point of added.slice(0, maxListed)) lines.push(`New: ${point}`);
  return lines;
}
