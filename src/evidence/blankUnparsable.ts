import { lastAtOrBefore } from './lastAtOrBefore.js';
import { sqlStatements } from './sqlStatements.js';

/** A statement squawk could not parse, left out of the lint (content lines, 1-based). */
export interface LeftOutStatement {
  line: number;
  endLine: number;
  /** squawk's first message about it. */
  message: string;
}

/** Where squawk put a syntax error: 0-based line, and column as a UTF-8 byte offset in that line. */
export interface SyntaxErrorAt {
  line: number;
  column?: number;
  message: string;
}

export interface Blanked {
  content: string;
  leftOut: LeftOutStatement[];
  /** Whether any statement is left to lint. */
  rest: boolean;
}

/**
 * squawk reports only syntax errors for a file it cannot parse whole, so one MySQL-only or templated
 * statement would cost every other finding of the file. This blanks each statement holding a syntax
 * error (spaces, newlines kept, so every line still maps back to the source) for squawk to read again.
 * Undefined when no statement could be blanked (nothing new to try). Pure.
 */
export function blankUnparsable(content: string, errors: readonly SyntaxErrorAt[]): Blanked | undefined {
  const statements = sqlStatements(content).filter((s) => s.first >= 0);
  if (statements.length === 0) return undefined;
  const lineStarts = [0];
  for (let i = 0; i < content.length; i++) if (content[i] === '\n') lineStarts.push(i + 1);
  const hit = new Map<number, string>();
  for (const e of errors) {
    const offset = offsetOf(content, lineStarts, e.line, e.column ?? 0);
    // The statement the error is in; one past a statement's end (squawk's "expected ..." at the end of
    // the file or in a trailing comment) belongs to the statement before it.
    let k = statements.findIndex((s) => offset < s.end);
    if (k < 0 || offset < (statements[k] as { first: number }).first) k = k < 0 ? statements.length - 1 : Math.max(0, k - 1);
    if (!hit.has(k)) hit.set(k, e.message);
  }
  if (hit.size === 0) return undefined;
  const leftOut: LeftOutStatement[] = [];
  let out = content;
  for (const [k, message] of [...hit].sort((a, b) => a[0] - b[0])) {
    const s = statements[k] as { start: number; end: number; first: number; last: number };
    out = out.slice(0, s.start) + out.slice(s.start, s.end).replace(/[^\n]/g, ' ') + out.slice(s.end);
    leftOut.push({ line: lastAtOrBefore(lineStarts, s.first) + 1, endLine: lastAtOrBefore(lineStarts, s.last) + 1, message });
  }
  const rest = statements.some((_, k) => !hit.has(k));
  return { content: out, leftOut, rest };
}

function offsetOf(content: string, lineStarts: readonly number[], line: number, byteColumn: number): number {
  const start = lineStarts[Math.min(Math.max(line, 0), lineStarts.length - 1)] as number;
  if (line >= lineStarts.length) return content.length;
  let bytes = 0;
  let i = start;
  while (i < content.length && content[i] !== '\n' && bytes < byteColumn) {
    const code = content.codePointAt(i) as number;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    i += code > 0xffff ? 2 : 1;
  }
  return i;
}
