import { relatedFiles } from './relatedFiles.js';
import type { RepoMap } from '../domain/RepoMap.js';
import { groupDigits } from '../domain/groupDigits.js';

const MAX_TABLES = 40;
const MAX_ROUTES = 60;

/** The map as compact text for the model (the conventions files go in blocks of their own). */
export function renderRepoMap(map: RepoMap, subjectText: string): string {
  const lines: string[] = [];
  const list = (items: readonly string[]) => (items.length > 0 ? items.join(', ') : 'none detected');
  lines.push(
    `Files: ${groupDigits(map.fileCount)}${map.truncated ? ' (GitHub cut the listing: files past the cut are not known)' : ''}`,
    `Languages: ${list(map.languages.slice(0, 6).map((l) => `${l.name} (${l.files})`))}`,
    `Frameworks and libraries: ${list(map.frameworks)}`,
    `Data stores: ${list(map.dataStores)}`,
    `ORM / migrations tool: ${list(map.orms)}`,
    `Manifests and lockfiles: ${list(map.manifests.slice(0, 10))}`,
  );
  const layout = Object.entries(map.layout).map(([k, v]) => `${k} in ${v}/`);
  if (layout.length > 0) lines.push(`Where things live: ${layout.join('; ')}`);
  if (map.tables.length > 0) {
    lines.push('', 'Tables (current definition: schema files, or the migration history folded in order):');
    for (const t of map.tables.slice(0, MAX_TABLES)) {
      const cols = t.columns.length > 0 ? t.columns.map((c) => `${c.name} ${c.type}`.trim()).join(', ') : 'columns not read';
      lines.push(`- ${t.name} (${t.source}): ${cols}${t.indexes.length > 0 ? `; indexes: ${t.indexes.map((i) => `(${i})`).join(' ')}` : ''}`);
    }
    if (map.tables.length > MAX_TABLES) lines.push(`- … ${map.tables.length - MAX_TABLES} more tables`);
  }
  if (map.routes.length > 0) {
    lines.push('', 'Routes (declared in code or OpenAPI):');
    for (const r of map.routes.slice(0, MAX_ROUTES)) lines.push(`- ${r.method} ${r.path} (${r.file}${r.line ? `:${r.line}` : ''})`);
    if (map.routes.length > MAX_ROUTES) lines.push(`- … ${map.routes.length - MAX_ROUTES} more routes`);
  }
  const related = relatedFiles(map, subjectText);
  if (related.length > 0) {
    lines.push('', 'Files most related to this text (paths and declarations matching its words):');
    for (const f of related) lines.push(`- ${f.path} (matches ${f.matched.join(', ')}${f.symbols.length > 0 ? `; declares ${f.symbols.join(', ')}` : ''})`);
  }
  if (map.notRead.length > 0) {
    lines.push('', `Not read for the map (${map.notRead.length} file(s)): ${map.notRead.slice(0, 8).map((n) => `${n.path} (${n.reason})`).join('; ')}${map.notRead.length > 8 ? '; …' : ''}`);
  }
  return lines.join('\n');
}
