import type { Token } from './tokenize.js';

const POSTGRES = /^(pg|pgsql|postgres|postgresql|Client_PG|PostgresDriver)$/i;
const OTHER = /^(sqlite|sqlite3|better-sqlite3|mysql|mysql2|mariadb|mssql|sqlsrv|oracle|oracledb|Client_Oracledb|cockroachdb|redshift)$/i;

/**
 * Migrations of apps that support several databases branch on the driver (`if (client.includes('pg'))
 * { ... } else { ... }`, `if (DB::getDriverName() === 'pgsql')`). Only Postgres is linted, so the
 * branches that cannot run on Postgres are cleared from `up` (same shape as `upRegion`): the `if` block of
 * a test for another database, the `else` block of a test for Postgres. A test that names both, or
 * neither, is left alone.
 */
export function skipOtherDialects(tokens: readonly Token[], up: boolean[]): boolean[] {
  const out = [...up];
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k]?.text !== 'if' || tokens[k + 1]?.text !== '(') continue;
    const close = matching(tokens, k + 1, '(', ')');
    const cond = tokens.slice(k + 2, close);
    const names = cond.flatMap((t) => (t.kind === 'str' || t.kind === 'id' ? [t.value ?? t.text, ...(t.value ?? t.text).split(/[^\w-]+/)] : []));
    const pg = names.some((n) => POSTGRES.test(n));
    const other = names.some((n) => OTHER.test(n));
    if (pg === other) continue;
    // `!client.includes('sqlite3')`, `getDriverName() !== 'pgsql'`: the test is negated.
    const negated = (cond[0]?.text === '!') !== cond.some((t) => t.text === '!=' || t.text === '!==');
    const runsOnPostgres = pg !== negated;
    const thenOpen = close + 1;
    if (tokens[thenOpen]?.text !== '{') continue;
    const thenClose = matching(tokens, thenOpen, '{', '}');
    if (!runsOnPostgres) clear(out, thenOpen, thenClose);
    else if (tokens[thenClose + 1]?.text === 'else' && tokens[thenClose + 2]?.text === '{') clear(out, thenClose + 2, matching(tokens, thenClose + 2, '{', '}'));
  }
  skipHelpersCalledOnlyThere(tokens, out);
  return out;
}

/**
 * A helper function (`function name(...) {`, a PHP method, `const name = async (...) => {`) that is called,
 * and only from code that does not run on Postgres (a cleared branch or `down`), does not run either: its
 * body is cleared. One never called, or called from code that runs, is left as it is.
 */
function skipHelpersCalledOnlyThere(tokens: readonly Token[], out: boolean[]): void {
  for (let k = 0; k < tokens.length; k++) {
    const helper = helperAt(tokens, k);
    if (!helper) continue;
    const { name, open } = helper;
    const close = matching(tokens, open, '{', '}');
    const calls: number[] = [];
    for (let j = 0; j < tokens.length; j++) {
      if (j >= k && j <= close) continue;
      if (tokens[j]?.kind === 'id' && tokens[j]?.text === name && tokens[j + 1]?.text === '(' && tokens[j - 1]?.text !== 'function') calls.push(j);
    }
    if (calls.length > 0 && calls.every((j) => !out[j])) clear(out, open, close);
  }
}

/** The helper defined at token `k`: its name and the `{` opening its body. */
function helperAt(tokens: readonly Token[], k: number): { name: string; open: number } | undefined {
  const name = tokens[k + 1];
  if (name?.kind !== 'id') return undefined;
  if (tokens[k]?.text === 'function' && tokens[k + 2]?.text === '(') {
    let open = matching(tokens, k + 2, '(', ')') + 1;
    // Past a return type (`: Promise<void>`) to the body; a `;` first means there is none (a declaration).
    while (open < tokens.length && tokens[open]?.text !== '{' && tokens[open]?.text !== ';') open++;
    return tokens[open]?.text === '{' ? { name: name.text, open } : undefined;
  }
  if (!['const', 'let', 'var'].includes(tokens[k]?.text ?? '') || tokens[k + 2]?.text !== '=') return undefined;
  let at = k + 3;
  if (tokens[at]?.text === 'async') at++;
  if (tokens[at]?.text === 'function') at++;
  if (tokens[at]?.text !== '(') return undefined;
  let open = matching(tokens, at, '(', ')') + 1;
  // `=> {` (a return type may come first) or, for `function (...)`, the body's `{`; an expression body has none.
  while (open < tokens.length && !['{', '=>', ';'].includes(tokens[open]?.text ?? '')) open++;
  if (tokens[open]?.text === '=>') {
    open++;
    while (tokens[open]?.kind === 'nl') open++;
  }
  return tokens[open]?.text === '{' ? { name: name.text, open } : undefined;
}

