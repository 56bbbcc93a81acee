import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/**
 * A Markdown body parsed the way GitHub renders it (CommonMark + GFM: tables, task lists, strikethrough,
 * autolinks), with source positions. The one Markdown parser of the product: what counts as prose, code
 * or a quote is decided here, never by a hand-written scanner.
 */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, OPTIONS);
}

// Built once: `gfm()` combines its six syntax extensions on every call, which cost more than parsing a
// short finding. Extensions are configuration that the parser only reads (remark reuses them likewise).
const OPTIONS = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };
