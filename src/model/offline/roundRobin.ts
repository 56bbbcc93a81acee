/**
 * Take one item from each list in turn until `cap` items are taken, skipping duplicates by key.
 * Plans draw advice from several concerns; this keeps every concern represented when space is short.
 */
export function roundRobin<T>(lists: readonly (readonly T[])[], cap: number, key: (item: T) => string): T[] {
  const taken: T[] = [];
  const seen = new Set<string>();
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest && taken.length < cap; i++) {
    for (const list of lists) {
      const item = list[i];
      if (item === undefined) continue;
      const k = key(item);
      if (seen.has(k)) continue;
      seen.add(k);
      taken.push(item);
      if (taken.length >= cap) break;
    }
  }
  return taken;
}
