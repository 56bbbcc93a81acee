import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstRule } from '../src/evidence/ast/AstRule.js';
import { astEvidence } from '../src/evidence/ast/astEvidence.js';
import { LANGUAGES, loadAstGrep, type ParseLanguage } from '../src/evidence/ast/astGrep.js';
import { loadAstRules } from '../src/evidence/ast/loadAstRules.js';
import { runAstRules } from '../src/evidence/ast/runAstRules.js';
import { generateLargeDiff } from '../src/evidence/generateLargeDiff.js';
import { parseUnifiedDiff } from '../src/evidence/parseUnifiedDiff.js';
import { childrenCpuMs, median, ms } from './stats.js';

const MARK = /(?:\/\/|#)\s*ruleid\b/;
/** JavaScript rules run on their examples as TypeScript; every other language as itself. */
const EXT = (lang: AstRule['language']): string => (lang === 'javascript' ? 'ts' : (LANGUAGES[lang].extensions[0] as string));
const LANG = (lang: AstRule['language']): ParseLanguage => (lang === 'javascript' ? 'typescript' : lang);

interface Tally {
  labelled: number;
  found: number;
  safeLines: number;
  safeFlagged: number;
}

/**
 * The code rules on their own examples, every rule of the language on every example (so one rule's
 * findings on another rule's safe example count as false positives): recall on the labelled lines and
 * findings on lines of the clean examples, per kind and per language. Then the time the rules add to a
 * review and the CLI's wall time on a 200-file / 40,000-line PR.
 */
export async function rulesBench(print: (line: string) => void): Promise<void> {
  const engine = loadAstGrep();
  if ('error' in engine) {
    print(`code rules: @ast-grep/napi not installed (${engine.error})`);
    return;
  }
  const rules = loadAstRules();
  const byKind = new Map<string, Tally>();
  const byLang = new Map<string, Tally>();
  const tally = (map: Map<string, Tally>, key: string) => {
    let t = map.get(key);
    if (!t) map.set(key, (t = { labelled: 0, found: 0, safeLines: 0, safeFlagged: 0 }));
    return t;
  };
  for (const rule of rules) {
    const sameLanguage = rules.filter((r) => r.language === rule.language);
    for (const kind of ['invalid', 'valid'] as const) {
      for (const source of rule.metadata.examples[kind]) {
        const path = `src/routes/example.${EXT(rule.language)}`;
        const { findings } = runAstRules(engine.sg, sameLanguage, { path, lang: LANG(rule.language), source, whole: true });
        const lines = source.split('\n');
        const labelled = lines.flatMap((t, i) => (MARK.test(t) ? [i + 1] : []));
        for (const t of [tally(byKind, rule.id), tally(byLang, rule.language)]) {
          if (kind === 'invalid') {
            t.labelled += labelled.length;
            t.found += labelled.filter((l) => findings.some((f) => f.line === l && f.source.id === rule.id)).length;
          } else {
            const code = lines.filter((l) => l.trim() !== '').length;
            t.safeLines += code;
            t.safeFlagged += new Set(findings.map((f) => f.line)).size;
          }
        }
      }
    }
  }
  const row = (name: string, t: Tally) =>
    `  ${name.padEnd(28)} recall ${(t.found / Math.max(1, t.labelled)).toFixed(2)} (${t.found}/${t.labelled})  findings on safe lines ${((100 * t.safeFlagged) / Math.max(1, t.safeLines)).toFixed(1)}% (${t.safeFlagged}/${t.safeLines})`;
  print(`code rules on their own examples: ${rules.length} rule files, ${byKind.size} kinds`);
  for (const [kind, t] of [...byKind].sort()) print(row(kind, t));
  for (const [lang, t] of [...byLang].sort()) print(row(lang, t));
  const all = [...byLang.values()].reduce((a, t) => ({ labelled: a.labelled + t.labelled, found: a.found + t.found, safeLines: a.safeLines + t.safeLines, safeFlagged: a.safeFlagged + t.safeFlagged }));
  print(row('all', all));

  const diff = generateLargeDiff({ files: 200, changedLines: 40_000, migrations: 20 });
  const files = parseUnifiedDiff(diff);
  await astEvidence(files); // warm-up: native module, rule files
  const inProcess: number[] = [];
  // CPU of the whole process (the threadpool's parses included): other work on the machine disturbs it less than wall time.
  const cpu: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const usage = process.cpuUsage();
    await astEvidence(files);
    inProcess.push(performance.now() - started);
    const spent = process.cpuUsage(usage);
    cpu.push((spent.user + spent.system) / 1000);
  }
  print(`code rules on a 200-file / 40,000-line PR, in process: median of 5 ${ms(median(inProcess))} wall, ${ms(median(cpu))} CPU`);

  // The CLI as a user runs it: a fresh process per review (module loading included). `agency` is the
  // bundle scripts/build-cli.mjs builds (built here into the temp dir); the unbundled program for comparison.
  const dir = mkdtempSync(join(tmpdir(), 'agency-bench-'));
  try {
    const bundleDir = join(dir, 'bundle');
    const built = spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/build-cli.mjs', import.meta.url)), '--outdir', bundleDir], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`scripts/build-cli.mjs failed: ${built.stderr.slice(0, 200)}`);
    const programs: [string, string][] = [
      ['agency (bundled)', join(bundleDir, 'agency.js')],
      ['unbundled src/cli/main.js', fileURLToPath(new URL('../src/cli/main.js', import.meta.url))],
    ];
    const diffPath = join(dir, 'pr.diff');
    writeFileSync(diffPath, diff);
    const env = { ...process.env, ANTHROPIC_API_KEY: '' };
    for (const [name, cli] of programs) {
      spawnSync(process.execPath, [cli, 'review', '--diff', diffPath], { cwd: dir, env });
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const cpuBefore = childrenCpuMs();
        const run = spawnSync(process.execPath, [cli, 'review', '--diff', diffPath], { cwd: dir, env, encoding: 'utf8' });
        wall.push(performance.now() - started);
        const cpuAfter = childrenCpuMs();
        if (cpuBefore !== undefined && cpuAfter !== undefined) cpu.push(cpuAfter - cpuBefore);
        if (run.status !== 0 && run.status !== 1) throw new Error(`agency review exited ${run.status}: ${run.stderr.slice(0, 200)}`);
      }
      // The process's CPU (its threads and squawk's included) beside the wall time: on a shared machine the wall time swings with the load.
      const cpuNote = cpu.length > 0 ? `, ${ms(median(cpu))} CPU` : '';
      print(`${name} review (CLI, offline) on the same PR: median of 5 ${ms(median(wall))} per start (goal < 500 ms)${cpuNote}`);
      // The floor under every command: starting the program and printing the usage.
      const help: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        spawnSync(process.execPath, [cli, '--help'], { cwd: dir, env, encoding: 'utf8' });
        help.push(performance.now() - started);
      }
      print(`${name} --help (CLI start): median of 5 ${ms(median(help))}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
