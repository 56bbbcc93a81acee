import type { SgNode, SgRoot } from '@ast-grep/napi';
import type { Finding } from '../../domain/findingSchema.js';
import { ruleLink } from '../../domain/ruleLink.js';
import { SEVERITY_OF, type AstRule, type TaintLevel } from './AstRule.js';
import { compileRule, compileRuleFor, type CompiledRule } from './compileRule.js';
import { ruleLanguageOf, type AstGrep, type ParseLanguage } from './astGrep.js';
import { isHandlerSource } from './isHandlerSource.js';
import { ruleDocUrl } from './ruleDocUrl.js';
import { rulePrefilter } from './rulePrefilter.js';
import { skipReason } from './skipReason.js';
import { impliesLevel, meetsTaint, taintCache as newTaintCache, type TaintCache } from './taint.js';

export interface AstInput {
  path: string;
  lang: ParseLanguage;
  source: string;
  /** New-side lines the change added: findings are reported only where a match touches one. Undefined: every line. */
  added?: ReadonlySet<number>;
  /** The source is the whole file (not the diff's lines with gaps): a parse failure is then the file's fault. */
  whole: boolean;
  /** Time for this file's rules (default FILE_BUDGET_MS; less when the review's budget is nearly spent). */
  budgetMs?: number;
}

/** Past this, the remaining rules are skipped for the file (each rule is one native call, so this bounds the file). */
export const FILE_BUDGET_MS = 1500;

/** Our rules on one file: the matches that touch an added line and meet their taint requirements. */
export function runAstRules(sg: AstGrep, rules: readonly AstRule[], input: AstInput): { findings: Finding[]; notes: string[] } {
  const plan = planAstFile(rules, input);
  if ('note' in plan) return { findings: [], notes: [plan.note] };
  if (plan.rules.length === 0) return { findings: [], notes: [] };
  const started = performance.now();
  let root: SgRoot;
  try {
    root = sg.parse(input.lang, input.source);
  } catch (error) {
    return parseFailure(input, error);
  }
  return runOnRoot(root, plan.rules, input, started);
}

/**
 * What a file needs before it is parsed: a note when it is skipped whole (minified, generated, too big),
 * else the rules that can match it (none: nothing to parse). Rules whose required text is nowhere in the
 * file cannot match: they are left out before anything is parsed.
 */
export function planAstFile(rules: readonly AstRule[], input: AstInput): { note: string } | { rules: AstRule[] } {
  const skip = skipReason(input.path, input.source);
  if (skip) return { note: `Code rules skipped ${input.path}: ${skip}.` };
  const language = ruleLanguageOf(input.lang);
  const handler = isHandlerSource(input.path, input.source);
  return {
    rules: rules.filter((r) => r.language === language && (!r.metadata.handlersOnly || handler) && (rulePrefilter(r)?.test(input.source) ?? true)),
  };
}

/** The note for a file the parser refused. */
export function parseFailure(input: AstInput, error: unknown): { findings: Finding[]; notes: string[] } {
  return { findings: [], notes: [`Code rules could not parse ${input.path}: ${(error as Error).message.slice(0, 120)}.`] };
}

/**
 * The planned rules on the parsed file, within the file's budget counted from `started`. One search per
 * rule: most of a search's cost is ast-grep compiling the rule (its regexes) and matching candidates, not
 * the walk, so one `any` search over all of a file's rules measured only ~10% less native time on a
 * 200-file PR before its matches were even told apart by rule.
 */
export function runOnRoot(root: SgRoot, applicable: readonly AstRule[], input: AstInput, started: number): { findings: Finding[]; notes: string[] } {
  const language = ruleLanguageOf(input.lang);
  const budgetMs = input.budgetMs ?? FILE_BUDGET_MS;
  const top = root.root();
  if (input.whole && mostlyErrors(top, input.source.length)) {
    return { findings: [], notes: [`Code rules skipped ${input.path}: it does not parse as ${input.lang}.`] };
  }
  const findings: Finding[] = [];
  const notes: string[] = [];
  // The finding on each rule and line: one per line, the rule's full severity over its weaker form.
  const seen = new Map<string, { at: number; full: boolean }>();
  const taintCache = newTaintCache();
  for (const [index, rule] of applicable.entries()) {
    if (performance.now() - started > budgetMs) {
      const left = [...new Set(applicable.slice(index).map((r) => r.id))].join(', ');
      notes.push(`Code rules stopped early on ${input.path} (over ${Math.max(0, Math.round(budgetMs))} ms); not run: ${left}.`);
      break;
    }
    let matches: SgNode[];
    try {
      // Without the parts that cannot match in this file (none left: the rule cannot match here); the
      // whole rule when ast-grep refuses what is left, so the outcome is the whole rule's either way.
      const forFile = compileRuleFor(rule, input.source);
      if (!forFile) continue;
      matches = searchRule(top, forFile, () => compileRule(rule));
    } catch (error) {
      notes.push(`Rule ${rule.id} (${rule.file}) failed on ${input.path}: ${(error as Error).message.slice(0, 120)}`);
      continue;
    }
    for (const match of matches) {
      const line = reportLine(match, input.added);
      const key = `${rule.id}:${line}`;
      const earlier = seen.get(key);
      if (line === undefined || earlier?.full) continue;
      const verdict = taintVerdict(rule, match, language, taintCache);
      if (!verdict || (earlier && verdict === 'source-unknown')) continue;
      const finding = astFinding(rule, input.path, line, verdict);
      if (earlier) findings[earlier.at] = finding;
      else findings.push(finding);
      seen.set(key, { at: earlier?.at ?? findings.length - 1, full: verdict === 'met' });
    }
  }
  return { findings, notes };
}

