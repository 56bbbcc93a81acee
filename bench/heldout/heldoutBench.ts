import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import PQueue from 'p-queue';
import { annotationLabels } from './labels.js';
import { cachePath, caseOf, CACHE_DIR, loadKinds, loadSets, repoRoot, type HeldoutSet, type HeldoutSource, type KindsFile } from './manifest.js';
import { percent, ratio, sameKind, scoreCode, scoreMigration, tallyLine, type Hit, type Label, type MigrationCase } from './score.js';

const LANGS: Record<string, string> = {
  '.py': 'python',
  '.js': 'javascript',
  '.jsx': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.go': 'go',
  '.rb': 'ruby',
  '.java': 'java',
  '.kt': 'kotlin',
  '.php': 'php',
  '.cs': 'csharp',
  '.sql': 'sql',
};
export const languageOf = (path: string): string => LANGS[extname(path).toLowerCase()] ?? (extname(path).slice(1) || 'text');

/** A unified diff adding `text` as the new file `path`. */
export function newFileDiff(path: string, text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return [`diff --git a/${path} b/${path}`, 'new file mode 100644', '--- /dev/null', `+++ b/${path}`, `@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`), ''].join('\n');
}

export interface HeldoutOptions {
  root?: string;
  /** Only these sets (by name). */
  only?: readonly string[];
  /** Also list each safe line flagged and each missed label (file:line rule). */
  list?: boolean;
}

interface CaseRun {
  source: HeldoutSource;
  /** The path in the diff. */
  file: string;
  /** A line of the case to the line of the original file. */
  toSource: (line: number) => number;
  /** The case's text (the whole file, or its `lines`, wrapped). */
  text: string;
  /** The whole file: annotations may sit just above the range. */
  whole: string;
  hits: Hit[];
}

const exec = promisify(execFile);

