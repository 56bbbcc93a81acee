import { isCommand, type Command } from '../domain/commands.js';
import { inlineCodeSpans } from '../markdown/inlineCodeSpans.js';

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
// A fence may follow list markers (`- ```js`); its content is then indented to the fence's column.
const FENCE_OPEN = /^( {0,3}(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*)(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^( *)(`+|~+)[ \t]*$/;
const QUOTE = /^ {0,3}>/;
const HTML_COMMENT = /^ {0,3}<!--/;
const BLANK = /^[ \t]*$/;
const INDENTED_CODE = /^(?: {4}| {0,3}\t)/;

interface Fence {
  char: string;
  length: number;
  maxCloseIndent: number;
}

/**
 * The `/agency:<name> [args]` commands a human wrote in a Markdown body, in order. Only text that
 * renders as prose counts: quoted replies, fenced and indented code, inline code spans and HTML
 * comments (issue templates) are skipped, so quoting or documenting a command never runs it.
 */
export function parseCommands(body: string): ParsedCommand[] {
  const found: ParsedCommand[] = [];
  let paragraph: string[] = [];
  let fence: Fence | undefined;
  let inHtmlComment = false;
  // A quote swallows the following non-blank lines too (lazy continuation), so they render quoted.
  let inQuote = false;
  const flush = () => {
    collectCommands(paragraph, found);
    paragraph = [];
  };

  for (const line of scannedLines(body)) {
    if (found.length >= MAX_COMMANDS) break;
    if (fence) {
      if (closesFence(line, fence)) fence = undefined;
      continue;
    }
    if (inHtmlComment) {
      if (line.includes('-->')) inHtmlComment = false;
      continue;
    }
    if (BLANK.test(line)) {
      flush();
      inQuote = false;
      continue;
    }
    if (inQuote || QUOTE.test(line)) {
      flush();
      inQuote = true;
      continue;
    }
    const opened = openFence(line);
    if (opened) {
      flush();
      fence = opened;
      continue;
    }
    if (HTML_COMMENT.test(line)) {
      flush();
      inHtmlComment = !line.slice(line.indexOf('<!--') + 4).includes('-->');
      continue;
    }
    // Indented code cannot interrupt a paragraph; inside one, an indented line is just more text.
    if (paragraph.length === 0 && INDENTED_CODE.test(line)) continue;
    paragraph.push(line);
  }
  flush();
  return found.slice(0, MAX_COMMANDS);
}

/** The lines of the scanned prefix; a line cut by the limit is dropped rather than half-read. */
function scannedLines(body: string): string[] {
  let text = body;
  if (text.length > MAX_SCAN_CHARS) {
    text = text.slice(0, MAX_SCAN_CHARS);
    text = text.slice(0, Math.max(0, text.lastIndexOf('\n')));
  }
  return text.split(/\r\n?|\n/);
}

function openFence(line: string): Fence | undefined {
  const m = FENCE_OPEN.exec(line);
  if (!m) return undefined;
  const [, prefix = '', marks = '', info = ''] = m;
  // "```a``` b" is inline code, not a fence: a backtick fence's info string has no backticks.
  if (marks.startsWith('`') && info.includes('`')) return undefined;
  const inList = prefix.trim() !== '';
  return { char: marks.charAt(0), length: marks.length, maxCloseIndent: (inList ? prefix.length : 0) + 3 };
}

function closesFence(line: string, fence: Fence): boolean {
  const m = FENCE_CLOSE.exec(line);
  if (!m) return false;
  const [, indent = '', marks = ''] = m;
  return indent.length <= fence.maxCloseIndent && marks.charAt(0) === fence.char && marks.length >= fence.length;
}

/** Adds the commands of one paragraph, skipping lines that begin inside a multi-line code span. */
function collectCommands(lines: string[], found: ParsedCommand[]): void {
  if (lines.length === 0) return;
  const text = lines.join('\n');
  const spans = text.includes('`') ? inlineCodeSpans(text) : [];
  let offset = 0;
  for (const line of lines) {
    const m = COMMAND_LINE.exec(line);
    if (m) {
      const [, indent = '', typed = '', rest = ''] = m;
      const at = offset + indent.length;
      if (!spans.some((s) => s.start < at && at < s.end)) {
        const name = typed.toLowerCase();
        found.push({ command: isCommand(name) ? name : 'help', name, args: rest.trim() });
      }
    }
    offset += line.length + 1;
  }
}
