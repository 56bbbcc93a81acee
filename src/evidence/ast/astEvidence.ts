import type { Finding } from '../../domain/findingSchema.js';
import type { DiffFile } from '../DiffFile.js';
import { LANGUAGES, loadAstGrep, parseLanguage, ruleLanguageOf, type Engine, type RuleLanguage } from './astGrep.js';
import { openPhp } from './openPhp.js';
import { loadAstRules } from './loadAstRules.js';
import { FILE_BUDGET_MS, runAstRules } from './runAstRules.js';
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
 */
export function astEvidence(
  files: readonly DiffFile[],
  given?: Engine,
  options: AstEvidenceOptions = {},
): { findings: Finding[]; notes: string[] } {
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
  for (const file of code) {
    const lang = parseLanguage(file.path);
    if (!lang) continue;
    const left = budgetMs - (performance.now() - started);
    if (left <= 0) {
      unread.push(file.path);
      continue;
    }
    const { source: text, whole } = sourceForRules(file);
    const source = lang === 'php' && !whole ? openPhp(text) : text;
    const added = new Set(file.added.map((l) => l.line));
    const result = runAstRules(engine.sg, rules, { path: file.path, lang, source, added, whole, budgetMs: Math.min(FILE_BUDGET_MS, left) });
    findings.push(...result.findings);
    notes.push(...result.notes);
  }
  if (unread.length > 0) notes.push(budgetNote(unread, budgetMs));
  return { findings, notes };
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
