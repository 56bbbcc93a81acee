import type { SgNode } from '@ast-grep/napi';
import { escapeName } from './escapeName.js';
import type { NodeFacts } from './NodeFacts.js';

/** Java's collection types whose reads are replayed: a list by index, a map by key. */
const LIST = /^(?:java\.util\.)?(?:List|ArrayList|LinkedList|Vector)\b/;
const MAP = /^(?:java\.util\.)?(?:Map|HashMap|LinkedHashMap|TreeMap|Hashtable)\b/;
/** What else may be asked of the collection without changing it or letting it out of sight. */
const READS = /^(?:get|size|isEmpty|contains|containsKey|containsValue)$/;
const INDEX = /^\d{1,4}$/;
/** A key written as a literal: a string (`"keyA"`, Python's `'keyA'`, Java's `'c'`) or a number. */
const LITERAL_KEY = /^(?:"[^"\\]*"|'[^'\\]*'|\d{1,9})$/;

/**
 * The value a read of a local list or map gives back (Java's `valuesList.get(1)`, `(String) map.get("keyA")`;
 * Go's and Python's `m["keyA"]`, see indexedElement), found by replaying what the function did to the
 * collection before the read: the `add`, `add(i, x)`, `set`, `remove(i)`, `put`, `remove(key)` and `clear`
 * calls, in order. The argument node that was stored is the value; for a key never put (null at run
 * time), the key's own literal stands in for that constant. Undefined whenever the replay could be wrong:
 * the collection is not a fresh local `new ArrayList<>()`/`new HashMap<>()`, a change to it is conditional
 * (not a statement of the block that declares it), an index or key is not a literal, or the collection is
 * used any other way (passed to a call, iterated, copied).
 */
export function collectionElement(read: SgNode, scope: SgNode, facts: NodeFacts): SgNode | undefined {
  const call = unwrap(read, facts);
  const indexed = INDEXED[facts.kind(call)];
  if (indexed) return indexedElement(call, scope, facts, indexed);
  if (facts.kind(call) !== 'method_invocation' || call.field('name')?.text() !== 'get') return undefined;
  const receiver = call.field('object');
  const wanted = onlyArgument(call, facts);
  if (!receiver || facts.kind(receiver) !== 'identifier' || !wanted || !LITERAL_KEY.test(facts.text(wanted))) return undefined;
  const uses = usesOfFresh(scope, facts.text(receiver), JAVA_DECLARES, facts);
  if (!uses) return undefined;
  const declarations = uses.filter((u) => isDeclaredName(u, facts));
  if (declarations.length !== 1) return undefined;
  const declarator = facts.parent(declarations[0] as SgNode) as SgNode;
  const kind = collectionKind(declarator, facts);
  const block = facts.parent(facts.parent(declarator) as SgNode);
  if (!kind || !block) return undefined;
  const readAt = facts.start(call);
  const changes: SgNode[] = [];
  for (const use of uses) {
    if (use === declarations[0]) continue;
    const invocation = facts.parent(use);
    if (!invocation || facts.kind(invocation) !== 'method_invocation' || invocation.field('object')?.id() !== use.id()) return undefined;
    const method = invocation.field('name')?.text() ?? '';
    if (READS.test(method)) continue;
    // A change: a statement of its own in the declaring block, so it runs once, in order, before what follows.
    const statement = facts.parent(invocation);
    if (!statement || facts.kind(statement) !== 'expression_statement' || facts.parent(statement)?.id() !== block.id()) return undefined;
    if (facts.start(invocation) < readAt) changes.push(invocation);
  }
  return kind === 'list' ? replayList(changes, facts, wanted) : replayMap(changes, facts, wanted);
}

function replayList(changes: readonly SgNode[], facts: NodeFacts, wanted: SgNode): SgNode | undefined {
  const items: SgNode[] = [];
  for (const change of changes) {
    const method = change.field('name')?.text();
    const args = argumentsOf(change, facts);
    const index = args.length > 0 && INDEX.test(facts.text(args[0] as SgNode)) ? Number(facts.text(args[0] as SgNode)) : undefined;
    if (method === 'add' && args.length === 1) items.push(args[0] as SgNode);
    else if (method === 'add' && args.length === 2 && index !== undefined && index <= items.length) items.splice(index, 0, args[1] as SgNode);
    else if (method === 'set' && args.length === 2 && index !== undefined && index < items.length) items[index] = args[1] as SgNode;
    // `remove(0)` by position; `remove("x")` would be by value, not replayed.
    else if (method === 'remove' && args.length === 1 && index !== undefined && index < items.length) items.splice(index, 1);
    else if (method === 'clear' && args.length === 0) items.length = 0;
    else return undefined;
  }
  const text = facts.text(wanted);
  // Out of range throws at run time: left to the general rule.
  return INDEX.test(text) && Number(text) < items.length ? (items[Number(text)] as SgNode) : undefined;
}

