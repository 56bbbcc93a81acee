import type { AstRule } from './AstRule.js';
import { fileText } from './fileText.js';
import { indexedTextRegex, readTextRegexIndex, type TextRegexIndex } from './textRegexIndex.js';

type RuleNode = Record<string, unknown>;

/** Text tests a file must all pass for a rule to possibly match. */
export interface TextTest {
  test(source: string): boolean;
}

const cache = new WeakMap<AstRule, TextTest | null>();

/**
 * A text test every file must pass for the rule to possibly match, derived from the rule: every node the
 * rule requires (itself, or through `has`/`inside`/`follows`/`precedes`/`all`/`matches`, one of the
 * branches of an `any`) with a `regex` puts that regex's text in the source, so the file must contain
 * the text of each. A plain string search over the source is far cheaper than a native search (whose
 * cost is mostly compiling the rule's regexes, per call), and most rules have nothing to find in most
 * files. Undefined when the rule requires no regex (the rule then always runs).
 */
export function rulePrefilter(rule: AstRule): TextTest | undefined {
  let cached = cache.get(rule);
  if (cached === undefined) {
    const regexes = ruleTextRegexes(rule);
    cached = regexes.length > 0 ? { test: (source) => fileText(source).outsideBmp || regexes.every((r) => r.test(source)) } : null;
    cache.set(rule, cached);
  }
  return cached ?? undefined;
}

/**
 * The JavaScript regexes of the text test, one per regex the rule requires. `trimEdges: false` gives the
 * plain translations, without withoutOptionalEdges: the oracle the tests hold the trimmed ones to.
 */
export function ruleTextRegexes(rule: AstRule, trimEdges = true): RegExp[] {
  return [...new Set(required(rule.rule, rule.utils ?? {}, 0))].map((r) => (trimEdges ? textRegex(r) : toJsRegex(r, false))).filter((r): r is RegExp => r !== null);
}

/**
 * Every text test the rules can ask for (their prefilters' and each of their regexes'), as the build
 * writes them (textRegexIndex).
 */
export function textRegexTable(rules: readonly AstRule[]): TextRegexIndex {
  const sources = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const v of value) walk(v);
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'regex' && typeof v === 'string') sources.add(v);
        else walk(v);
      }
    }
  };
  for (const rule of rules) {
    for (const r of required(rule.rule, rule.utils ?? {}, 0)) sources.add(r);
    walk([rule.rule, rule.constraints, rule.utils]);
  }
  const table: TextRegexIndex = {};
  for (const source of [...sources].sort()) {
    const regex = toJsRegex(source, true);
    table[source] = regex && [regex.source, regex.flags];
  }
  return table;
}

/**
 * Every regex the rule requires (ast-grep syntax); an `any` counts as one, the first of each branch joined.
 * Read 12 levels deep: a name bound through utils (command-injection.py's `from os import system as sh`)
 * nests its regexes that far; past the limit (a util naming itself) nothing more is required.
 */
function required(node: unknown, utils: Record<string, unknown>, depth: number): string[] {
  if (!node || typeof node !== 'object' || depth > 12) return [];
  const r = node as RuleNode;
  const found: string[] = [];
  if (typeof r.regex === 'string') found.push(r.regex);
  for (const key of ['has', 'inside', 'follows', 'precedes']) found.push(...required(r[key], utils, depth + 1));
  if (typeof r.matches === 'string') found.push(...required(utils[r.matches], utils, depth + 1));
  if (Array.isArray(r.all)) for (const member of r.all) found.push(...required(member, utils, depth + 1));
  if (Array.isArray(r.any) && r.any.length > 0) {
    const branches = r.any.map((b) => required(b, utils, depth + 1)[0]);
    if (branches.every((b): b is string => !!b)) {
      // Branches that share a util require the same text: test it once.
      const joined = [...new Set(branches)].map((b) => `(?:${stripFlags(b) ?? '[\\s\\S]'})`).join('|');
      // Case folding for all of it when any branch asks: still a necessary condition.
      found.push(branches.some((b) => b.includes('(?i)')) ? `(?i)${joined}` : joined);
    }
  }
  return found;
}

