import type { AstRule } from './AstRule.js';

type RuleNode = Record<string, unknown>;

const cache = new WeakMap<AstRule, RegExp | null>();

/**
 * A text test every file must pass for the rule to possibly match, derived from the rule: any node the
 * rule requires (itself, or through `has`/`inside`/`follows`/`precedes`/`all`/`matches`, every branch of
 * `any`) with a `regex` puts that regex's text in the source. A plain string search over the source is
 * far cheaper than walking its tree, and most rules have nothing to find in most files.
 * Undefined when the rule requires no regex (the rule then always runs).
 */
export function rulePrefilter(rule: AstRule): RegExp | undefined {
  let cached = cache.get(rule);
  if (cached === undefined) {
    const source = required(rule.rule, rule.utils ?? {}, 0);
    cached = source ? toJsRegex(source) : null;
    cache.set(rule, cached);
  }
  return cached ?? undefined;
}

function required(node: unknown, utils: Record<string, unknown>, depth: number): string | undefined {
  if (!node || typeof node !== 'object' || depth > 8) return undefined;
  const r = node as RuleNode;
  if (typeof r.regex === 'string') return r.regex;
  for (const key of ['has', 'inside', 'follows', 'precedes']) {
    const found = required(r[key], utils, depth + 1);
    if (found) return found;
  }
  if (typeof r.matches === 'string') {
    const found = required(utils[r.matches], utils, depth + 1);
    if (found) return found;
  }
  if (Array.isArray(r.all)) {
    for (const member of r.all) {
      const found = required(member, utils, depth + 1);
      if (found) return found;
    }
  }
  if (Array.isArray(r.any) && r.any.length > 0) {
    const branches = r.any.map((b) => required(b, utils, depth + 1));
    if (branches.every((b): b is string => !!b)) {
      // Branches that share a util require the same text: test it once.
      const joined = [...new Set(branches)].map((b) => `(?:${stripFlags(b) ?? '[\\s\\S]'})`).join('|');
      // Case folding for all of it when any branch asks: still a necessary condition.
      return branches.some((b) => b.includes('(?i)')) ? `(?i)${joined}` : joined;
    }
  }
  return undefined;
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
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '\\') {
      out += c + (body[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c !== '^' && c !== '$') out += c;
  }
  try {
    return new RegExp(out, insensitive ? 'i' : '');
  } catch {
    return null;
  }
}
