import type { Finding } from '../../model/findingSchema.js';
import type { DiffFile } from '../DiffFile.js';
import { loadAstGrep, parseLanguage } from './astGrep.js';
import { loadAstRules } from './loadAstRules.js';
import { runAstRules } from './runAstRules.js';
import { sourceForRules } from './sourceForRules.js';

/**
 * Our AST rules (rules/*.yml) on the code files of a diff. Each file is parsed from the lines the diff
 * shows (the whole file when it is new); findings land only where a match touches an added line.
 * Without the native engine (the bundled Action with no @ast-grep/napi) it says so in a note.
 */
export function astEvidence(files: readonly DiffFile[]): { findings: Finding[]; notes: string[] } {
  const code = files.filter((f) => parseLanguage(f.path) !== undefined);
  if (code.length === 0) return { findings: [], notes: [] };
  const engine = loadAstGrep();
  if ('error' in engine) {
    return { findings: [], notes: [`The code rules did not run: @ast-grep/napi is not installed (${engine.error}). See docs/action.md.`] };
  }
  const rules = loadAstRules();
  const findings: Finding[] = [];
  const notes: string[] = [];
  for (const file of code) {
    const lang = parseLanguage(file.path);
    if (!lang) continue;
    const { source, whole } = sourceForRules(file);
    const added = new Set(file.added.map((l) => l.line));
    const result = runAstRules(engine.sg, rules, { path: file.path, lang, source, added, whole });
    findings.push(...result.findings);
    notes.push(...result.notes);
  }
  return { findings, notes };
}