/** The review as a user runs it: the CLI bundle, offline, on a diff adding the case as a new file. */
async function review(cli: string, run: CaseRun, dir: string): Promise<Hit[]> {
  // The diff outside the folder the CLI runs in: the CLI reads its working tree (config, files at HEAD).
  const diffPath = join(dir, 'diffs', `${Math.random().toString(36).slice(2)}.diff`);
  writeFileSync(diffPath, newFileDiff(run.file, run.text));
  try {
    const { stdout } = await exec(process.execPath, [cli, 'review', '--diff', diffPath, '--format', 'json'], {
      cwd: join(dir, 'cwd'),
      env: { ...process.env, ANTHROPIC_API_KEY: '' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const out = JSON.parse(stdout) as { review: { findings: { path: string | null; line: number | null; category: string; source: { id: string } }[] } };
    return out.review.findings.flatMap((f) => (f.path === run.file && f.line !== null ? [{ file: run.file, line: run.toSource(f.line), rule: f.source.id, category: f.category }] : []));
  } finally {
    rmSync(diffPath, { force: true });
  }
}

function ownRule(kinds: KindsFile): (kind: string, rule: string) => boolean {
  return (kind, rule) => {
    const prefixes = kinds.ownRules?.[kind];
    return prefixes ? prefixes.some((p) => rule === p || rule.startsWith(p)) : sameKind(kind, rule);
  };
}

/** Figures of one code set, as lines. */
function codeReport(set: HeldoutSet, runs: readonly CaseRun[], kinds: KindsFile, list: boolean): string[] {
  const labels: Label[] = [];
  for (const run of runs) {
    const own = run.source.labels === 'annotations' ? annotationLabels(run.whole, kinds, run.source.kindMap) : (run.source.labels ?? []);
    const [start, end] = run.source.lines ?? [1, Number.MAX_SAFE_INTEGER];
    for (const l of own) if (l.line >= start && l.line <= end) labels.push({ ...l, file: run.file, lang: languageOf(run.file) });
  }
  const score = scoreCode(labels, runs.flatMap((r) => r.hits), ownRule(kinds));
  const out = [`held-out ${set.set} (${runs.length} files): ${tallyLine(score.all)}`];
  for (const [kind, t] of [...score.byKind].sort()) out.push(`  ${kind.padEnd(26)} ${tallyLine(t)}`);
  for (const [lang, t] of [...score.byLang].sort()) out.push(`  ${lang.padEnd(26)} ${tallyLine(t)}`);
  if (list) {
    for (const { label, rules } of score.safeFlagged) out.push(`  safe line flagged: ${label.file}:${label.line} ${rules.join(',')} (labelled safe for ${label.kind})`);
    for (const { label, hits } of score.safeFlaggedNear)
      out.push(`  safe line flagged nearby: ${label.file}:${label.line} ${hits.map((h) => `${h.line} ${h.rule}`).join(', ')} (labelled safe for ${label.kind})`);
    for (const label of score.missed) out.push(`  missed: ${label.file}:${label.line} ${label.kind}`);
  }
  return out;
}

/** A finding that counts for a migration case: a migration finding, of the case's `rule` where it names one. */
export function migrationFinding(source: Pick<HeldoutSource, 'rule'>, hit: Hit): boolean {
  return hit.category === 'migration' && (source.rule === undefined || hit.rule === source.rule);
}

/** A finding that counts for a whole-file code case: one whose rule id starts with the case's `rule`. */
export function caseFinding(source: Pick<HeldoutSource, 'rule'>, hit: Hit): boolean {
  return source.rule !== undefined && hit.rule.startsWith(source.rule);
}

/**
 * Whole-file code cases, scored as the benchmark they come from scores a tool: the share of vulnerable
 * cases with a finding of their rule (TPR), of safe cases with one (FPR), and TPR - FPR (Youden's J), per
 * rule and for the set, and the mean J of the rules (each rule weighted alike).
 */
function caseReport(set: HeldoutSet, runs: readonly CaseRun[], list: boolean): string[] {
  const score = (rs: readonly CaseRun[]) => scoreMigration(rs.map((r) => ({ file: r.file, expect: r.source.expect!, findings: r.hits.filter((h) => caseFinding(r.source, h)).length })));
  const figures = (s: ReturnType<typeof scoreMigration>) => {
    const j = (s.unsafe === 0 ? 0 : s.unsafeFlagged / s.unsafe) - (s.safe === 0 ? 0 : s.safeFlagged / s.safe);
    return { j, text: `vulnerable cases found ${ratio(s.unsafeFlagged, s.unsafe)} (${s.unsafeFlagged}/${s.unsafe}), safe cases flagged ${percent(s.safeFlagged, s.safe)} (${s.safeFlagged}/${s.safe}), J ${j.toFixed(2)}` };
  };
  const byRule = new Map<string, CaseRun[]>();
  for (const r of runs) byRule.set(r.source.rule!, [...(byRule.get(r.source.rule!) ?? []), r]);
  const rows = [...byRule].sort(([a], [b]) => a.localeCompare(b)).map(([rule, rs]) => ({ rule, ...figures(score(rs)) }));
  const mean = rows.reduce((sum, r) => sum + r.j, 0) / Math.max(1, rows.length);
  const all = score(runs);
  const out = [`held-out ${set.set} (${runs.length} cases, each file judged whole): ${figures(all).text}; mean J of the rules ${mean.toFixed(2)}`];
  for (const row of rows) out.push(`  ${row.rule.padEnd(26)} ${row.text}`);
  if (list) {
    for (const f of all.falseFlags) {
      const run = runs.find((r) => r.file === f);
      out.push(`  safe case flagged: ${f} ${run?.hits.filter((h) => caseFinding(run.source, h)).map((h) => `${h.line} ${h.rule}`).join(', ') ?? ''}`);
    }
    for (const f of all.missed) out.push(`  missed: ${f} (${runs.find((r) => r.file === f)?.source.rule ?? ''})`);
  }
  return out;
}

function migrationReport(set: HeldoutSet, runs: readonly CaseRun[], list: boolean): string[] {
  const cases: MigrationCase[] = runs.map((r) => ({
    file: r.source.lines ? `${r.file}:${r.source.lines.join('-')}` : r.file,
    expect: r.source.expect!,
    findings: r.hits.filter((h) => migrationFinding(r.source, h)).length,
  }));
  const s = scoreMigration(cases);
  const out = [
    `held-out ${set.set} (${runs.length} cases): unsafe cases with a finding ${ratio(s.unsafeFlagged, s.unsafe)} (${s.unsafeFlagged}/${s.unsafe}), safe cases with a finding ${percent(s.safeFlagged, s.safe)} (${s.safeFlagged}/${s.safe})`,
  ];
  if (list) {
    for (const f of s.falseFlags) {
      const run = runs.find((r) => f.startsWith(r.file));
      out.push(`  safe case flagged: ${f} ${run?.hits.filter((h) => migrationFinding(run.source, h)).map((h) => `${h.line} ${h.rule}`).join(', ') ?? ''}`);
    }
    for (const f of s.missed) out.push(`  missed: ${f}`);
  }
  return out;
}

/**
 * The held-out sets through the production review path (the CLI bundle, offline). Sets whose files are not
 * in .heldout-cache/ are skipped with one line saying how to fetch them.
 */
export async function heldoutBench(print: (line: string) => void, opts: HeldoutOptions = {}): Promise<void> {
  const root = opts.root ?? repoRoot();
  // Unlabelled real code has no recall to score: the real-code bench reads it.
  const sets = loadSets(root).filter((s) => s.kind !== 'real' && (!opts.only?.length || opts.only.includes(s.set)));
  if (sets.length === 0) {
    print('held-out: no sets in bench/heldout/sets/');
    return;
  }
  const missing = sets.filter((s) => s.sources.some((src) => !existsSync(cachePath(root, src))));
  if (missing.length > 0) {
    const files = new Set(missing.flatMap((s) => s.sources.map((src) => cachePath(root, src)).filter((path) => !existsSync(path)))).size;
    print(`held-out: skipped ${missing.map((s) => s.set).join(', ')} (${files} files not in ${CACHE_DIR}/): run \`npm run heldout:fetch\` (HELDOUT_BASE_URL for a mirror)`);
  }
  const runnable = sets.filter((s) => !missing.includes(s));
  if (runnable.length === 0) return;
  const cli = join(root, 'lib', 'cli', 'bundle', 'agency.js');
  if (!existsSync(cli)) {
    print('held-out: lib/cli/bundle/agency.js is missing: run `npm run build` first');
    return;
  }
  const built = statSync(cli).mtimeMs;
  const newest = ['src', 'rules'].map((d) => newestMtime(join(root, d))).reduce((a, b) => Math.max(a, b), 0);
  if (newest > built) print('held-out: note: src/ or rules/ changed after lib/ was built; run `npm run build` for current figures');
  const kinds = loadKinds(root);
  const dir = mkdtempSync(join(tmpdir(), 'agency-heldout-'));
  mkdirSync(join(dir, 'diffs'));
  mkdirSync(join(dir, 'cwd'));
  try {
    // Many cases are cut from one file (50 from one strong_migrations test file): read each file once.
    const texts = new Map<string, string>();
    const textOf = (path: string) => texts.get(path) ?? texts.set(path, readFileSync(path, 'utf8')).get(path)!;
    for (const set of runnable) {
      const runs: CaseRun[] = set.sources.map((source) => {
        const whole = textOf(cachePath(root, source));
        const { text, toSource } = caseOf(source, whole);
        return { source, file: source.as ?? source.path, toSource, text, whole, hits: [] };
      });
      // One CLI process per core at a time.
      const queue = new PQueue({ concurrency: Math.max(1, availableParallelism()) });
      await queue.addAll(
        runs.map((run) => async () => {
          run.hits = await review(cli, run, dir);
        }),
      );
      const list = opts.list ?? false;
      const lines = set.kind === 'code' ? codeReport(set, runs, kinds, list) : set.kind === 'case' ? caseReport(set, runs, list) : migrationReport(set, runs, list);
      for (const line of lines) print(line);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  heldoutBench((line) => console.log(line), { list: args.includes('--list-safe-flagged'), only: args.filter((a) => !a.startsWith('--')) }).catch((error: unknown) => {
    console.error(`held-out bench failed: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
