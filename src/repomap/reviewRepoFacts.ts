import { isMigration } from '../evidence/isMigration.js';
import { hunksOf, newSideLines, type Hunk } from '../evidence/parseHunks.js';
import { extractSymbols } from './extractSymbols.js';
import { tableName } from './foldSchema.js';
import { tablesCreatedInChange } from './newTableHazards.js';
import type { RepoMap } from '../domain/RepoMap.js';

const TOUCHED = /\b(?:alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?|on\s+(?:only\s+)?|drop\s+table\s+(?:if\s+exists\s+)?|update\s+|insert\s+into\s+|delete\s+from\s+|(?:add_column|remove_column|add_index|change_column|rename_column|change_table|alterTable|table)\s*\(?\s*[:'"`])((?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))?)/gi;

/** Names of functions a patch declares or changes (declarations on added lines and hunk headers). */
export function changedFunctions(path: string, hunks: readonly Hunk[]): string[] {
  const names = new Set<string>();
  const added = newSideLines(hunks).filter((l) => l.added).map((l) => l.text).join('\n');
  for (const s of extractSymbols(path, added)) if (s.kind === 'function') names.add(s.name);
  for (const { section } of hunks) if (section.trim() !== '') for (const s of extractSymbols(path, section.trim())) if (s.kind === 'function') names.add(s.name);
  return [...names].filter((n) => n.length >= 3);
}

/** Where the map's read files call a function (outside the file that declares it). */
export function callersOf(map: RepoMap, name: string, exceptPath: string, max = 5): string[] {
  const call = new RegExp(`\\b${name.replace(/[$]/g, '\\$')}\\s*\\(`);
  const out: string[] = [];
  for (const [path, text] of Object.entries(map.texts)) {
    if (path === exceptPath) continue;
    text.split('\n').forEach((line, i) => {
      if (out.length < max && call.test(line) && !extractSymbols(path, line).some((s) => s.name === name)) out.push(`${path}:${i + 1}`);
    });
  }
  return out;
}

/**
 * What a reviewer checks in the repository for a change: the present definition of each table its
 * migrations touch (or that the change creates it), and the callers of the functions it changes.
 */
export function reviewRepoFacts(map: RepoMap, patched: readonly { path: string; patch: string; hunks?: readonly Hunk[] }[]): string[] {
  const facts: string[] = [];
  // Packed files carry only their patch: parse each once here.
  const files = patched.map((f) => ({ path: f.path, patch: f.patch, hunks: hunksOf(f) }));
  const created = tablesCreatedInChange(files);
  const touched = new Set<string>();
  for (const f of files) {
    if (!isMigration(f.path) && !f.path.toLowerCase().endsWith('.sql')) continue;
    const added = newSideLines(f.hunks).filter((l) => l.added).map((l) => l.text).join('\n');
    for (const m of added.matchAll(TOUCHED)) touched.add(tableName(m[1]!));
  }
  for (const name of [...touched].sort()) {
    if (created.has(name)) {
      facts.push(`- table ${name}: created in this pull request (empty when the migration runs, so its indexes and constraints lock nothing)`);
      continue;
    }
    const table = map.tables.find((t) => t.name === name);
    if (!table) continue;
    const cols = table.columns.length > 0 ? table.columns.map((c) => `${c.name} ${c.type}`.trim()).join(', ') : 'columns not read';
    facts.push(`- table ${name} exists (${table.source}): ${cols}${table.indexes.length > 0 ? `; indexes: ${table.indexes.map((i) => `(${i})`).join(' ')}` : ''}`);
  }
  for (const f of files) {
    for (const fn of changedFunctions(f.path, f.hunks).slice(0, 5)) {
      const callers = callersOf(map, fn, f.path);
      if (callers.length > 0) facts.push(`- ${fn}() changed in ${f.path}; called from ${callers.join(', ')}`);
    }
  }
  return facts;
}