function replayMap(changes: readonly SgNode[], facts: NodeFacts, wanted: SgNode): SgNode | undefined {
  const values = new Map<string, SgNode>();
  for (const change of changes) {
    const method = change.field('name')?.text();
    const args = argumentsOf(change, facts);
    const key = args[0] && LITERAL_KEY.test(facts.text(args[0])) ? keyOf(facts.text(args[0])) : undefined;
    if (method === 'put' && args.length === 2 && key !== undefined) values.set(key, args[1] as SgNode);
    else if (method === 'remove' && args.length === 1 && key !== undefined) values.delete(key);
    else if (method === 'clear' && args.length === 0) values.clear();
    else return undefined;
  }
  return values.get(keyOf(facts.text(wanted))) ?? wanted;
}

/** A map read and written by index (Go's `m["k"]`, Python's `d["k"]`): the node's fields, and how the map is made and a key deleted. */
interface Indexed {
  object: string;
  key: string;
  /** An empty map: Go's `make(map[string]string)` or `map[string]string{}`, Python's `{}` or `dict()`. */
  fresh: RegExp;
  /** The declaration of a fresh map named `name` (escaped), in the function's text (usesOfFresh). */
  declares: (name: string) => RegExp;
  /** A call that deletes a key, its map and key the first two arguments (Go's `delete(m, "k")`). */
  remove?: string;
}

const INDEXED: Record<string, Indexed> = {
  index_expression: { object: 'operand', key: 'index', fresh: /^(?:make\(\s*map\[[^\]]*\][^()]*\)|map\[[^\]]*\][\w.*[\]]+\s*\{\s*\})$/, declares: (name) => new RegExp(`\\b${name}\\s*:=\\s*(?:make\\(\\s*map|map\\[)`), remove: 'delete' },
  subscript: { object: 'value', key: 'subscript', fresh: /^(?:\{\s*\}|dict\(\s*\))$/, declares: (name) => new RegExp(`\\b${name}\\s*=\\s*(?:\\{\\s*\\}|dict\\(\\s*\\))`) },
};
const ASSIGNS = /^(?:assignment_statement|short_var_declaration|assignment|augmented_assignment)$/;
/** Statements that change an indexed value in place (`m["k"]++`, `del d["k"]`): not replayed. */
const CHANGES = /^(?:inc_statement|dec_statement|delete_statement)$/;

/**
 * `m["k"]` on a local map made empty in the function: replayed from the plain `m["k"] = v` statements of the
 * declaring block (and `delete(m, "k")`), keys string literals; any other use of the map (passed on,
 * ranged over, written under a condition, `m[k] += v`) leaves it undefined. A key never written reads
 * the zero value (Go) or raises (Python): its literal stands in for that constant.
 */
function indexedElement(read: SgNode, scope: SgNode, facts: NodeFacts, spec: Indexed): SgNode | undefined {
  const object = read.field(spec.object);
  const wanted = read.field(spec.key);
  if (!object || facts.kind(object) !== 'identifier' || !wanted || !LITERAL_KEY.test(facts.text(wanted))) return undefined;
  const uses = usesOfFresh(scope, facts.text(object), spec.declares, facts);
  if (!uses) return undefined;
  const readAt = facts.start(read);
  let block: SgNode | null = null;
  // Each change: the statement, its key, the value written (null: the key deleted).
  const writes: { statement: SgNode; key: string; value: SgNode | null }[] = [];
  for (const use of uses) {
    const parent = facts.parent(use);
    if (!parent) return undefined;
    const assignment = assignmentOf(use, facts);
    if (assignment && assignment.side === 'left') {
      // The declaration: the map's only plain assignment, an empty map.
      if (block || !assignment.value || !spec.fresh.test(facts.text(assignment.value).trim())) return undefined;
      block = statementParent(assignment.node, facts);
      continue;
    }
    if (spec.remove && facts.kind(parent) === 'argument_list' && facts.named(parent)[0]?.id() === use.id()) {
      const call = facts.parent(parent);
      const key = facts.named(parent)[1];
      if (!call || call.field('function')?.text() !== spec.remove || !key || !LITERAL_KEY.test(facts.text(key))) return undefined;
      writes.push({ statement: call, key: keyOf(facts.text(key)), value: null });
      continue;
    }
    if (INDEXED[facts.kind(parent)] !== spec || parent.field(spec.object)?.id() !== use.id()) return undefined;
    if (CHANGES.test(facts.kind(facts.parent(parent) ?? parent))) return undefined;
    const written = assignmentOf(parent, facts);
    if (!written || written.side === 'right') continue; // a read
    const key = parent.field(spec.key);
    if (written.side !== 'left' || !written.value || !written.plain || !key || !LITERAL_KEY.test(facts.text(key))) return undefined;
    writes.push({ statement: written.node, key: keyOf(facts.text(key)), value: written.value });
  }
  if (!block) return undefined;
  const values = new Map<string, SgNode>();
  for (const write of writes.sort((a, b) => facts.start(a.statement) - facts.start(b.statement))) {
    // A change that may not run, or runs again (a branch, a loop): not replayed.
    if (statementParent(write.statement, facts)?.id() !== block.id()) return undefined;
    if (facts.start(write.statement) >= readAt) continue;
    if (write.value) values.set(write.key, write.value);
    else values.delete(write.key);
  }
  return values.get(keyOf(facts.text(wanted))) ?? wanted;
}

