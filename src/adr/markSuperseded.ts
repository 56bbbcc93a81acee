import { parse, stringify } from 'yaml';
import { parseMarkdown } from '../markdown/parseMarkdown.js';
import { sourceOfRun } from '../markdown/markdownTree.js';

const OPEN = /^(\uFEFF?)---[ \t]*\n/;
const CLOSE = /\n---[ \t]*(?:\n|$)/;

/**
 * An ADR file's text with its status set to `superseded` and a link to the record that replaces it:
 * in the front matter when the file has one (this tool's and MADR 3's layout), in the `## Status`
 * section for adr-tools' layout, or in new front matter otherwise. The body is left as written.
 */
export function markSuperseded(text: string, byNumber: number, byFile: string): string {
  const src = text.replace(/\r\n?/g, '\n');
  const open = OPEN.exec(src);
  if (open) {
    const start = open[0].length;
    const close = CLOSE.exec(src.slice(start - 1));
    if (close) {
      const yamlText = src.slice(start, start - 1 + close.index);
      const rest = src.slice(start - 1 + close.index + close[0].length);
      try {
        const value: unknown = parse(yamlText, { schema: 'core', maxAliasCount: 50, logLevel: 'silent' });
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          const data = { ...(value as Record<string, unknown>), status: 'superseded' } as Record<string, unknown>;
          const previous = Array.isArray(data.superseded_by ?? data['superseded-by']) ? ((data.superseded_by ?? data['superseded-by']) as unknown[]) : [];
          delete data['superseded-by'];
          data.superseded_by = [...new Set([...previous, byNumber])];
          return `${open[1] ?? ''}---\n${stringify(data, { lineWidth: 0 })}---\n${rest}`;
        }
      } catch {
        // Unreadable front matter: fall through to the section or a new block.
      }
    }
  }
  const lines = src.split('\n');
  // The `## Status` section, to the next heading, as parsed (a heading in code is text).
  const headings = parseMarkdown(src).children.filter((n) => n.type === 'heading' && /^ {0,3}#/.test(lines[n.position!.start.line - 1] ?? ''));
  const at = headings.findIndex((n) => n.type === 'heading' && n.depth === 2 && sourceOfRun(src, n.children).trim().toLowerCase() === 'status');
  if (at !== -1) {
    const status = headings[at]!.position!.start.line - 1;
    const next = headings[at + 1];
    const end = next ? next.position!.start.line - 1 : lines.length;
    const pad = String(byNumber).padStart(4, '0');
    lines.splice(status + 1, end - status - 1, '', `Superseded by [${pad}](${byFile})`, '');
    return lines.join('\n');
  }
  return `---\n${stringify({ status: 'superseded', superseded_by: [byNumber] }, { lineWidth: 0 })}---\n${src}`;
}
