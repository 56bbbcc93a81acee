import type { NapiConfig } from '@ast-grep/napi';
import { asciiCaseless, asciiRegex, mapRegexes } from './asciiRegex.js';
import type { AstRule } from './AstRule.js';
import { pruneAbsent, type RuleParts } from './pruneAbsent.js';
import { nonCapturing } from './nonCapturing.js';
import { fileText } from './fileText.js';
import { textRegex } from './rulePrefilter.js';
import { searchFromStart } from './searchFromStart.js';

export interface CompiledRule {
  config: NapiConfig;
  /** A condition on the whole file (`inside: { kind: program, ... }`), checked once instead of per candidate. */
  file?: NapiConfig;
}

const compiled = new WeakMap<AstRule, CompiledRule>();
const ROOT_KINDS = new Set(['program', 'module', 'source_file']);

/**
 * The rule as ast-grep takes it, prepared once per process for speed, with the same matches:
 * - regexes made ASCII (asciiRegex: ast-grep compiles them on every search, Unicode classes are slow) and
 *   case-insensitive ones searched from the start (searchFromStart: no case-variant prefilter to build),
 *   their groups non-capturing (nonCapturing);
 * - an `inside` the root kind (a key of the rule or a member of its top-level `all`) is a property of
 *   the file: checked once per file (and only when the rest of the rule found something) instead of once
 *   per candidate, which turns a quadratic rule (each route searching the whole file for a guarded one)
 *   into a linear one;
 * - `matches` first (matchesFirst);
 * - each search given only the utils it names (ast-grep compiles every util it is given).
 */
export function compileRule(rule: AstRule): CompiledRule {
  let c = compiled.get(rule);
  if (!c) {
    c = compileParts({ rule: rule.rule, constraints: rule.constraints, utils: rule.utils });
    compiled.set(rule, c);
  }
  return c;
}

/** Per rule: its regexes, and its compiled forms by which of them the file lacks (null: cannot match). */
const forFile = new WeakMap<AstRule, { regexes: string[]; variants: Map<string, CompiledRule | null> }>();

/**
 * compileRule for one file: without the parts that cannot match in it (pruneAbsent), so that ast-grep
 * does not compile their regexes. Undefined when the whole rule cannot match there. Files with a character
 * outside the BMP get the whole rule (the text test does not read those alike).
 */
export function compileRuleFor(rule: AstRule, source: string): CompiledRule | undefined {
  const text = fileText(source);
  if (text.outsideBmp) return compileRule(rule);
  let entry = forFile.get(rule);
  if (!entry) {
    entry = { regexes: [...new Set(regexesOf([rule.rule, rule.constraints, rule.utils]))], variants: new Map() };
    forFile.set(rule, entry);
  }
  const lacks = text.lacks;
  const absent = (regex: string): boolean => {
    let a = lacks.get(regex);
    if (a === undefined) {
      a = textRegex(regex)?.test(source) === false;
      lacks.set(regex, a);
    }
    return a;
  };
  const key = entry.regexes.map((r) => (absent(r) ? '1' : '0')).join('');
  if (!key.includes('1')) return compileRule(rule);
  let c = entry.variants.get(key);
  if (c === undefined) {
    const parts = pruneAbsent({ rule: rule.rule, constraints: rule.constraints, utils: rule.utils }, absent);
    c = parts && compileParts(parts);
    entry.variants.set(key, c);
  }
  return c ?? undefined;
}

function compileParts(parts: RuleParts): CompiledRule {
  const { rule: body, constraints, utils } = mapRegexes(parts, cheapRegex);
  const free = !bindsMetavariables({ body, utils });
  const order = (r: Record<string, unknown>) => (free ? matchesFirst(r) : r);
  const { rest, inside } = liftFileCondition(body);
  if (!inside) return { config: search({ rule: order(body), constraints, utils }) };
  const { stopBy: _stopBy, ...condition } = inside;
  return { config: search({ rule: order(rest), constraints, utils }), file: search({ rule: order(condition), utils }) };
}

/** The search as ast-grep takes it, with only the utils it names. */
function search(parts: RuleParts): NapiConfig {
  const { rule, constraints, utils } = pruneAbsent(parts, () => false) ?? parts;
  return { rule, constraints, utils } as NapiConfig;
}

function regexesOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) regexesOf(v, out);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'regex' && typeof v === 'string') out.push(v);
      else regexesOf(v, out);
    }
  }
  return out;
}

/** A rule regex in the form that is cheapest for ast-grep to compile, with the same matches. */
function cheapRegex(regex: string): string {
  return searchFromStart(nonCapturing(asciiCaseless(asciiRegex(regex))));
}

type RuleObject = Record<string, unknown>;

/**
 * The rule without its file condition: an `inside` of the root kind that names no metavariable, either a
 * key of the rule or a member (`stopBy: end`) of its top-level `all` (a conjunct there: taking it out changes neither
 * what matches nor what binds). Undefined `inside` when there is none.
 */
function liftFileCondition(body: RuleObject): { rest: RuleObject; inside?: RuleObject } {
  const { inside, ...rest } = body as { inside?: RuleObject };
  if (isFileCondition(inside)) return { rest, inside };
  const all = body.all;
  if (!Array.isArray(all)) return { rest: body };
  const at = all.findIndex((member) => {
    const keys = member && typeof member === 'object' ? Object.keys(member as object) : [];
    const inner = (member as { inside?: RuleObject }).inside;
    // Only `stopBy: end` (any ancestor): without it the root must be the direct parent, which the file test would not check.
    return keys.length === 1 && keys[0] === 'inside' && isFileCondition(inner) && inner.stopBy === 'end';
  });
  if (at < 0) return { rest: body };
  const members = all.filter((_, i) => i !== at);
  const lifted = (all[at] as { inside: RuleObject }).inside;
  return { rest: members.length > 0 ? { ...body, all: members } : omitAll(body), inside: lifted };
}

function isFileCondition(inside: RuleObject | undefined): inside is RuleObject {
  return !!inside && typeof inside.kind === 'string' && ROOT_KINDS.has(inside.kind) && !bindsMetavariables(inside);
}

function omitAll(body: RuleObject): RuleObject {
  const { all: _all, ...rest } = body;
  return rest;
}

/**
 * ast-grep checks a rule's keys in a fixed order, `matches` last: `{ matches: route-call, all: [...] }`
 * runs the `all` on every node of the file before asking whether the node is a route call at all. As
 * `all: [{ matches }, rest]` (evaluated in order) the cheap test goes first. Only for rules without
 * metavariables, where the order of the conjuncts cannot change what they bind.
 */
export function matchesFirst(rule: Record<string, unknown>): Record<string, unknown> {
  const { matches, ...rest } = rule;
  if (typeof matches !== 'string' || Object.keys(rest).length === 0) return rule;
  return { all: [{ matches }, rest] };
}

/** Whether any pattern of the rule names a metavariable (`$X`, `$$$ARGS`; regexes use `$` as an anchor, not counted). */
function bindsMetavariables(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(bindsMetavariables);
  if (!value || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, v]) => (key === 'pattern' || key === 'context' || key === 'selector') && typeof v === 'string' ? /\$[A-Z_]/.test(v) : bindsMetavariables(v));
}
