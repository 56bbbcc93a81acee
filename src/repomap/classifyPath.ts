import { isDownMigration, isMigration } from '../evidence/isMigration.js';

export type PathKind = 'manifest' | 'conventions' | 'schema' | 'migration' | 'openapi' | 'routes' | 'models';

const MANIFESTS = new Set(['package.json', 'go.mod', 'gemfile', 'pyproject.toml', 'requirements.txt', 'pipfile']);
const CONVENTIONS = /^(?:\.github\/|docs\/)?(agents|claude|contributing|conventions)\.md$|^\.agency\/context\.md$/i;
const SCHEMA = /(^|\/)(schema\.prisma|[^/]+\.prisma|db\/schema\.rb|structure\.sql|schema\.sql)$/i;
const OPENAPI = /(^|\/)(openapi|swagger)[^/]*\.(ya?ml|json)$/i;
const ROUTE_FILE =
  /(^|\/)(routes?|routers?|controllers?|handlers?|endpoints?)(\/|\.|_)|[._-](controller|routes?|router|handlers?)\.[a-z]+$|Controller\.[a-z]+$|(^|\/)config\/routes\.rb$|(^|\/)urls\.py$|(^|\/)(app|server|main|index)\.(ts|js|mjs|go|py)$/i;
const CODE = /\.(ts|js|mjs|cjs|go|py|rb|java|kt|php|cs)$/i;
const SKIP = /(^|\/)(node_modules|vendor|dist|build|\.git|coverage|__pycache__|\.next|target|lib\/generated)\//;
const TEST = /(^|\/)(test|tests|spec|__tests__|e2e)\/|\.(test|spec)\.[a-z]+$|_test\.(go|py)$|_spec\.rb$/i;

/** What a path is to the map; undefined for files the map does not read. */
export function classifyPath(path: string): PathKind | undefined {
  if (SKIP.test(path)) return undefined;
  const depth = path.split('/').length - 1;
  const base = path.split('/').pop()!.toLowerCase();
  if (MANIFESTS.has(base) && depth <= 1) return 'manifest';
  if (CONVENTIONS.test(path)) return 'conventions';
  if (SCHEMA.test(path)) return 'schema';
  if (OPENAPI.test(path)) return 'openapi';
  if (TEST.test(path)) return undefined;
  if (isMigration(path) && !isDownMigration(path) && /\.(sql|rb|js|ts|py|mjs|cjs)$/i.test(path)) return 'migration';
  if (/(^|\/)models\.py$|(^|\/)models\/[^/]+\.(py|rb)$/i.test(path)) return 'models';
  if (CODE.test(path) && ROUTE_FILE.test(path)) return 'routes';
  return undefined;
}

export function isTestPath(path: string): boolean {
  return TEST.test(path);
}

export function isSkippedPath(path: string): boolean {
  return SKIP.test(path);
}

/** Table names a migration's file name tells: `003_create_orders.sql`, `add_status_to_orders.rb`. */
export function tableFromMigrationName(path: string): string | undefined {
  const base = path.split('/').pop()!.replace(/\.(up\.)?(sql|rb|js|ts|py|mjs|cjs)$/i, '').toLowerCase();
  const m = /create_(?:table_)?([a-z][a-z0-9_]*?)(?:_table)?$/.exec(base) ?? /_to_([a-z][a-z0-9_]*?)(?:_table)?$/.exec(base);
  return m?.[1];
}
