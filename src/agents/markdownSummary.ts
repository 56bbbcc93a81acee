import { parseMarkdown } from '../markdown/parseMarkdown.js';
import { sourceOf, sourceOfRun } from '../markdown/markdownTree.js';

const MAX_DESCRIPTION = 280;

/**
 * The agent name a heading implies: `# 🏗️ Backend Architect Agent` gives `Backend Architect`.
 * Leading decoration (emoji, symbols, undecodable mojibake) and a trailing "Agent" are dropped.
 */
export function headingName(heading: string): string | undefined {
  const words = heading.trim().split(/\s+/);
  // A word is decoration when it has no letter or digit, or carries a symbol/private-use character
  // (emoji, and the ∏ or Apple-logo characters that mojibaked emoji turn into).
  while (words.length > 1 && (!/[\p{L}\p{N}]/u.test(words[0] ?? '') || /[\p{S}\p{Co}]/u.test(words[0] ?? ''))) {
    words.shift();
  }
  if (words.length > 1 && /^agent$/i.test(words[words.length - 1] ?? '')) words.pop();
  const name = words.join(' ').replace(/^[*_`]+|[*_`]+$/g, '').trim();
  return name === '' ? undefined : name;
}

/** The name implied by the first top-level Markdown heading, if any (a `#` line in code is not one). */
export function firstHeadingName(markdown: string): string | undefined {
  for (const node of parseMarkdown(markdown).children) {
    if (node.type !== 'heading') continue;
    const name = headingName(sourceOfRun(markdown, node.children));
    if (name) return name;
  }
  return undefined;
}

/** The first top-level paragraph of prose (not a heading, list, table, quote, HTML, image or code), on one line. */
export function firstParagraph(markdown: string): string | undefined {
  const paragraph = parseMarkdown(markdown).children.find((node) => node.type === 'paragraph' && node.children[0]?.type !== 'image' && node.children[0]?.type !== 'html');
  if (!paragraph) return undefined;
  const text = sourceOf(markdown, paragraph).replace(/\s+/g, ' ').trim();
  if (text.length <= MAX_DESCRIPTION) return text;
  const cut = text.slice(0, MAX_DESCRIPTION);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : cut.length)}…`;
}
