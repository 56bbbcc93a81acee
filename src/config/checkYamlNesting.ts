import { Lexer } from 'yaml';
import type { ConfigIssue } from './ConfigError.js';

/** A real config nests 3 or 4 levels; these bounds leave room and stay far from what overflows the stack. */
export const MAX_FLOW_DEPTH = 32;
export const MAX_LINE_DEPTH = 64;

const INDICATORS = new Set(['-', '?', ':']);
/** The Lexer's zero-width marker for the start of a document; it comes before the first line's indicators. */
const DOCUMENT = '\u0002';

/**
 * Rejects YAML nested deep enough to overflow the parser's recursion. It must run before parsing: a stack
 * overflow inside yaml's composer can abort Node itself (V8 "RegExpCompiler Allocation failed"), which no
 * try/catch stops. yaml's Lexer is a loop, not a recursion, so it is safe on any input; its tokens keep
 * quoted text whole, so brackets inside strings do not count.
 * Block nesting on a line needs indentation or an indicator (`- `, `? `, `: `) per level, so their sum bounds it,
 * even for malformed lines the parser would still descend into.
 */
export function checkYamlNesting(text: string): ConfigIssue | undefined {
  let flow = 0;
  let line = 1;
  let lineDepth = 0;
  let atLineStart = true;
  for (const token of new Lexer().lex(text)) {
    if (token === '\n' || token === '\r\n') {
      line++;
      lineDepth = 0;
      atLineStart = true;
      continue;
    }
    if (token === '[' || token === '{') {
      flow++;
      if (flow > MAX_FLOW_DEPTH) {
        return { path: '', message: `YAML nesting too deep at line ${line}: more than ${MAX_FLOW_DEPTH} levels of [ ] or { }; expected a shallow config` };
      }
    } else if (token === ']' || token === '}') {
      flow = Math.max(0, flow - 1);
    } else if (flow === 0 && (INDICATORS.has(token) || (atLineStart && /^[ \t]+$/.test(token)))) {
      lineDepth += INDICATORS.has(token) ? 1 : token.length;
      if (lineDepth > MAX_LINE_DEPTH) {
        return {
          path: '',
          message: `YAML nesting too deep at line ${line}: more than ${MAX_LINE_DEPTH} columns of indentation and "- ", "? ", ": " indicators; expected a shallow config`,
        };
      }
    }
    if (token !== DOCUMENT) atLineStart = false;
  }
  return undefined;
}
