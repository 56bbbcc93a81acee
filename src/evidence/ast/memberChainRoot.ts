import type { SgNode } from '@ast-grep/napi';
import type { NodeFacts } from './NodeFacts.js';

/**
 * The grammars whose member names are identifiers: Java's `field_access`, C#'s `member_access_expression`,
 * Kotlin's `navigation_expression`, Python's `attribute` (read through attributes only, not calls).
 */
export type ChainGrammar = 'java' | 'csharp' | 'kotlin' | 'python';

/** Per grammar, each member kind's object and name fields (Kotlin's, positional, are read by hand). */
const FIELDS: Record<Exclude<ChainGrammar, 'kotlin'>, Record<string, readonly [object: string, name: string | null]>> = {
  java: { field_access: ['object', 'field'], method_invocation: ['object', null] },
  csharp: { member_access_expression: ['expression', 'name'], invocation_expression: ['function', null] },
  python: { attribute: ['object', 'attribute'] },
};

/**
 * The identifier a member chain starts at (`Path` for `Combine` in `Path.Combine(x)`, `name` for `Trim` in
 * `name.Trim()`, `Guid` for `ToString` in `Guid.NewGuid().ToString()`), when the identifier is part of one,
 * as a member name or as that start. These grammars name members with identifiers, but a member's value is
 * the object's: the start decides. Undefined when the identifier is in no chain, or the chain starts at
 * something else (`this.command`, `items[0].Name`): then what the member holds is not known.
 */
export function memberChainRoot(id: SgNode, facts: NodeFacts, grammar: ChainGrammar): SgNode | undefined {
  const parent = facts.parent(id);
  if (!parent) return undefined;
  if (isObjectOf(parent, id, facts, grammar)) return id;
  let at: SgNode | null | undefined;
  if (grammar === 'kotlin') {
    const member = facts.kind(parent) === 'navigation_suffix' ? facts.parent(parent) : null;
    if (!member || facts.kind(member) !== 'navigation_expression') return undefined;
    at = objectOf(member, facts, grammar);
  } else {
    const name = FIELDS[grammar][facts.kind(parent)]?.[1];
    if (!name || parent.field(name)?.id() !== id.id()) return undefined;
    at = objectOf(parent, facts, grammar);
  }
  for (;;) {
    if (!at) return undefined;
    const kind = facts.kind(at);
    if (kind === 'identifier' || kind === 'simple_identifier') return at;
    at = objectOf(at, facts, grammar);
  }
}

/**
 * The whole chain a start begins (`org.acme.Utils.quote(x)` from `org`): the outermost member or call
 * whose object side leads down to it.
 */
export function memberChainFrom(root: SgNode, facts: NodeFacts, grammar: ChainGrammar): SgNode {
  let top = root;
  for (let up = facts.parent(top); up && isObjectOf(up, top, facts, grammar); up = facts.parent(top)) top = up;
  return top;
}

/** The object side of a member or call (undefined when the node is neither in this grammar). */
function objectOf(node: SgNode, facts: NodeFacts, grammar: ChainGrammar): SgNode | null | undefined {
  if (grammar === 'kotlin') return facts.kind(node) === 'navigation_expression' || facts.kind(node) === 'call_expression' ? facts.named(node)[0] : undefined;
  const fields = FIELDS[grammar][facts.kind(node)];
  return fields ? node.field(fields[0]) : undefined;
}

function isObjectOf(node: SgNode, child: SgNode, facts: NodeFacts, grammar: ChainGrammar): boolean {
  return objectOf(node, facts, grammar)?.id() === child.id();
}