/** A fresh Java list or map named `name` (escaped) being declared. */
const JAVA_DECLARES = (name: string): RegExp => new RegExp(`\\b${name}\\s*=\\s*new\\s+(?:java\\.util\\.)?(?:ArrayList|LinkedList|Vector|HashMap|LinkedHashMap|TreeMap|Hashtable)\\b`);

/**
 * Every use of the name in the function, when its text declares a fresh collection of that name; undefined
 * otherwise. The text first: most reads are of something else (`parts[1]`, `params.get("q")`), and the
 * search for the uses is a native call.
 */
function usesOfFresh(scope: SgNode, name: string, declares: (name: string) => RegExp, facts: NodeFacts): SgNode[] | undefined {
  const escaped = escapeName(name);
  if (!declares(escaped).test(facts.text(scope))) return undefined;
  return scope.findAll({ rule: { kind: 'identifier', regex: `^${escaped}$` } });
}

/** A literal key's value: `"keyA"` and `'keyA'` are the same key. */
function keyOf(text: string): string {
  return text.replace(/^["']|["']$/g, '');
}

/** The assignment a node is the whole target or value of (through Go's one-item expression lists); `plain` for `=`/`:=`. */
function assignmentOf(node: SgNode, facts: NodeFacts): { node: SgNode; side: 'left' | 'right'; value: SgNode | null; plain: boolean } | undefined {
  let at = node;
  let parent = facts.parent(node);
  if (parent && facts.kind(parent) === 'expression_list') {
    if (facts.named(parent).length !== 1) return undefined;
    at = parent;
    parent = facts.parent(parent);
  }
  if (!parent || !ASSIGNS.test(facts.kind(parent))) return undefined;
  const left = parent.field('left');
  const right = parent.field('right');
  const side = left?.id() === at.id() ? 'left' : right?.id() === at.id() ? 'right' : undefined;
  if (!side) return undefined;
  const value = right && facts.kind(right) === 'expression_list' ? (facts.named(right).length === 1 ? (facts.named(right)[0] as SgNode) : null) : right;
  const operator = facts.children(parent).find((c) => !c.isNamed())?.text() ?? '';
  return { node: parent, side, value, plain: operator === '=' || operator === ':=' };
}

/** The block a statement is directly in (through the `expression_statement` that wraps a call or a Python assignment). */
function statementParent(statement: SgNode, facts: NodeFacts): SgNode | null {
  const parent = facts.parent(statement);
  return parent && facts.kind(parent) === 'expression_statement' ? facts.parent(parent) : parent;
}

/** `(String) m.get(k)`, `(m.get(k))`, Go's one-item list: the read itself. */
function unwrap(node: SgNode, facts: NodeFacts): SgNode {
  let at = node;
  for (;;) {
    const kind = facts.kind(at);
    const one = kind === 'parenthesized_expression' || (kind === 'expression_list' && facts.named(at).length === 1);
    const inner = kind === 'cast_expression' ? at.field('value') : one ? (facts.named(at)[0] ?? null) : null;
    if (!inner) return at;
    at = inner;
  }
}

function argumentsOf(call: SgNode, facts: NodeFacts): SgNode[] {
  const args = call.field('arguments');
  return args ? facts.named(args).filter((n) => !/comment/.test(facts.kind(n))) : [];
}

function onlyArgument(call: SgNode, facts: NodeFacts): SgNode | undefined {
  const args = argumentsOf(call, facts);
  return args.length === 1 ? args[0] : undefined;
}

/** The name of a local variable's declarator (`List<String> values = ...`). */
function isDeclaredName(id: SgNode, facts: NodeFacts): boolean {
  const parent = facts.parent(id);
  if (!parent || facts.kind(parent) !== 'variable_declarator' || parent.field('name')?.id() !== id.id()) return false;
  const declaration = facts.parent(parent);
  return !!declaration && facts.kind(declaration) === 'local_variable_declaration';
}

/** `list` or `map` for a fresh, empty collection (`new ArrayList<String>()`, `new HashMap<>(16)`); undefined otherwise. */
function collectionKind(declarator: SgNode, facts: NodeFacts): 'list' | 'map' | undefined {
  const value = declarator.field('value');
  if (!value || facts.kind(value) !== 'object_creation_expression') return undefined;
  const args = argumentsOf(value, facts);
  if (args.length > 1 || (args[0] && !INDEX.test(facts.text(args[0])))) return undefined;
  const type = value.field('type')?.text() ?? '';
  if (LIST.test(type)) return 'list';
  if (MAP.test(type)) return 'map';
  return undefined;
}
