import type { SgNode } from '@ast-grep/napi';
import type { NodeFacts } from './NodeFacts.js';

/** Java's collection types whose reads are replayed: a list by index, a map by key. */
const LIST = /^(?:java\.util\.)?(?:List|ArrayList|LinkedList|Vector)\b/;
const MAP = /^(?:java\.util\.)?(?:Map|HashMap|LinkedHashMap|TreeMap|Hashtable)\b/;
/** What else may be asked of the collection without changing it or letting it out of sight. */
const READS = /^(?:get|size|isEmpty|contains|containsKey|containsValue)$/;
const INDEX = /^\d{1,4}$/;
const KEY = /^(?:"[^"\\]*"|\d{1,9}|'[^'\\]')$/;

/**
 * The value a read of a local list or map gives back (`valuesList.get(1)`, `(String) map.get("keyA")`),
 * found by replaying what the function did to the collection before the read: the `add`, `add(i, x)`,
 * `set`, `remove(i)`, `put`, `remove(key)` and `clear` calls, in order. The argument node that was
 * stored is the value; for a key never put (null at run time), the key's own literal stands in for that
 * constant. Undefined whenever the replay
 * could be wrong: the collection is not a fresh local `new ArrayList<>()`/`new HashMap<>()`, a change to it
 * is conditional (not a statement of the block that declares it), an index or key is not a literal, or
 * the collection is used any other way (passed to a call, iterated, copied).
 */
export function collectionElement(read: SgNode, scope: SgNode, facts: NodeFacts): SgNode | undefined {
  const call = unwrap(read, facts);
  if (facts.kind(call) !== 'method_invocation' || call.field('name')?.text() !== 'get') return undefined;
  const receiver = call.field('object');
  const wanted = onlyArgument(call, facts);
  if (!receiver || facts.kind(receiver) !== 'identifier' || !wanted || !KEY.test(facts.text(wanted))) return undefined;
  const name = facts.text(receiver);
  const uses = scope.findAll({ rule: { kind: 'identifier', regex: `^${name.replace(/\$/g, '\\$')}$` } });
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
    const key = args[0] && KEY.test(facts.text(args[0])) ? facts.text(args[0]) : undefined;
    if (method === 'put' && args.length === 2 && key !== undefined) values.set(key, args[1] as SgNode);
    else if (method === 'remove' && args.length === 1 && key !== undefined) values.delete(key);
    else if (method === 'clear' && args.length === 0) values.clear();
    else return undefined;
  }
  return values.get(facts.text(wanted)) ?? wanted;
}

/** `(String) m.get(k)`, `(m.get(k))`: the read itself. */
function unwrap(node: SgNode, facts: NodeFacts): SgNode {
  let at = node;
  for (;;) {
    const kind = facts.kind(at);
    const inner = kind === 'cast_expression' ? at.field('value') : kind === 'parenthesized_expression' ? (facts.named(at)[0] ?? null) : null;
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
