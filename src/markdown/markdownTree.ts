import type { Nodes, Parents } from 'mdast';

/**
 * Visits `node` and its descendants in document order. `visit` returning false skips the node's
 * children (e.g. nothing inside a link when the link as a whole is replaced).
 */
export function walk(node: Nodes, visit: (node: Nodes, parent: Parents | undefined) => boolean | void, parent?: Parents): void {
  if (visit(node, parent) === false) return;
  if ('children' in node) for (const child of node.children) walk(child, visit, node);
}

/** `[start, end)` offsets of a node in the parsed text; undefined for a node without a position. */
export function span(node: Nodes): [number, number] | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : [start, end];
}

/** The source text of a node, as written (escapes and markup kept). */
export function sourceOf(text: string, node: Nodes): string {
  const at = span(node);
  return at ? text.slice(at[0], at[1]) : '';
}

/** The source of a run of sibling nodes, from the first one's start to the last one's end. */
export function sourceOfRun(text: string, nodes: readonly Nodes[]): string {
  const first = nodes[0] && span(nodes[0]);
  const last = nodes[nodes.length - 1] && span(nodes[nodes.length - 1]!);
  return first && last ? text.slice(first[0], last[1]) : '';
}