/** The rule's matches in the file; `whole` when ast-grep refuses the compiled form (it then reports its own error). */
function searchRule(top: SgNode, compiled: CompiledRule, whole: () => CompiledRule): SgNode[] {
  const run = ({ config, file }: CompiledRule): SgNode[] => {
    const matches = top.findAll(config);
    // The file condition only when there is something for it to keep: most searches find nothing, and
    // each native call pays for compiling the rule's regexes again.
    return file && matches.length > 0 && !top.matches(file) ? [] : matches;
  };
  const original = whole();
  if (compiled === original) return run(compiled);
  try {
    return run(compiled);
  } catch {
    return run(original);
  }
}

/** `met`: the rule's taint requirements hold; `source-unknown`: only its weaker `sourceUnknown` ones do; null: neither. */
function taintVerdict(rule: AstRule, match: SgNode, language: AstRule['language'], cache: TaintCache): 'met' | 'source-unknown' | null {
  const taint = rule.metadata.taint ?? {};
  const weaker = rule.metadata.sourceUnknown;
  if (!weaker) return taintMet(taint, match, language, cache) ? 'met' : null;
  const relaxed = { ...taint, ...weaker.taint };
  // Most matches meet neither (a bound query's constant text): when meeting the full requirements implies
  // meeting the weaker ones, the weaker are asked first and a miss settles it in one walk instead of two.
  if (impliesWeaker(taint, relaxed)) {
    if (!taintMet(relaxed, match, language, cache)) return null;
    return taintMet(taint, match, language, cache) ? 'met' : 'source-unknown';
  }
  if (taintMet(taint, match, language, cache)) return 'met';
  return taintMet(relaxed, match, language, cache) ? 'source-unknown' : null;
}

/** Every metavariable's weaker requirement is met whenever its full one is. */
function impliesWeaker(full: Record<string, TaintLevel>, weaker: Record<string, TaintLevel>): boolean {
  return Object.entries(weaker).every(([name, level]) => full[name] !== undefined && impliesLevel(full[name], level));
}

function taintMet(taint: Record<string, TaintLevel>, match: SgNode, language: AstRule['language'], cache: TaintCache): boolean {
  for (const [name, level] of Object.entries(taint)) {
    const node = match.getMatch(name);
    // An unbound metavariable (an `any` branch without it) sets no requirement.
    if (node && !meetsTaint(node, level, language, cache)) return false;
  }
  return true;
}

/** The match's first line (1-based) when the match touches an added line, else undefined. */
function reportLine(match: SgNode, added: ReadonlySet<number> | undefined): number | undefined {
  const { start, end } = match.range();
  if (!added) return start.line + 1;
  for (let line = start.line + 1; line <= end.line + 1; line++) if (added.has(line)) return start.line + 1;
  return undefined;
}

/** More than half of the text sits in ERROR nodes: not this language, or badly broken. */
function mostlyErrors(top: SgNode, length: number): boolean {
  if (length === 0) return false;
  let inErrors = 0;
  for (const error of top.findAll({ rule: { kind: 'ERROR' } })) {
    const { start, end } = error.range();
    inErrors += end.index - start.index;
    if (inErrors > length / 2) return true;
  }
  return false;
}

function astFinding(rule: AstRule, path: string, line: number, verdict: 'met' | 'source-unknown'): Finding {
  const weaker = verdict === 'source-unknown' ? rule.metadata.sourceUnknown : undefined;
  return {
    severity: SEVERITY_OF[weaker?.severity ?? rule.severity],
    category: rule.metadata.category,
    title: rule.metadata.title,
    body: `${weaker?.message ?? rule.message} ${rule.metadata.fix}`,
    path,
    line,
    endLine: null,
    suggestion: null,
    source: { kind: 'rule', id: rule.id, url: ruleLink(ruleDocUrl(rule.id), rule.metadata.reference) },
  };
}
