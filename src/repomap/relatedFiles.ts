import type { RepoMap } from '../domain/RepoMap.js';

export interface RelatedFile {
  path: string;
  /** The words of the issue it matched. */
  matched: string[];
  /** Declarations in it whose names matched, e.g. `findOrder`. */
  symbols: string[];
}

const STOP = new Set(
  'the and for with that this from into when then than what which will would should could have has been are was were not but all any can our new add make use using need needs want able also each per via get set its api app let issue feature support'.split(' '),
);

/** `OrderHistory`, `order_history.ts` → `order`, `history`. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && !STOP.has(w) && !/^\d+$/.test(w))
    .map(stem);
}

/** Crude singular: orders → order, statuses → status, categories → category. */
export function stem(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ses') && word.length > 4) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  return word;
}

/** Files of the map most related to a text: paths and declarations whose words the text uses. */
export function relatedFiles(map: RepoMap, text: string, max = 8): RelatedFile[] {
  const wanted = new Set(words(text));
  if (wanted.size === 0) return [];
  const scored = new Map<string, { score: number; matched: Set<string>; symbols: Set<string> }>();
  const entry = (path: string) => {
    let e = scored.get(path);
    if (!e) scored.set(path, (e = { score: 0, matched: new Set(), symbols: new Set() }));
    return e;
  };
  for (const path of map.paths) {
    if (/(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|go\.sum|Gemfile\.lock|poetry\.lock)$/.test(path)) continue;
    const hits = words(path).filter((w) => wanted.has(w));
    if (hits.length === 0) continue;
    const e = entry(path);
    hits.forEach((h) => e.matched.add(h));
    // The file name counts more than a folder name.
    const base = words(path.split('/').pop()!);
    e.score += hits.length + base.filter((w) => wanted.has(w)).length;
  }
  for (const symbol of map.symbols) {
    if (symbol.kind === 'table') continue;
    const hits = words(symbol.name).filter((w) => wanted.has(w));
    if (hits.length === 0) continue;
    const e = entry(symbol.path);
    hits.forEach((h) => e.matched.add(h));
    e.symbols.add(symbol.name);
    e.score += hits.length;
  }
  return [...scored]
    .sort((a, b) => b[1].score - a[1].score || a[0].length - b[0].length || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([path, e]) => ({ path, matched: [...e.matched], symbols: [...e.symbols].slice(0, 5) }));
}

/** Tables of the map the text names (singular or plural). */
export function mentionedTables(map: RepoMap, text: string): RepoMap['tables'] {
  const wanted = new Set(words(text));
  return map.tables.filter((t) => words(t.name).some((w) => wanted.has(w)));
}
