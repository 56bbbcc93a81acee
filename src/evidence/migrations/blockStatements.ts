import type { Token } from './tokenize.js';

/** A statement of a Ruby or Elixir file: its head (a token range) and the block it opens, if any. */
export interface BlockStatement {
  start: number;
  /** End of the head (exclusive): before `do`, the brace block, or the end of the line. */
  end: number;
  line: number;
  block?: { params: string[]; children: BlockStatement[]; kind: 'do' | 'brace' | 'keyword' };
}

const OPENERS = new Set(['class', 'module', 'def', 'defp', 'if', 'unless', 'while', 'until', 'case', 'begin', 'for', 'defmodule']);
/** A line ending in one of these continues on the next line. */
const CONTINUES = new Set([',', '\\', '(', '[', '{', '+', '-', '*', '||', '&&', '=', '=>', '.', '&.', '|>', '<<', '?', ':', 'and', 'or']);

/**
 * Splits Ruby/Elixir tokens into statements with nested `do … end`, `{ … }` and keyword blocks, so a
 * translator can walk `class` → `def change` → `create_table … do |t|` → `t.string` the way Ruby would.
 * Tolerant: an unmatched `end` or brace ends the current block, a missing one ends at the file's end.
 */
export function blockStatements(tokens: readonly Token[], lang: 'ruby' | 'elixir'): BlockStatement[] {
  let i = 0;
  let guard = 0;
  return parse(null);

  function parse(terminator: 'end' | '}' | null): BlockStatement[] {
    const out: BlockStatement[] = [];
    while (i < tokens.length) {
      if (++guard > 1_000_000) return out;
      const t = tokens[i] as Token;
      if (t.kind === 'nl' || (t.kind === 'p' && t.text === ';')) {
        i++;
        continue;
      }
      if (t.kind === 'id' && t.text === 'end') {
        i++;
        if (terminator === 'end') return out;
        continue;
      }
      if (t.kind === 'p' && t.text === '}' && terminator === '}') {
        i++;
        return out;
      }
      out.push(statement(terminator));
    }
    return out;
  }

  function statement(terminator: 'end' | '}' | null): BlockStatement {
    const start = i;
    const first = tokens[i] as Token;
    const stmt: BlockStatement = { start, end: start, line: first.line };
    let depth = 0;
    let fnDepth = 0;
    const opensKeyword = first.kind === 'id' && OPENERS.has(first.text);
    while (i < tokens.length) {
      const t = tokens[i] as Token;
      const prev = tokens[i - 1];
      if (t.kind === 'p' && (t.text === '(' || t.text === '[')) depth++;
      else if (t.kind === 'p' && t.text === '{') {
        // `name { … }` and `call(...) { … }` in Ruby are blocks; `{` after `,`, `(` or a key is a hash.
        if (lang === 'ruby' && depth === 0 && i > start && prev && (prev.kind === 'id' || (prev.kind === 'p' && prev.text === ')'))) {
          stmt.end = i;
          i++;
          const params = blockParams();
          stmt.block = { params, children: parse('}'), kind: 'brace' };
          skipRestOfLine();
          return stmt;
        }
        depth++;
      } else if (t.kind === 'p' && (t.text === ')' || t.text === ']' || t.text === '}')) {
        if (depth === 0) {
          if (t.text === '}' && terminator === '}') break;
          i++;
          continue;
        }
        depth--;
      } else if (t.kind === 'id' && t.text === 'fn' && lang === 'elixir') fnDepth++;
      else if (t.kind === 'id' && t.text === 'end' && fnDepth > 0) fnDepth--;
      else if (t.kind === 'id' && t.text === 'end' && depth === 0 && i > start) break;
      else if (depth === 0 && fnDepth === 0 && t.kind === 'id' && t.text === 'do') {
        stmt.end = i;
        i++;
        const params = blockParams();
        stmt.block = { params, children: parse('end'), kind: 'do' };
        return stmt;
      } else if (depth === 0 && (t.kind === 'nl' || (t.kind === 'p' && t.text === ';'))) {
        const last = prev && i > start ? prev : undefined;
        if (t.kind === 'nl' && last && (last.kind === 'p' || last.kind === 'id') && CONTINUES.has(last.text)) {
          i++;
          continue;
        }
        break;
      }
      i++;
    }
    stmt.end = i;
    if (opensKeyword) {
      stmt.block = { params: [], children: parse('end'), kind: 'keyword' };
    }
    return stmt;
  }

  function blockParams(): string[] {
    const t = tokens[i];
    if (!t || t.kind !== 'p' || t.text !== '|') return [];
    const params: string[] = [];
    i++;
    while (i < tokens.length && !(tokens[i]?.kind === 'p' && tokens[i]?.text === '|')) {
      const x = tokens[i] as Token;
      if (x.kind === 'id') params.push(x.text);
      if (x.kind === 'nl') break;
      i++;
    }
    i++;
    return params;
  }

  function skipRestOfLine(): void {
    while (i < tokens.length && tokens[i]?.kind !== 'nl' && !(tokens[i]?.kind === 'id' && tokens[i]?.text === 'end') && !(tokens[i]?.kind === 'p' && tokens[i]?.text === '}')) i++;
  }
}
