import { parseMarkdown } from '../markdown/parseMarkdown.js';
import { sourceOfRun } from '../markdown/markdownTree.js';

export interface MarkdownSection {
  level: number;
  heading: string;
  /** The lines between this heading and the next heading of any level. */
  lines: string[];
}

/**
 * Top-level ATX headings of a Markdown text (as parsed: a `#` line in code is text) with the lines under
 * each. Setext headings stay text: an ADR's `---` rule under a line is not a heading to this reader.
 */
export function markdownSections(text: string): MarkdownSection[] {
  const lines = text.split('\n');
  const sections: MarkdownSection[] = [];
  let current: MarkdownSection = { level: 0, heading: '', lines: [] };
  let from = 0;
  for (const node of parseMarkdown(text).children) {
    if (node.type !== 'heading' || !node.position) continue;
    const line = node.position.start.line - 1;
    if (!/^ {0,3}#/.test(lines[line] ?? '')) continue;
    current.lines = lines.slice(from, line);
    sections.push(current);
    current = { level: node.depth, heading: sourceOfRun(text, node.children).trim(), lines: [] };
    from = node.position.end.line;
  }
  current.lines = lines.slice(from);
  sections.push(current);
  return sections;
}
