/** A rule's parts as ast-grep takes them. */
export interface RuleParts {
  rule: Record<string, unknown>;
  constraints?: Record<string, unknown>;
  utils?: Record<string, unknown>;
}

type RuleObject = Record<string, unknown>;
/** A sub-rule that matches no node of the file, or one that matches every node (and binds nothing). */
const NEVER = 'never';
const ALWAYS = 'always';
type Pruned = RuleObject | typeof NEVER | typeof ALWAYS;

const RELATIONAL = ['has', 'inside', 'follows', 'precedes'];
/** Keys of a relational rule that say where to look, not what: kept as they are. */
const PLACEMENT = new Set(['stopBy', 'field']);

/**
 * The rule with what cannot match in this file taken out, or null when the whole rule cannot match.
 * `absent(regex)` says a regex matches no text of the file, so no node (whose text is a slice of the file)
 * satisfies it: a rule object holding it matches nothing (NEVER), a `not` of it holds everywhere and goes,
 * an `any` drops that branch, an `all` or a relational rule (`has`, `inside`, ...) holding a NEVER is
 * NEVER too, and so is a `matches` of a util that is. Utils no longer named are left out. A constraint
 * that holds everywhere goes, and so does one on a metavariable no pattern binds any more (ast-grep checks
 * constraints only on bound metavariables and refuses one it cannot bind).
 *
 * Why: ast-grep compiles every regex of the rule (utils and constraints included) on every search, and
 * a rule's alternatives rarely all occur in one file (sql-injection's `.query(...)` form and its
 * `db.exec(...)` form). Same matches and same bindings: what goes never matched (or always held and
 * bound nothing). `stopBy` and `nthChild` rules are kept as written.
 */
export function pruneAbsent(parts: RuleParts, absent: (regex: string) => boolean): RuleParts | null {
  const utils = parts.utils ?? {};
  const prunedUtils = new Map<string, Pruned>();
  const visiting = new Set<string>();

  const utilOf = (name: string): Pruned | undefined => {
    const known = prunedUtils.get(name);
    if (known) return known;
    const body = utils[name];
    // A util that refers back to itself, or an unknown one, is kept as written (ast-grep judges it).
    if (visiting.has(name) || !isObject(body)) return undefined;
    visiting.add(name);
    const pruned = prune(body);
    visiting.delete(name);
    prunedUtils.set(name, pruned);
    return pruned;
  };

  /** `placed`: a relational rule's object, whose `stopBy` and `field` say where to look and stay as they are. */
  const prune = (node: RuleObject, placed = false): Pruned => {
    const out: RuleObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (placed && PLACEMENT.has(key)) {
        out[key] = value;
      } else if (key === 'regex' && typeof value === 'string') {
        if (absent(value)) return NEVER;
        out[key] = value;
      } else if (RELATIONAL.includes(key) && isObject(value)) {
        const inner = prune(value, true);
        if (inner === NEVER) return NEVER;
        // One left with no condition but its placement still asks for a node there: kept as written.
        out[key] = inner === ALWAYS || Object.keys(inner).every((k) => PLACEMENT.has(k)) ? value : inner;
      } else if (key === 'not' && isObject(value)) {
        const inner = prune(value);
        if (inner === ALWAYS) return NEVER;
        if (inner !== NEVER) out[key] = inner;
      } else if (key === 'all' && Array.isArray(value)) {
        const members: unknown[] = [];
        for (const member of value) {
          const inner = isObject(member) ? prune(member) : member;
          if (inner === NEVER) return NEVER;
          if (inner !== ALWAYS) members.push(inner);
        }
        if (members.length > 0) out[key] = members;
      } else if (key === 'any' && Array.isArray(value)) {
        const members: unknown[] = [];
        for (const member of value) {
          const inner = isObject(member) ? prune(member) : member;
          // A branch that always holds stays as written: it still decides which branch binds.
          if (inner !== NEVER) members.push(inner === ALWAYS ? member : inner);
        }
        if (members.length === 0) return NEVER;
        out[key] = members;
      } else if (key === 'matches' && typeof value === 'string') {
        const util = utilOf(value);
        if (util === NEVER) return NEVER;
        if (util !== ALWAYS) out[key] = value;
      } else {
        out[key] = value;
      }
    }
    return Object.keys(out).length === 0 ? ALWAYS : out;
  };

  const body = prune(parts.rule);
  if (body === NEVER) return null;
  const rule = body === ALWAYS ? parts.rule : body;

  let constraints: RuleObject | undefined;
  for (const [name, condition] of Object.entries(parts.constraints ?? {})) {
    const inner = isObject(condition) ? prune(condition) : condition;
    if (inner === ALWAYS) continue;
    constraints ??= {};
    // One that never holds rejects every match that binds its metavariable: kept as written.
    constraints[name] = inner === NEVER ? condition : inner;
  }

  // The utils still named anywhere (a `stopBy` or a kept-as-written part may name one pruning did not visit).
  const kept = (name: string) => keptUtil(utils[name], prunedUtils.get(name));
  const used = namedUtils({ rule, constraints }, utils, kept);
  const keptUtils = used.size > 0 ? Object.fromEntries([...used].map((name) => [name, kept(name)])) : undefined;

  if (constraints) {
    const bound = patternText({ rule, utils: keptUtils, constraints });
    for (const name of Object.keys(constraints)) if (!new RegExp(`\\$${name}(?![A-Z0-9_])`).test(bound)) delete constraints[name];
    if (Object.keys(constraints).length === 0) constraints = undefined;
  }
  return { rule, ...(constraints ? { constraints } : {}), ...(keptUtils ? { utils: keptUtils } : {}) };
}

/** A util in its pruned form when that is a rule; as written when it never or always holds (still named somewhere pruning kept). */
function keptUtil(original: unknown, pruned: Pruned | undefined): unknown {
  return pruned === undefined || pruned === NEVER || pruned === ALWAYS ? original : pruned;
}

/** The names of the utils a rule refers to, directly or through other utils. */
function namedUtils(value: unknown, utils: Record<string, unknown>, kept: (name: string) => unknown): Set<string> {
  const names = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) {
      for (const [key, x] of Object.entries(v)) {
        if (key === 'matches' && typeof x === 'string' && x in utils && !names.has(x)) {
          names.add(x);
          visit(kept(x));
        } else visit(x);
      }
    }
  };
  visit(value);
  return names;
}

/** Every pattern, selector and context string of the rule, joined: where metavariables get bound. */
function patternText(value: unknown): string {
  if (Array.isArray(value)) return value.map(patternText).join('\n');
  if (!isObject(value)) return '';
  return Object.entries(value)
    .map(([key, v]) => (typeof v === 'string' ? (key === 'pattern' || key === 'selector' || key === 'context' ? v : '') : patternText(v)))
    .join('\n');
}

function isObject(value: unknown): value is RuleObject {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
