import type { AstRule } from './AstRule.js';

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
    const regexes = [...new Set(required(rule.rule, rule.utils ?? {}, 0))].map(toJsRegex).filter((r): r is RegExp => r !== null);
    cached = regexes.length > 0 ? { test: (source) => regexes.every((r) => r.test(source)) } : null;
    cache.set(rule, cached);
  }
  return cached ?? undefined;
}

/** Every regex the rule requires (ast-grep syntax); an `any` counts as one, the first of each branch joined. */
function required(node: unknown, utils: Record<string, unknown>, depth: number): string[] {
  if (!node || typeof node !== 'object' || depth > 8) return [];
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

/** ast-grep's (Rust) regex as a JavaScript one over the whole source: anchors dropped, case folded when any part asks. */
function toJsRegex(source: string): RegExp | null {
  // Case-insensitive for the whole test when any part is: still a necessary condition.
  const insensitive = source.includes('(?i)');
  const body = source.replace(/\(\?i\)/g, '');
  if (/\(\?[a-z]/.test(body)) return null;
  const anchors = new Set([...syntaxIndexes(body)].filter((i) => body[i] === '^' || body[i] === '$'));
  const out = body
    .split('')
    .filter((_, i) => !anchors.has(i))
    .join('');
  try {
    return new RegExp(withoutEdgeDotStars(out), insensitive ? 'i' : '');
  } catch {
    return null;
  }
}

/**
 * The same search without a `.*` at either end of a top-level alternative (`(a|.*\bquery\(.*\)\.all)`):
 * in an unanchored search `.*x` finds a match exactly where `x` does, but makes the engine scan to the
 * end of the line and back from every position, which turned one rule's text test into most of its cost.
 */
export function withoutEdgeDotStars(regex: string): string {
  return topLevelAlternatives(regex)
    .map((alt) => {
      const group = wholeGroup(alt);
      if (group !== undefined) return `(?:${withoutEdgeDotStars(group)})`;
      return alt.replace(/^(?:\.\*\??)+/, '').replace(/(?<!\\)(?:\.\*\??)+$/, '') || '[\\s\\S]?';
    })
    .join('|');
}

/** The body of a group spanning the whole regex (`(...)`, `(?:...)`), else undefined. */
function wholeGroup(regex: string): string | undefined {
  if (!regex.startsWith('(') || !regex.endsWith(')')) return undefined;
  let depth = 0;
  for (const i of syntaxIndexes(regex)) {
    const c = regex[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0 && i < regex.length - 1) return undefined;
  }
  const body = regex.slice(1, -1);
  if (body.startsWith('?:')) return body.slice(2);
  return body.startsWith('?') ? undefined : body;
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
