import type { SgNode } from '@ast-grep/napi';
import type { NodeFacts } from './NodeFacts.js';

/** A class named by Java's conventions, optionally behind its package: `Utils`, `org.acme.helpers.Utils`. */
const TYPE_PATH = /^(?:[a-z_$][\w$]*\.)*[A-Z][\w$]*$/;

/**
 * Java: when the identifier is part of the class a static method is called on (`Utils.quote(x)`,
 * `org.acme.Utils.quote(x)`, `System.getenv("HOME")`), the leftmost identifier of that class name (the
 * class, or its package's first segment); undefined otherwise. A class is a type, not a value: what the
 * call returns depends on its arguments (which are still read), not on the name it is called on. The
 * caller checks that the leftmost name is not a local variable or a parameter (`config.Settings.get()`).
 */
export function typeReceiver(id: SgNode, facts: NodeFacts): SgNode | undefined {
  let top = id;
  for (let parent = facts.parent(top); parent && facts.kind(parent) === 'field_access'; parent = facts.parent(top)) top = parent;
  const call = facts.parent(top);
  if (!call || facts.kind(call) !== 'method_invocation' || call.field('object')?.id() !== top.id()) return undefined;
  if (!TYPE_PATH.test(facts.text(top))) return undefined;
  let leftmost: SgNode | null = top;
  while (leftmost && facts.kind(leftmost) === 'field_access') leftmost = leftmost.field('object');
  return leftmost && facts.kind(leftmost) === 'identifier' ? leftmost : undefined;
}
