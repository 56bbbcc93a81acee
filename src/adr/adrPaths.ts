import { adrFileName } from './adrFileName.js';

/** Branches the app creates for ADR pull requests. */
export const ADR_BRANCH_PREFIX = 'agency/adr-';
const BRANCH = /^agency\/adr-(\d{1,9})-([a-z0-9-]+)$/;

/** `agency/adr-0007-use-postgres`: the slug is the file's, so branch and file always agree. */
export function adrBranchName(number: number, title: string): string {
  return `${ADR_BRANCH_PREFIX}${adrFileName(number, title).replace(/\.md$/, '')}`;
}

/** Number and slug of an ADR branch name; undefined for other branches. */
export function parseAdrBranch(branch: string): { number: number; slug: string } | undefined {
  const m = BRANCH.exec(branch);
  return m?.[1] && m[2] ? { number: Number(m[1]), slug: m[2] } : undefined;
}

/** The slug part of an ADR file name (`0007-use-postgres.md` → `use-postgres`). */
export function adrSlugOf(fileName: string): string | undefined {
  return /^(?:adr[-_]?)?\d{1,9}-(.+)\.(?:md|markdown)$/i.exec(fileName.split('/').pop() ?? '')?.[1]?.toLowerCase();
}

/**
 * `<dir>/<name>`, checked: the directory is relative and free of `..`, and the result stays directly
 * inside it. Throws rather than write anywhere else; slugify already makes titles safe, this is the
 * last line of defence.
 */
export function adrPath(dir: string, name: string): string {
  const clean = dir.replace(/\/+$/, '');
  const control = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20 || c === '\\');
  const bad = (s: string) => s === '' || s.startsWith('/') || control(s) || s.split('/').some((seg) => seg === '..' || seg === '.' || seg === '');
  if (bad(clean)) throw new Error(`unsafe ADR directory: ${JSON.stringify(dir)}`);
  if (bad(name) || name.includes('/')) throw new Error(`unsafe ADR file name: ${JSON.stringify(name)}`);
  const path = `${clean}/${name}`;
  if (!path.startsWith(`${clean}/`) || path.split('/').includes('..')) throw new Error(`unsafe ADR path: ${JSON.stringify(path)}`);
  return path;
}
