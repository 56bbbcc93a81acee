/** One statement of a SQL script, as character offsets into it. */
export interface SqlStatement {
  /** From just after the previous statement's `;` (so the statements cover the whole script). */
  start: number;
  /** Just after this statement's `;`, or the end of the script. */
  end: number;
  /** First and last characters that are neither blank nor comment; -1 when the statement is only those. */
  first: number;
  last: number;
}

const IDENT_CHAR = /[\p{L}\p{N}_$]/u;
const TAG = /^\$([\p{L}_][\p{L}\p{N}_]*)?\$/u;

/**
 * Splits a Postgres script at its top-level `;`, the way Postgres lexes it: `'…'` (with `''`), `E'…'`
 * (with backslash escapes), `"…"`, `$tag$…$tag$`, `--` comments and nested block comments never end a
 * statement. Parentheses are not counted, as squawk's parser does not either: a stray `(` in one bad
 * statement must not swallow the rest of the file. Pure; never throws; linear in the script's length.
 */
export function sqlStatements(sql: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let start = 0;
  let first = -1;
  let last = -1;
  let i = 0;
  const mark = (from: number, to: number): void => {
    if (first < 0) first = from;
    last = to;
  };
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl;
    } else if (c === '/' && next === '*') {
      i = blockCommentEnd(sql, i);
    } else if (c === "'" || c === '"') {
      const escapes = c === "'" && i > 0 && /[eE]/.test(sql[i - 1] as string) && (i < 2 || !IDENT_CHAR.test(sql[i - 2] as string));
      const end = quotedEnd(sql, i, c, escapes);
      mark(i, end - 1);
      i = end;
    } else if (c === '$' && (i === 0 || !IDENT_CHAR.test(sql[i - 1] as string)) && TAG.test(sql.slice(i, i + 64))) {
      const tag = (TAG.exec(sql.slice(i, i + 64)) as RegExpExecArray)[0];
      const close = sql.indexOf(tag, i + tag.length);
      const end = close < 0 ? sql.length : close + tag.length;
      mark(i, end - 1);
      i = end;
    } else if (c === ';') {
      mark(i, i);
      out.push({ start, end: i + 1, first, last });
      start = i + 1;
      first = -1;
      last = -1;
      i++;
    } else {
      if (!/\s/.test(c)) mark(i, i);
      i++;
    }
  }
  if (start < sql.length) out.push({ start, end: sql.length, first, last });
  return out;
}

function blockCommentEnd(sql: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      i += 2;
      if (--depth === 0) return i;
    } else i++;
  }
  return sql.length;
}

function quotedEnd(sql: string, from: number, quote: string, backslash: boolean): number {
  let i = from + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslash && c === '\\') i += 2;
    else if (c === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i += 2;
    } else i++;
  }
  return sql.length;
}
