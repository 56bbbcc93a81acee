import { isCommand, type Command } from '../domain/commands.js';
import type { PhrasingContent } from 'mdast';
import { parseMarkdown } from '../markdown/parseMarkdown.js';

export interface ParsedCommand {
  /** The command to run; unknown names become `help`. */
  command: Command;
  /** The name as typed, lower-cased ('' for a bare `/agency:`). */
  name: string;
  /** The rest of the command's line, trimmed. */
  args: string;
}

/** Only this much of a body is scanned: a comment can be 65,536 chars, and an issue body more. */
export const MAX_SCAN_CHARS = 64 * 1024;
/** At most this many commands are returned, so a pasted wall of commands cannot fan out work. */
export const MAX_COMMANDS = 5;

// The name stops at the first character that cannot be in one, so `/agency:plan.` is still a plan.
const COMMAND_LINE = /^( {0,3})\/agency:([\w-]*)(.*)$/i;

/**
 * The `/agency:<name> [args]` commands a human wrote in a Markdown body, in order. Only a line that
 * starts a line of a top-level paragraph counts, as rendered by GitHub's Markdown (parsed with the GFM
 * parser): quoted replies, fenced and indented code, inline code spans, lists, tables and HTML comments
 * (issue templates) are skipped, so quoting or documenting a command never runs it.
 */
export function parseCommands(body: string): ParsedCommand[] {
  const text = scannedPrefix(body);
  if (!/\/agency:/i.test(text)) return [];
  const found: ParsedCommand[] = [];
  for (const block of parseMarkdown(text).children) {
    if (block.type !== 'paragraph' || !block.position) continue;
    const start = block.position.start.offset ?? 0;
    const source = text.slice(start, block.position.end.offset ?? start);
    // Where inline code sits in this paragraph: a command inside a code span is shown, not run.
    const code: [number, number][] = [];
    visitInline(block.children, (node) => {
      if (node.type === 'inlineCode' && node.position) code.push([(node.position.start.offset ?? 0) - start, (node.position.end.offset ?? 0) - start]);
    });
    let offset = 0;
    for (const line of source.split('\n')) {
      const m = COMMAND_LINE.exec(line.replace(/\r$/, ''));
      if (m) {
        const [, indent = '', typed = '', rest = ''] = m;
        const at = offset + indent.length;
        if (!code.some(([from, to]) => from <= at && at < to)) {
          const name = typed.toLowerCase();
          found.push({ command: isCommand(name) ? name : 'help', name, args: rest.trim() });
          if (found.length >= MAX_COMMANDS) return found;
        }
      }
      offset += line.length + 1;
    }
  }
  return found;
}

type Inline = PhrasingContent;

function visitInline(nodes: Inline[], visit: (node: Inline) => void): void {
  for (const node of nodes) {
    visit(node);
    if ('children' in node) visitInline(node.children as Inline[], visit);
  }
}

/** The scanned prefix; a line cut by the limit is dropped rather than half-read. */
function scannedPrefix(body: string): string {
  if (body.length <= MAX_SCAN_CHARS) return body;
  const text = body.slice(0, MAX_SCAN_CHARS);
  return text.slice(0, Math.max(0, text.lastIndexOf('\n')));
}
