import type { SgNode } from '@ast-grep/napi';
import type { NodeFacts } from './NodeFacts.js';

/** The grammars whose member names are identifiers (C#'s `member_access_expression`, Kotlin's `navigation_expression`). */
export type ChainGrammar = 'csharp' | 'kotlin';

/**
 * The identifier a member chain starts at (`Path` for `Combine` in `Path.Combine(x)`, `name` for `Trim` in
 * `name.Trim()`, `Guid` for `ToString` in `Guid.NewGuid().ToString()`), when the identifier is part of one,
 * as a member name or as that start. C# and Kotlin name members with identifiers, but a member's value is
 * the object's: the start decides. Undefined when the identifier is in no chain, or the chain starts at
 * something else (`this.Command`, `items[0].Name`): then what the member holds is not known.
 */
export function memberChainRoot(id: SgNode, facts: NodeFacts, grammar: ChainGrammar): SgNode | undefined {
  const parent = facts.parent(id);
  if (!parent) return undefined;
  let at: SgNode | null | undefined;
  if (grammar === 'csharp') {
    if (facts.kind(parent) !== 'member_access_expression') return undefined;
    if (parent.field('expression')?.id() === id.id()) return id;
    if (parent.field('name')?.id() !== id.id()) return undefined;
    at = parent.field('expression');
  } else {
    if (facts.kind(parent) === 'navigation_expression') return facts.named(parent)[0]?.id() === id.id() ? id : undefined;
    const member = facts.kind(parent) === 'navigation_suffix' ? facts.parent(parent) : null;
    if (!member || facts.kind(member) !== 'navigation_expression') return undefined;
    at = facts.named(member)[0];
  }
  for (;;) {
    if (!at) return undefined;
    const kind = facts.kind(at);
    if (kind === 'identifier' || kind === 'simple_identifier') return at;
    if (kind === 'member_access_expression') at = at.field('expression');
    else if (kind === 'invocation_expression') at = at.field('function');
    else if (kind === 'navigation_expression' || kind === 'call_expression') at = facts.named(at)[0];
    else return undefined;
  }
}
