import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectEvidence } from '../src/evidence/collectEvidence.js';
import { parseUnifiedDiff, type DiffFile } from '../src/evidence/parseUnifiedDiff.js';
import { newFileDiff } from './heldout/heldoutBench.js';
import { cachePath, CACHE_DIR, loadSets } from './heldout/manifest.js';
import { ms } from './stats.js';

/** Folders of a package that are not its code: tests, fixtures, docs and examples are judged by other rules. */
const NOT_CODE = /^(?:test|tests|__tests__|__pycache__|fixtures|docs?|examples?|benchmarks?|\.bin)$/;
const MAX_BYTES = 200_000;

/**
 * Our evidence (rules, secrets) on real code no one wrote for it: application code of public web apps
 * (the `real` sets of bench/heldout/sets/, fetched by `npm run heldout:fetch`), the dependencies `npm ci`
 * installs from the lockfile (the same files on every machine), and this machine's Python standard library
 * when there is one. Each file is reviewed as if a pull request added it whole. Real code is not free of
 * defects, so this is no false-positive rate: it is what a user would see on ordinary code, per rule, with
 * every finding on application code and every blocker listed so that each can be judged. Run
 * `npm run bench -- realcode` to list every finding.
 */
export async function realCodeBench(print: (line: string) => void, listAll = false): Promise<void> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const python = readdirSafe('/usr/lib').filter((n) => /^python3\.\d+$/.test(n)).sort().at(-1);
  const corpora: { name: string; files: () => DiffFile[]; list: boolean }[] = [];
  for (const set of loadSets(root).filter((s) => s.kind === 'real')) {
    const missing = set.sources.filter((src) => !existsSync(cachePath(root, src))).length;
    if (missing > 0) print(`real code, ${set.set}: skipped (${missing} files not in ${CACHE_DIR}/): run \`npm run heldout:fetch\``);
    else corpora.push({ name: `${set.set} (web applications' own code, ${new Set(set.sources.map((s) => s.repo)).size} repositories)`, files: () => set.sources.map((src) => newFile(`${src.repo}/${src.path}`, readFileSync(cachePath(root, src), 'utf8'))), list: true });
  }
  const tree = (name: string, dir: string, ext: RegExp) => ({ name, files: () => codeFiles(dir, ext).map((path) => newFile(`src/${relative(dir, path)}`, readFileSync(path, 'utf8'))), list: listAll });
  corpora.push(tree('installed npm dependencies (package-lock.json)', join(root, 'node_modules'), /\.(?:[cm]?js|ts)$/));
  if (python) corpora.push(tree(`Python standard library (/usr/lib/${python})`, `/usr/lib/${python}`, /\.py$/));
  for (const corpus of corpora) {
    const files = corpus.files();
    const lines = files.reduce((n, f) => n + f.added.length, 0);
    const started = performance.now();
    // Reviews of REVIEW_SIZE files each: one review of a million lines would run out of the review's time
    // budget (10 s) and leave most files unread, so the count would measure speed, not the rules.
    const findings: Awaited<ReturnType<typeof collectEvidence>>['findings'] = [];
    let unread = 0;
    for (let i = 0; i < files.length; i += REVIEW_SIZE) {
      const review = await collectEvidence(files.slice(i, i + REVIEW_SIZE));
      findings.push(...review.findings);
      unread += review.notes.map((n) => /did not analyse (\d+) file/.exec(n)?.[1]).reduce((sum, n) => sum + Number(n ?? 0), 0);
    }
    const took = performance.now() - started;
    const unreadNote = unread > 0 ? `, ${unread} files not analysed within the review budget` : '';
    print(`real code, ${corpus.name}: ${files.length.toLocaleString('en-US')} files, ${lines.toLocaleString('en-US')} lines as new files, ${findings.length} findings (${((1_000 * findings.length) / Math.max(1, lines)).toFixed(2)} per 1,000 lines), ${ms(took)}${unreadNote}`);
    const byRule = new Map<string, typeof findings>();
    for (const f of findings) {
      const key = `${f.source.id ?? f.source.kind} (${f.severity})`;
      byRule.set(key, [...(byRule.get(key) ?? []), f]);
    }
    for (const [key, list] of [...byRule].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) print(`  ${String(list.length).padStart(4)} ${key}`);
    for (const f of findings.filter((x) => corpus.list || x.severity === 'blocker')) print(`    ${f.severity} ${f.source.id ?? f.source.kind}: ${f.path}:${f.line ?? '-'}`);
  }
}

/** Files per review: a large pull request's worth, well within a review's time budget. */
const REVIEW_SIZE = 200;

/** The code files under dir, sorted (the same order on every machine), skipping test and doc folders and very large files. */
function codeFiles(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSafe(at).sort()) {
      const path = join(at, name);
      let stat;
      try {
        stat = statSync(path);
      } catch {
        continue;
      }
      if (stat.isDirectory()) {
        if (!NOT_CODE.test(name)) walk(path);
      } else if (ext.test(name) && !name.endsWith('.d.ts') && stat.size > 0 && stat.size < MAX_BYTES) out.push(path);
    }
  };
  walk(dir);
  return out;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The file as a pull request adding it whole would show it (the held-out bench's new-file diff). */
function newFile(path: string, text: string): DiffFile {
  return parseUnifiedDiff(newFileDiff(path, text))[0] as DiffFile;
}
