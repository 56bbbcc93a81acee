import type { Token } from './tokenize.js';

const DOWN = /^(down|downgrade|rollback|revert|backwards)$/;

/**
 * Which tokens belong to the forward migration: false inside `down`/`downgrade` bodies (a rollback drops
 * things on purpose). Brace languages: the body after `down` up to its closing brace; Python: the
 * top-level `def downgrade` block, up to the next line starting at column 0.
 */
export function upRegion(tokens: readonly Token[], lang: 'js' | 'php' | 'python'): boolean[] {
  const up = tokens.map(() => true);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    const name = t.kind === 'key' ? (t.value ?? '') : t.kind === 'id' ? t.text : '';
    if (!DOWN.test(name)) continue;
    if (lang === 'python') {
      if (tokens[k - 1]?.text !== 'def' || tokens[k - 1]?.col !== 0) continue;
      let end = k + 1;
      while (end < tokens.length && !((tokens[end] as Token).col === 0 && (tokens[end] as Token).kind !== 'nl' && tokens[end - 1]?.kind === 'nl')) end++;
      for (let j = k; j < end; j++) up[j] = false;
      k = end - 1;
      continue;
    }
    // `down(`, `down = `, `down: `, `function down` ... followed by a body.
    const next = tokens[k + 1];
    if (!(t.kind === 'key' || next?.text === '(' || next?.text === '=')) continue;
    let open = k + 1;
    while (open < tokens.length && tokens[open]?.text !== '{' && tokens[open]?.text !== '=>') open++;
    if (tokens[open]?.text === '=>' && tokens[open + 1]?.text !== '{') {
      // `down: (knex) => knex.schema.dropTable('x')`: up to the end of the expression.
      let end = open;
      let depth = 0;
      while (end < tokens.length) {
        const x = tokens[end] as Token;
        if (x.text === '(' || x.text === '[' || x.text === '{') depth++;
        if (x.text === ')' || x.text === ']' || x.text === '}') {
          if (depth === 0) break;
          depth--;
        }
        if (depth === 0 && (x.text === ';' || x.text === ',')) break;
        end++;
      }
      for (let j = k; j < end; j++) up[j] = false;
      k = end;
      continue;
    }
    if (tokens[open]?.text === '=>') open++;
    let depth = 0;
    let end = open;
    for (; end < tokens.length; end++) {
      const x = tokens[end] as Token;
      if (x.kind !== 'p') continue;
      if (x.text === '{') depth++;
      if (x.text === '}' && --depth === 0) break;
    }
    for (let j = k; j <= end && j < tokens.length; j++) up[j] = false;
    k = end;
  }
  return up;
}

/**
 * The forward migration is there: `exports.up =`, `up(`, `up: async (knex) =>`, `async up(queryRunner)`,
 * PHP's `function up()`. Without it (a helper that builds the migration, `module.exports = make(...)`),
 * the translator reads nothing, and says so rather than passing the file.
 */
export function hasUpFunction(tokens: readonly Token[]): boolean {
  return tokens.some((t, k) => (t.kind === 'key' && t.value === 'up') || (t.kind === 'id' && t.text === 'up' && (tokens[k + 1]?.text === '(' || tokens[k + 1]?.text === '=')));
}
