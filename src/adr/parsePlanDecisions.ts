import type { List, ListItem, RootContent } from 'mdast';
import type { ProposedDecision } from '../domain/planSchema.js';
import { parseMarkdown } from '../markdown/parseMarkdown.js';
import { sourceOf, walk } from '../markdown/markdownTree.js';

/** The title line renderPlan writes after the task box (see decisionCheckbox.ts); the number is 1-based. */
const HEAD = /^Record as ADR (\d{1,6}): (.*)$/;
const MAX_DECISIONS = 50;

/** Undo the escapes safeLine puts at the start of a line (`\#`, `\-`, `1\.`). */
function unescapeLine(text: string): string {
  return text.replace(/^\\([#+*-])/, '$1').replace(/^(\d{1,9})\\([.)])/, '$1$2').trim();
}

/** The source of block nodes inside a list item, its indentation removed. */
function blockText(body: string, nodes: RootContent[], indent: number): string {
  return nodes
    .map((node) => {
      const lines = body.split('\n').slice(node.position!.start.line - 1, node.position!.end.line);
      return lines.map((l) => l.slice(Math.min(indent, /^ */.exec(l)![0].length))).join('\n');
    })
    .join('\n\n')
    .trim();
}

const isHtml = (node: RootContent | undefined, tag: RegExp) => node?.type === 'html' && tag.test(node.value.trim());

/** A decision item: its title paragraph, then the decision, then a `<details>` block with the rationale and the alternatives. */
function parseItem(body: string, item: ListItem, title: string): ProposedDecision {
  const rest = item.children.slice(1) as RootContent[];
  const indent = (item.children[0]?.position?.start.column ?? 1) - 1 - 4; // the `[ ] ` box sits before the title
  const open = rest.findIndex((n) => isHtml(n, /^<details>/));
  const decision = blockText(body, open === -1 ? rest : rest.slice(0, open), indent);
  let rationale = '';
  const alternatives: string[] = [];
  if (open !== -1) {
    const inner = rest.slice(open + 1);
    const close = inner.findIndex((n) => isHtml(n, /^<\/details>$/));
    const why = close === -1 ? inner : inner.slice(0, close);
    const alt = why.findIndex((n) => n.type === 'paragraph' && sourceOf(body, n).trim() === '**Alternatives considered**');
    rationale = blockText(body, alt === -1 ? why : why.slice(0, alt), indent);
    const list = alt === -1 ? undefined : why.slice(alt + 1).find((n): n is List => n.type === 'list');
    for (const option of list?.children ?? []) {
      const first = option.children[0];
      if (first?.type === 'paragraph') alternatives.push(unescapeLine(sourceOf(body, first)));
    }
  }
  return { title: unescapeLine(title), decision, rationale, alternatives };
}

/**
 * The proposed decisions of a plan comment, by their 1-based number, read back from the parsed Markdown
 * renderPlan writes: a task item whose first line is the title, with the decision and a `<details>`
 * block (rationale, alternatives) inside the item. Text outside the item is not read; a box in code is
 * not an item. (Fallback for comments older than the decisions in the marker.)
 */
export function parsePlanDecisions(body: string): Map<number, ProposedDecision> {
  const text = String(body).replace(/\r\n?/g, '\n');
  const out = new Map<number, ProposedDecision>();
  walk(parseMarkdown(text), (node) => {
    if (out.size >= MAX_DECISIONS) return false;
    if (node.type !== 'listItem' || node.checked === null || node.checked === undefined) return;
    const first = node.children[0];
    const m = first?.type === 'paragraph' ? HEAD.exec(sourceOf(text, first).split('\n')[0] ?? '') : null;
    if (!m?.[1] || m[2] === undefined) return;
    const n = Number(m[1]);
    if (!out.has(n)) out.set(n, parseItem(text, node, m[2]));
    return false;
  });
  return out;
}
