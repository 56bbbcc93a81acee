import { revealInvisible, sanitizeUntrusted } from '../security/sanitizeUntrusted.js';
import { classifyPath, isSkippedPath, tableFromMigrationName, type PathKind } from './classifyPath.js';
import { addDependency, LANGUAGES, LOCKFILES, manifestDependencies, stackFromPaths, type Stack } from './detectStack.js';
import { extractSymbols } from './extractSymbols.js';
import { findRoutes, openApiRoutes } from './findRoutes.js';
import { applyFile, toTables, type TableSet } from './foldSchema.js';
import type { MapSource, RepoMap, TreeFile } from '../domain/RepoMap.js';
import { groupDigits } from '../domain/groupDigits.js';

export interface MapLimits {
  /** Most files read (each read is one GitHub request when not cached). */
  maxReads: number;
  /** Files larger than this are not read. */
  maxFileBytes: number;
  /** Characters kept of a conventions file. */
  maxConventionsChars: number;
}

export const DEFAULT_MAP_LIMITS: MapLimits = { maxReads: 10, maxFileBytes: 200_000, maxConventionsChars: 3000 };

/** Reads in this order: what tells the most per request first. */
const PRIORITY: PathKind[] = ['manifest', 'schema', 'conventions', 'openapi', 'migration', 'models', 'routes'];
/** Per-kind caps, so one kind (fifty migrations) cannot take every read. */
const SHARE: Record<PathKind, number> = { manifest: 3, schema: 2, conventions: 3, openapi: 1, migration: 6, models: 3, routes: 4 };
/** Reads in flight at once. */
const CONCURRENCY = 4;