/** A leading `(?i)` is carried to the whole test; any other inline flag makes the branch match anything. */
function stripFlags(regex: string): string | undefined {
  const body = regex.startsWith('(?i)') ? regex.slice(4) : regex;
  return /\(\?[a-z]/.test(body) ? undefined : body;
}

/**
 * A JavaScript regex that finds a match in a file whenever ast-grep's regex matches the text of one of
 * its nodes (a slice of the file): a necessary condition, not the same regex. Null when the regex uses
 * syntax whose JavaScript reading could differ (the caller must then assume it may match).
 */
export function textRegex(regex: string): RegExp | null {
  let known = TEXT_REGEXES.get(regex);
  if (known === undefined) {
    builtTable ??= readTextRegexIndex() ?? null;
    const indexed = builtTable ? indexedTextRegex(builtTable, regex) : undefined;
    known = indexed !== undefined ? indexed : toJsRegex(regex, true);
    TEXT_REGEXES.set(regex, known);
  }
  return known;
}

/** The build's translations (textRegexIndex), read once; null when there is none. */
let builtTable: TextRegexIndex | null | undefined;

/** Translated once per process: every file of a review asks for the same few hundred rule regexes. */
const TEXT_REGEXES = new Map<string, RegExp | null>();

/** Escapes that mean the same in both dialects (JavaScript without the `u` flag), or more in JavaScript (`\\s`). */
const SAME_ESCAPES = /^[$()*+.?[\]\\{}|^/\-bdswBDWntr]$/;

/**
 * Whether the JavaScript reading of the regex (without the `u` flag) matches at least what Rust's does:
 * ASCII only, escapes of SAME_ESCAPES, no nested class or class operation (`[[`, `&&`, `--`, `~~`, which
 * JavaScript reads as literal text) and no `\\s` in a negated class (JavaScript's is wider, so its negation narrower).
 */
function readsAlike(body: string): boolean {
  if (/[^ -~\t\n\r]/.test(body)) return false;
  let inClass = false;
  let negated = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '\\') {
      const next = body[++i] ?? '';
      if (!SAME_ESCAPES.test(next) || (inClass && negated && next === 's')) return false;
    } else if (inClass) {
      if (c === '[' || ((c === '&' || c === '-' || c === '~') && body[i + 1] === c)) return false;
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      negated = body[i + 1] === '^';
      if (negated) i++;
      // A `]` first in a class is a literal `]` in Rust, the end of an empty class in JavaScript.
      if (body[i + 1] === ']') return false;
    }
  }
  return true;
}

