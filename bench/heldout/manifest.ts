import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Held-out sets: public files the project does not contain, named by repository, commit and path (never
 * copied into the repository), with our labels. bench/heldout/sets/<set>.json, one per set; the files are
 * downloaded into .heldout-cache/ by `npm run heldout:fetch`.
 */
export type Expect = 'unsafe' | 'safe';

export interface LineLabel {
  line: number;
  expect: Expect;
  kind: string;
}

export interface HeldoutSource {
  repo: string;
  commit: string;
  path: string;
  /** The path the file gets in the reviewed diff (default: `path`), e.g. to keep it out of test folders. */
  as?: string;
  /** `annotations`: the file's own `ruleid: X` / `ok: X` comments, mapped to our kinds by kinds.json. */
  labels?: 'annotations' | LineLabel[];
  /** Only this line range (1-based, inclusive) of the file is the case. */
  lines?: [number, number];
  /** Migration sets: the whole case. */
  expect?: Expect;
  /** Rule id (or id substring) to our kind, before kinds.json; a null value leaves the id out. */
  kindMap?: Record<string, string | null>;
  /** Text put before the cut `lines` so they read as a file (see WRAPS). */
  wrap?: keyof typeof WRAPS;
  /**
   * Migration cases: only findings of this rule count (a linter's own test says only whether its rule fires).
   * Whole-file code cases (`case` sets): the findings whose rule id starts with it count (`hardcoded-` takes the secret scan's and the signing-secret rule's).
   */
  rule?: string;
  /** What the case exercises and where its label comes from. */
  note?: string;
}

/** Wraps a case's cut lines may get, each only a prefix: `alembic-upgrade` for `op.*` calls already indented four spaces. */
export const WRAPS = {
  'alembic-upgrade': 'from alembic import op\n\n\ndef upgrade():\n',
} as const;

/**
 * A source's case as reviewed: the whole file, or its `lines` (1-based, inclusive) with the wrap's prefix;
 * `toSource` maps a line of the case back to the fetched file's line.
 */
export function caseOf(source: HeldoutSource, whole: string): { text: string; toSource: (line: number) => number } {
  if (!source.lines) return { text: whole, toSource: (line) => line };
  const [start, end] = source.lines;
  const prefix = source.wrap ? WRAPS[source.wrap] : '';
  const prefixLines = prefix.split('\n').length - 1;
  const text = `${prefix}${whole.split('\n').slice(start - 1, end).join('\n')}\n`;
  return { text, toSource: (line) => line - prefixLines + start - 1 };
}

export interface HeldoutSet {
  set: string;
  /**
   * `real`: ordinary application code, unlabelled; `npm run bench -- realcode` lists what the rules say on it.
   * `case`: code files each judged whole (vulnerable or safe, by a benchmark's answer key), by their `rule`'s findings.
   */
  kind: 'code' | 'migration' | 'real' | 'case';
  sources: HeldoutSource[];
}

export interface KindsFile {
  /** Semgrep rule id, or a substring of ids, to our kind; null: not one of our kinds. */
  rules: Record<string, string | null>;
  /** Finding rule ids that count as a kind's own rule, by prefix (default: the kind itself, or `kind/...`). */
  ownRules?: Record<string, string[]>;
}

/** The repository root: the first folder above this module holding package.json (bench/heldout or .bench-build/bench/heldout). */
export function repoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
}

export const CACHE_DIR = '.heldout-cache';

/** Where a source is cached: .heldout-cache/{repo}/{commit}/{path}. */
export function cachePath(root: string, source: Pick<HeldoutSource, 'repo' | 'commit' | 'path'>): string {
  return join(root, CACHE_DIR, source.repo, source.commit, source.path);
}

/** What is wrong with a set (empty when nothing): checked before anything is fetched or run. */
export function manifestProblems(set: HeldoutSet): string[] {
  const problems: string[] = [];
  if (typeof set.set !== 'string' || set.set === '') problems.push('"set" must be a name');
  if (!['code', 'migration', 'real', 'case'].includes(set.kind)) problems.push(`"kind" must be code, migration, real or case, not ${String(set.kind)}`);
  if (!Array.isArray(set.sources)) return [...problems, '"sources" must be a list'];
  set.sources.forEach((s, i) => {
    const at = `sources[${i}] (${s.path ?? '?'})`;
    if (!/^[\w.-]+\/[\w.-]+$/.test(s.repo ?? '')) problems.push(`${at}: repo must be owner/name`);
    if (!/^[0-9a-f]{40}$/.test(s.commit ?? '')) problems.push(`${at}: commit must be 40 hex digits`);
    if (typeof s.path !== 'string' || s.path === '' || s.path.split('/').includes('..')) problems.push(`${at}: path must be a path in the repository`);
    if (s.lines && !(s.lines.length === 2 && s.lines[0] >= 1 && s.lines[1] >= s.lines[0])) problems.push(`${at}: lines must be [start, end]`);
    if ((set.kind === 'migration' || set.kind === 'case') && s.expect !== 'unsafe' && s.expect !== 'safe') problems.push(`${at}: a ${set.kind} case needs expect`);
    if (set.kind === 'case' && (typeof s.rule !== 'string' || s.rule === '')) problems.push(`${at}: a case needs the rule whose findings count`);
    if (set.kind === 'code' && s.labels === undefined) problems.push(`${at}: a code case needs labels`);
    if (s.wrap !== undefined && !(s.wrap in WRAPS)) problems.push(`${at}: wrap must be one of ${Object.keys(WRAPS).join(', ')}`);
    if (s.wrap !== undefined && !s.lines) problems.push(`${at}: wrap needs lines`);
  });
  return problems;
}

/** Every set in bench/heldout/sets/ (sorted by file name); a malformed file throws with its problems. */
export function loadSets(root = repoRoot()): HeldoutSet[] {
  const dir = join(root, 'bench', 'heldout', 'sets');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const set = JSON.parse(readFileSync(join(dir, f), 'utf8')) as HeldoutSet;
      const problems = manifestProblems(set);
      if (problems.length > 0) throw new Error(`bench/heldout/sets/${f}: ${problems.join('; ')}`);
      return set;
    });
}

export function loadKinds(root = repoRoot()): KindsFile {
  return JSON.parse(readFileSync(join(root, 'bench', 'heldout', 'kinds.json'), 'utf8')) as KindsFile;
}
