import { Parser, type Value } from './parseValue.js';
import type { SourceLanguage, Token } from './tokenize.js';

const SKIP = new Set(['await', 'return', 'const', 'let', 'var', 'new', 'async', 'function', 'if', 'else', 'for', 'while', 'export', 'import', 'public', 'private', 'protected', 'static', 'class', 'extends', 'implements', 'this', 'typeof', 'throw']);

/**
 * Every call chain in the forward part of a file (`knex.schema.alterTable(...)`, `$table->string('x')`,
 * `queryInterface.addColumn(...)`), with the index of its first token. Chains inside callbacks are
 * visited too, after their parent, so a translator can scope them by token range.
 */
export function* scanChains(tokens: readonly Token[], lang: SourceLanguage, up: readonly boolean[]): Generator<{ at: number; chain: Value }> {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (!up[k] || t.kind !== 'id' || SKIP.has(t.text)) continue;
    const prev = tokens[k - 1];
    if (prev && prev.kind === 'p' && (prev.text === '.' || prev.text === '?.')) continue;
    let n = k + 1;
    while (tokens[n]?.kind === 'nl') n++;
    const next = tokens[n];
    if (!next || next.kind !== 'p' || !(next.text === '.' || (next.text === '(' && n === k + 1))) continue;
    const chain = new Parser(tokens, lang, k).expr(1);
    if (chain.kind === 'chain' && chain.segments.some((s) => s.args)) yield { at: k, chain };
  }
}