/** ast-grep's (Rust) regex as a JavaScript one over the whole source: anchors dropped, case folded when any part asks. */
function toJsRegex(source: string, trimEdges: boolean): RegExp | null {
  // Case-insensitive for the whole test when any part is: still a necessary condition.
  const insensitive = source.includes('(?i)');
  const body = source.replace(/\(\?i\)/g, '');
  if (/\(\?[a-z]/.test(body)) return null;
  // Unicode classes, `\A`, `\z`, `\<`, nested classes, non-ASCII text: the dialects part ways, so no test.
  if (!readsAlike(body)) return null;
  const syntax = [...syntaxIndexes(body)];
  const anchors = new Set(syntax.filter((i) => body[i] === '^' || body[i] === '$'));
  // Rust's `.` takes a `\r`, JavaScript's does not.
  const dots = new Set(syntax.filter((i) => body[i] === '.'));
  const out = body
    .split('')
    .map((c, i) => (anchors.has(i) ? '' : dots.has(i) ? '[^\\n]' : c))
    .join('');
  try {
    return new RegExp(trimEdges ? withoutOptionalEdges(out) : out, insensitive ? 'i' : '');
  } catch {
    return null;
  }
}

/**
 * The same search without the parts at either end of a top-level alternative that may match nothing
 * (`.*`, `\w*`, `(this\.)?`), and with a `+` there taken once: in an unanchored search `X*Y` finds a match
 * exactly where `Y` does and `X+Y` exactly where `XY` does, but a leading `\w*` or `.*` makes the engine
 * scan and backtrack from every position (one rule's text test cost ~20 ms a review that way). Groups at
 * an end are trimmed on that side too. Rule regexes have no backreferences, so dropping a group changes
 * no numbering that matters.
 */
export function withoutOptionalEdges(regex: string): string {
  const trimmed = trimAlternatives(regex, true, true);
  return trimmed === '' ? '[\\s\\S]?' : trimmed;
}

function trimAlternatives(regex: string, lead: boolean, trail: boolean): string {
  return topLevelAlternatives(regex)
    .map((alt) => trimSequence(alt, lead, trail))
    .join('|');
}

interface Atom {
  /** The atom's text without its quantifier. */
  text: string;
  /** `*`, `+`, `?`, `{n,m}` (with a lazy `?`), or ''. */
  quantifier: string;
  /** A group's body when it is a plain or `(?:` group; undefined for anything else. */
  body?: string;
}

function trimSequence(alt: string, lead: boolean, trail: boolean): string {
  const atoms = atomsOf(alt);
  if (!atoms) return alt;
  let changed = false;
  if (lead) {
    while (atoms.length > 0 && optional(atoms[0] as Atom)) {
      atoms.shift();
      changed = true;
    }
  }
  if (trail) {
    while (atoms.length > 0 && optional(atoms.at(-1) as Atom)) {
      atoms.pop();
      changed = true;
    }
  }
  const edges = new Set<number>();
  if (lead && atoms.length > 0) edges.add(0);
  if (trail && atoms.length > 0) edges.add(atoms.length - 1);
  for (const i of edges) {
    const atom = atoms[i] as Atom;
    if (atom.quantifier.startsWith('+')) {
      atom.quantifier = '';
      changed = true;
    }
    if (atom.body === undefined || atom.quantifier !== '') continue;
    const inner = trimAlternatives(atom.body, lead && i === 0, trail && i === atoms.length - 1);
    if (inner !== atom.body) {
      atom.text = `(?:${inner})`;
      changed = true;
    }
  }
  return changed ? atoms.map((a) => a.text + a.quantifier).join('') : alt;
}

/** Zero repetitions allowed: the atom can be left out of an unanchored search at an end. */
function optional(atom: Atom): boolean {
  return /^(?:\*|\?|\{0(?:,\d*)?\})/.test(atom.quantifier);
}

/** The alternative as atoms with their quantifiers; undefined when it does not read as one (left as is). */
function atomsOf(alt: string): Atom[] | undefined {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < alt.length) {
    const c = alt[i] as string;
    let end: number;
    let body: string | undefined;
    if (c === '\\') {
      // `\p{L}`, `\x{41}`: the braces belong to the escape.
      const braced = /^\\[pPxu]\{[^}]*\}/.exec(alt.slice(i));
      end = i + (braced ? braced[0].length : 2);
    } else if (c === '[') {
      end = classEnd(alt, i);
    } else if (c === '(') {
      end = groupEnd(alt, i);
      const inner = alt.slice(i + 1, end - 1);
      body = inner.startsWith('?:') ? inner.slice(2) : inner.startsWith('?') ? undefined : inner;
    } else if (c === ')' || c === '|' || c === '*' || c === '+' || c === '?' || c === '{') {
      return undefined;
    } else {
      end = i + 1;
    }
    if (end < 0 || end > alt.length) return undefined;
    const quantifier = /^(?:[*+?]|\{\d+(?:,\d*)?\})\??/.exec(alt.slice(end))?.[0] ?? '';
    atoms.push({ text: alt.slice(i, end), quantifier, body });
    i = end + quantifier.length;
  }
  return atoms;
}

/** The index after the `]` closing the class opened at `from` (the same reading as syntaxIndexes), or -1. */
function classEnd(regex: string, from: number): number {
  for (let i = from + 1; i < regex.length; i++) {
    if (regex[i] === '\\') i++;
    else if (regex[i] === ']') return i + 1;
  }
  return -1;
}

/** The index after the `)` closing the group opened at `from`, or -1. */
function groupEnd(regex: string, from: number): number {
  let depth = 0;
  for (const i of syntaxIndexes(regex.slice(from))) {
    const c = regex[from + i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return from + i + 1;
  }
  return -1;
}

/** The regex split at its top-level `|` (outside groups and classes). */
function topLevelAlternatives(regex: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (const i of syntaxIndexes(regex)) {
    const c = regex[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(regex.slice(from, i));
      from = i + 1;
    }
  }
  out.push(regex.slice(from));
  return out;
}

/** Where the regex's own syntax is: every character that is not escaped and not inside a `[...]` class. */
function* syntaxIndexes(regex: string): Generator<number> {
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else yield i;
  }
}