function matching(tokens: readonly Token[], open: number, o: string, c: string): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.kind !== 'p') continue;
    if (t.text === o) depth++;
    else if (t.text === c && --depth === 0) return k;
  }
  return tokens.length - 1;
}

function clear(mask: boolean[], from: number, to: number): void {
  for (let k = from; k <= to && k < mask.length; k++) mask[k] = false;
}

/**
 * The same for Python (Alembic): `if conn.dialect.name == "mssql":` blocks (by indentation) are cleared,
 * and the `else:` block of a Postgres test; then a top-level helper (`def name(...)`) called only from
 * cleared code (a branch for another database, `downgrade()`) is cleared too.
 */
export function skipOtherDialectsPython(tokens: readonly Token[], up: boolean[]): boolean[] {
  const out = [...up];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if ((t.text !== 'if' && t.text !== 'elif') || t.kind !== 'id' || (k > 0 && tokens[k - 1]?.kind !== 'nl')) continue;
    let colon = k + 1;
    while (colon < tokens.length && tokens[colon]?.kind !== 'nl') colon++;
    if (tokens[colon - 1]?.text !== ':') continue;
    const cond = tokens.slice(k + 1, colon - 1);
    if (!cond.some((x) => x.text === 'dialect')) continue;
    const names = cond.flatMap((x) => (x.kind === 'str' || x.kind === 'id' ? [x.value ?? x.text] : []));
    const pg = names.some((n) => POSTGRES.test(n));
    const other = names.some((n) => OTHER.test(n));
    if (pg === other) continue;
    const negated = cond.some((x) => x.text === '!=' || x.text === 'not');
    const runsOnPostgres = pg !== negated;
    const thenEnd = blockEnd(tokens, colon, t.col);
    if (!runsOnPostgres) clear(out, colon, thenEnd - 1);
    else if (tokens[thenEnd]?.text === 'else' && tokens[thenEnd]?.col === t.col) {
      let elseColon = thenEnd;
      while (elseColon < tokens.length && tokens[elseColon]?.kind !== 'nl') elseColon++;
      clear(out, thenEnd, blockEnd(tokens, elseColon, t.col) - 1);
    }
  }
  // Every call site by name, found once: a file of thousands of helpers stays linear, not helpers × tokens.
  const callsOf = new Map<string, number[]>();
  for (let j = 0; j < tokens.length; j++) {
    const x = tokens[j] as Token;
    if (x.kind !== 'id' || tokens[j + 1]?.text !== '(') continue;
    const list = callsOf.get(x.text);
    if (list) list.push(j);
    else callsOf.set(x.text, [j]);
  }
  for (let k = 0; k < tokens.length; k++) {
    const name = tokens[k + 1];
    if (tokens[k]?.text !== 'def' || tokens[k]?.col !== 0 || name?.kind !== 'id' || name.text === 'upgrade') continue;
    // The body starts after the signature, which may span lines (`def name(\n    a, b\n):`).
    let colon = tokens[k + 2]?.text === '(' ? matching(tokens, k + 2, '(', ')') : k;
    while (colon < tokens.length && tokens[colon]?.kind !== 'nl') colon++;
    const end = blockEnd(tokens, colon, 0);
    const calls = (callsOf.get(name.text) ?? []).filter((j) => j < k || j >= end);
    if (calls.length > 0 && calls.every((j) => !out[j])) clear(out, k, end - 1);
  }
  return out;
}

/** The first token after the indented block that starts after token `from` (a line end): the next line starting at `col` or less. */
function blockEnd(tokens: readonly Token[], from: number, col: number): number {
  let j = from + 1;
  for (; j < tokens.length; j++) {
    const x = tokens[j] as Token;
    if (x.kind !== 'nl' && tokens[j - 1]?.kind === 'nl' && x.col <= col) break;
  }
  return j;
}
