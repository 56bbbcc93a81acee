import type { SgNode } from '@ast-grep/napi';

/** Every field present from the start: one object shape for all, so reading them stays a fixed-offset load. */
class Facts {
  kind: string | undefined = undefined;
  text: string | undefined = undefined;
  children: SgNode[] | undefined = undefined;
  named: SgNode[] | undefined = undefined;
  parent: SgNode | null | undefined = undefined;
  start: number | undefined = undefined;
  end: number | undefined = undefined;
}

/**
 * A node's kind, text, children, parent and span, each read once from the native tree. Every SgNode call
 * crosses into Rust and allocates (a string, an array of new nodes), and the taint walks ask the same node
 * the same thing several times (a string is looked at by `built`, then by `fromRequest`, then walked for
 * names). Meant for one parsed file, shared by every question on it: the tree is not changed meanwhile.
 * Facts are found by the node object first, then by the node's id: each `parent()` call returns a new
 * object for the same node, and a walk up to the enclosing function from one match meets the parents
 * another walk already read (an id costs a fifth of a `parent()` call).
 */
export class NodeFacts {
  private readonly byObject = new Map<SgNode, Facts>();
  private readonly byId = new Map<number, Facts>();

  private of(node: SgNode): Facts {
    let facts = this.byObject.get(node);
    if (!facts) {
      const id = node.id();
      facts = this.byId.get(id);
      if (!facts) {
        facts = new Facts();
        this.byId.set(id, facts);
      }
      this.byObject.set(node, facts);
    }
    return facts;
  }

  kind(node: SgNode): string {
    const facts = this.of(node);
    return (facts.kind ??= String(node.kind()));
  }

  text(node: SgNode): string {
    const facts = this.of(node);
    return (facts.text ??= node.text());
  }

  children(node: SgNode): SgNode[] {
    const facts = this.of(node);
    return (facts.children ??= node.children());
  }

  /** The named children (no punctuation or keywords). */
  named(node: SgNode): SgNode[] {
    const facts = this.of(node);
    return (facts.named ??= this.children(node).filter((c) => c.isNamed()));
  }

  parent(node: SgNode): SgNode | null {
    const facts = this.of(node);
    if (facts.parent === undefined) facts.parent = node.parent();
    return facts.parent;
  }

  /** Where the node starts in the source (a character index). */
  start(node: SgNode): number {
    const facts = this.of(node);
    if (facts.start === undefined) this.span(node, facts);
    return facts.start as number;
  }

  /** Where the node ends in the source (a character index, exclusive). */
  end(node: SgNode): number {
    const facts = this.of(node);
    if (facts.end === undefined) this.span(node, facts);
    return facts.end as number;
  }

  private span(node: SgNode, facts: Facts): void {
    const { start, end } = node.range();
    facts.start = start.index;
    facts.end = end.index;
  }
}
