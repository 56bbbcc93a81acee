import type { SgNode } from '@ast-grep/napi';
import type { NodeFacts } from './NodeFacts.js';

/**
 * C#: the identifier a member chain starts at (`Path` for `Combine` in `Path.Combine(x)`, `name` for `Trim`
 * in `name.Trim()`, `Guid` for `ToString` in `Guid.NewGuid().ToString()`), when the identifier is part of
 * one, as a member name or as that start. C# names members with identifiers, but a member's value is the
 * object's: the start decides. Undefined when the identifier is in no chain, or the chain starts at
 * something else (`this.Command`, `items[0].Name`): then what the member holds is not known.
 */
export function memberChainRoot(id: SgNode, facts: NodeFacts): SgNode | undefined {
  const parent = facts.parent(id);
  if (!parent || facts.kind(parent) !== 'member_access_expression') return undefined;
  if (parent.field('expression')?.id() === id.id()) return id;
  if (parent.field('name')?.id() !== id.id()) return undefined;
  let at: SgNode | null = parent.field('expression');
  for (;;) {
    if (!at) return undefined;
    const kind = facts.kind(at);
    if (kind === 'identifier') return at;
    if (kind === 'member_access_expression') at = at.field('expression');
    else if (kind === 'invocation_expression') at = at.field('function');
    else return undefined;
  }
}