/** Most common parent folder of a set of paths. */
function commonDir(paths: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const p of paths) {
    const dir = p.split('/').slice(0, -1).join('/');
    if (dir) counts.set(dir, (counts.get(dir) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** Which files to read: by priority and share, within the read budget; the rest listed as not read. */
export function selectReads(files: readonly TreeFile[], limits: MapLimits): { reads: (TreeFile & { kind: PathKind })[]; notRead: RepoMap['notRead'] } {
  const byKind = new Map<PathKind, TreeFile[]>();
  for (const f of files) {
    const kind = classifyPath(f.path);
    if (kind) byKind.set(kind, [...(byKind.get(kind) ?? []), f]);
  }
  // Migrations: with a schema dump present they add little; otherwise the first (the base tables) and the latest.
  const migrations = (byKind.get('migration') ?? []).sort((a, b) => a.path.localeCompare(b.path));
  if (migrations.length > 0) {
    const ordered = migrations.length <= SHARE.migration ? migrations : [migrations[0]!, ...migrations.slice(1).reverse()];
    byKind.set('migration', ordered);
  }
  const manifests = (byKind.get('manifest') ?? []).sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path));
  byKind.set('manifest', manifests);
  const hasSchema = (byKind.get('schema') ?? []).length > 0;

  const reads: (TreeFile & { kind: PathKind })[] = [];
  const notRead: RepoMap['notRead'] = [];
  const wanted: (TreeFile & { kind: PathKind })[] = [];
  for (const kind of PRIORITY) {
    const list = byKind.get(kind) ?? [];
    const share = kind === 'migration' && hasSchema ? 1 : SHARE[kind];
    list.slice(0, share).forEach((f) => wanted.push({ ...f, kind }));
    list.slice(share).forEach((f) => notRead.push({ path: f.path, reason: `more ${kind} files than the map reads (${share})` }));
  }
  for (const f of wanted) {
    if (f.size > limits.maxFileBytes) notRead.push({ path: f.path, reason: `larger than ${groupDigits(limits.maxFileBytes)} bytes` });
    else if (reads.length >= limits.maxReads) notRead.push({ path: f.path, reason: `file read budget (${limits.maxReads}) reached` });
    else reads.push(f);
  }
  return { reads, notRead };
}

/**
 * The repository map: one tree listing, then a bounded number of reads (manifests, schema, conventions,
 * OpenAPI, migrations, route files), parsed into stack, data model and API surface. Every text read is
 * cleaned of what a reader cannot see before it is kept.
 */
export async function buildRepoMap(source: MapSource, limits: MapLimits = DEFAULT_MAP_LIMITS): Promise<RepoMap> {
  const tree = await source.tree();
  const files = tree.files.filter((f) => !isSkippedPath(f.path));
  const paths = files.map((f) => f.path);
  const { reads, notRead } = selectReads(files, limits);

  const texts: Record<string, string> = {};
  let cacheHits = 0;
  let readCount = 0;
  const queue = [...reads];
  const results: { file: (typeof reads)[number]; text: string }[] = [];
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        try {
          const got = await source.read(file);
          if (!got) {
            notRead.push({ path: file.path, reason: 'could not be read' });
            continue;
          }
          if (got.cached) cacheHits++;
          else readCount++;
          results.push({ file, text: got.text });
        } catch {
          notRead.push({ path: file.path, reason: 'could not be read' });
        }
      }
    }),
  );
  results.sort((a, b) => a.file.path.localeCompare(b.file.path));

  const stack: Stack = { frameworks: new Set(), dataStores: new Set(), orms: new Set() };
  stackFromPaths(stack, paths);
  const tables: TableSet = new Map();
  const routes: RepoMap['routes'] = [];
  const conventions: RepoMap['conventions'] = [];
  const symbols: RepoMap['symbols'] = [];
  const folded = results.filter((r) => r.file.kind === 'migration' || r.file.kind === 'models');
  const schemas = results.filter((r) => r.file.kind === 'schema');
  for (const { file, text: raw } of results) {
    const text = file.kind === 'conventions' ? sanitizeUntrusted(raw).text : revealInvisible(raw).text;
    texts[file.path] = text;
    if (file.kind === 'manifest') for (const dep of manifestDependencies(file.path, text)) addDependency(stack, dep);
    if (file.kind === 'conventions') conventions.push({ path: file.path, text: text.slice(0, limits.maxConventionsChars) });
    if (file.kind === 'openapi') routes.push(...openApiRoutes(file.path, text));
    if (file.kind === 'routes') routes.push(...findRoutes(file.path, text));
    if (file.kind !== 'conventions' && file.kind !== 'manifest' && file.kind !== 'openapi') symbols.push(...extractSymbols(file.path, text));
  }
  // Migrations in file-name order (timestamps and sequence numbers sort), then schema files, which describe the present.
  for (const { file } of folded) applyFile(tables, file.path, texts[file.path]!);
  for (const { file } of schemas) applyFile(tables, file.path, texts[file.path]!);
  // Tables that unread migrations create, known by name only.
  for (const path of paths) {
    if (classifyPath(path) !== 'migration') continue;
    const name = tableFromMigrationName(path);
    if (name && !tables.has(name) && !texts[path]) tables.set(name, { name, columns: new Map(), indexes: [], source: path });
  }
  for (const t of tables.values()) symbols.push({ name: t.name, kind: 'table', path: t.source, line: 1 });
  if (tables.size > 0 && stack.dataStores.size === 0) {
    const sql = paths.some((p) => p.endsWith('.sql'));
    if (sql && reads.some((r) => /\b(serial|jsonb|timestamptz)\b/i.test(texts[r.path] ?? ''))) stack.dataStores.add('PostgreSQL');
  }

  const languages = new Map<string, number>();
  for (const p of paths) {
    const lang = LANGUAGES[p.split('.').pop()!.toLowerCase()];
    if (lang) languages.set(lang, (languages.get(lang) ?? 0) + 1);
  }
  const manifests = paths.filter((p) => LOCKFILES[p.split('/').pop()!] !== undefined || classifyPath(p) === 'manifest');
  const byKind = (kind: PathKind) => paths.filter((p) => classifyPath(p) === kind);
  const layout: Record<string, string> = {};
  const put = (key: string, dir: string | undefined) => {
    if (dir) layout[key] = dir;
  };
  put('migrations', commonDir(byKind('migration')));
  put('routes', commonDir(byKind('routes').filter((p) => !/(^|\/)(app|server|main|index)\.\w+$/.test(p))));
  put('models', commonDir([...byKind('models'), ...paths.filter((p) => /(^|\/)(models?|entities)\//.test(p))]));
  put('services', commonDir(paths.filter((p) => /(^|\/)services?\//.test(p))));
  put('jobs', commonDir(paths.filter((p) => /(^|\/)(jobs|workers|queues)\//.test(p))));
  put('tests', commonDir(paths.filter((p) => /(^|\/)(test|tests|spec|__tests__)\//.test(p)))?.split('/')[0]);

  const shas: Record<string, string> = {};
  for (const f of files) shas[f.path] = f.sha;
  return {
    treeSha: tree.sha,
    fileCount: files.length,
    truncated: tree.truncated,
    languages: [...languages].map(([name, count]) => ({ name, files: count })).sort((a, b) => b.files - a.files),
    frameworks: [...stack.frameworks],
    dataStores: [...stack.dataStores],
    orms: [...stack.orms],
    manifests,
    tables: toTables(tables),
    routes,
    openapi: byKind('openapi'),
    conventions,
    layout,
    paths,
    shas,
    symbols,
    texts,
    notRead,
    cost: { requests: source.requests(), reads: readCount, cacheHits, fromCache: false },
  };
}
