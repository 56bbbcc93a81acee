import type { Finding } from '../../domain/findingSchema.js';
import type { DiffFile } from '../DiffFile.js';
import { LANGUAGES, loadAstGrep, parseLanguage, ruleLanguageOf, type Engine, type RuleLanguage } from './astGrep.js';
import { openPhp } from './openPhp.js';
import { loadAstRules } from './loadAstRules.js';
import type { SgRoot } from '@ast-grep/napi';
import type { AstRule } from './AstRule.js';
import { FILE_BUDGET_MS, parseFailure, planAstFile, runOnRoot, type AstInput } from './runAstRules.js';
import { sourceForRules } from './sourceForRules.js';

/** Past this, the code rules read no further file of the review; the files left are named in a note. */
export const REVIEW_BUDGET_MS = 10_000;

export interface AstEvidenceOptions {
  /** Total time for the code rules on one review (default REVIEW_BUDGET_MS). */
  budgetMs?: number;
}

/**
 * Our AST rules (rules/*.yml) on the code files of a diff. Each file is parsed from the lines the diff
 * shows (the whole file when it is new); findings land only where a match touches an added line.
 * Without the native engine (the bundled Action with no @ast-grep/napi) it says so in a note. The
 * engine is loaded only when the diff has code it reads. Time is bounded per file (runAstRules) and per
 * review: files not reached within the budget are listed as not analysed, never passed silently.
 * Both cores work: the next files are parsed on libuv's threadpool (parseAsync) while the rules run on
 * the current one on this thread.
 */
export async function astEvidence(
  files: readonly DiffFile[],
  given?: Engine,
  options: AstEvidenceOptions = {},
): Promise<{ findings: Finding[]; notes: string[] }> {
  const readable = files.filter((f) => parseLanguage(f.path) !== undefined);
  const notes = unreadNotes(files.filter((f) => parseLanguage(f.path) === undefined));
  if (readable.length === 0) return { findings: [], notes };
  // Parser packages load only when the diff has a file they read.
  const engine = given ?? loadAstGrep(readable.map(languageOf));
  if ('error' in engine) {
    return { findings: [], notes: [...notes, `The code rules did not run: @ast-grep/napi is not installed (${engine.error}). See docs/action.md.`] };
  }
  const unreadable = engine.unreadable ?? new Map<RuleLanguage, string>();
  const code = readable.filter((f) => !unreadable.has(languageOf(f)));
  notes.push(...parserNotes(readable, unreadable));
  // Only the rule files of the languages in the diff are read (YAML parsing is a CLI start's slow part).
  const rules = loadAstRules(undefined, [...new Set(code.map(languageOf))]);
  const budgetMs = options.budgetMs ?? REVIEW_BUDGET_MS;
  const started = performance.now();
  const findings: Finding[] = [];
  const unread: string[] = [];
  const jobs = code.map((file) => fileJob(file, rules));
  // A parse started ahead for the next few files; its failure is the file's note, never an unhandled rejection.
  const parsing = new Map<number, Promise<SgRoot | Error>>();
  const parseAhead = (from: number) => {
    for (let i = from; i < jobs.length && parsing.size < PARSE_AHEAD; i++) {
      const job = jobs[i] as FileJob;
      if (parsing.has(i) || job.rules.length === 0) continue;
      parsing.set(i, engine.sg.parseAsync(job.input.lang, job.input.source).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
    }
  };
  for (const [i, job] of jobs.entries()) {
    const left = budgetMs - (performance.now() - started);
    if (left <= 0) {
      unread.push(job.input.path);
      continue;
    }
    if (job.note) notes.push(job.note);
    if (job.rules.length === 0) continue;
    parseAhead(i);
    const root = await parsing.get(i);
    parsing.delete(i);
    parseAhead(i + 1);
    const input = { ...job.input, budgetMs: Math.min(FILE_BUDGET_MS, left) };
    const result = !root || root instanceof Error ? parseFailure(input, root ?? new Error('no parse')) : runOnRoot(root, job.rules, input, performance.now());
    findings.push(...result.findings);
    notes.push(...result.notes);
  }
  // Parses started for files the budget did not reach: settled before returning (they cannot reject).
  await Promise.all(parsing.values());
  if (unread.length > 0) notes.push(budgetNote(unread, budgetMs));
  return { findings, notes };
}

/**
 * Files parsed ahead of the one the rules run on: enough to keep one more core busy, and libuv's four
 * threads, so that a large file's parse does not leave the rules waiting (2 left this thread idle ~80 ms
 * on a 200-file PR; 4 took the CLI's review of it from 757 to 738 ms, median of 11 on an idle 2-core machine).
 */
const PARSE_AHEAD = 4;

interface FileJob {
  input: AstInput;
  /** The file's skip note, if skipped whole. */
  note?: string;
  /** The rules that can match it (none: it is not parsed). */
  rules: AstRule[];
}

function fileJob(file: DiffFile, rules: readonly AstRule[]): FileJob {
  const lang = parseLanguage(file.path) ?? 'javascript';
  const { source: text, whole } = sourceForRules(file);
  const source = lang === 'php' && !whole ? openPhp(text) : text;
  const input: AstInput = { path: file.path, lang, source, added: new Set(file.added.map((l) => l.line)), whole };
  const plan = planAstFile(rules, input);
  return 'note' in plan ? { input, note: plan.note, rules: [] } : { input, rules: plan.rules };
}

/** The files the review's budget did not reach, by name (the first few) and count. */
function budgetNote(paths: readonly string[], budgetMs: number): string {
  const shown = paths.slice(0, 5).join(', ');
  const more = paths.length > 5 ? ` and ${paths.length - 5} more` : '';
  return `Code rules did not analyse ${paths.length} file${paths.length === 1 ? '' : 's'}: the review's time budget of ${budgetMs / 1000} s ran out (${shown}${more}).`;
}

function languageOf(file: DiffFile): RuleLanguage {
  return ruleLanguageOf(parseLanguage(file.path) ?? 'javascript');
}

/** Files whose parser did not load (e.g. the Action's global install lacks a package): said per language. */
function parserNotes(files: readonly DiffFile[], unreadable: ReadonlyMap<RuleLanguage, string>): string[] {
  const count = new Map<RuleLanguage, number>();
  for (const f of files) {
    const lang = languageOf(f);
    if (unreadable.has(lang)) count.set(lang, (count.get(lang) ?? 0) + 1);
  }
  return [...count].map(([lang, n]) => `Code rules did not read ${n} ${LANGUAGES[lang].name} file${n === 1 ? '' : 's'}: ${unreadable.get(lang)}. See docs/action.md.`);
}

/** Code in languages the rules do not read yet: said once per extension, never a silent pass. */
function unreadNotes(files: readonly DiffFile[]): string[] {
  const byExt = new Map<string, number>();
  for (const f of files) {
    const ext = /\.([A-Za-z0-9]+)$/.exec(f.path)?.[1]?.toLowerCase() ?? f.path;
    byExt.set(ext, (byExt.get(ext) ?? 0) + 1);
  }
  return [...byExt].map(([ext, n]) => `Code rules do not read .${ext} files yet (${n} file${n === 1 ? '' : 's'} not checked by them).`);
}
