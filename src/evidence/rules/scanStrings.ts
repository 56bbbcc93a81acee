/** The part of a string literal on one line. */
export interface StringSegment {
  /** Index into the scanned lines. */
  index: number;
  /** Offset of the opening quote on this line, -1 when the literal started on an earlier line. */
  open: number;
  /** Offset of the closing quote on this line, -1 when the literal goes on to the next line. */
  close: number;
  /** The characters between the quotes on this line. */
  text: string;
}

export interface StringLiteral {
  /** `"`, `'`, a backtick, or a Python triple quote. */
  quote: string;
  /** What is glued to the opening quote: `f`, `rb`, `$`, `@`, or a template tag such as `sql` or `Prisma.sql`. */
  prefix: string;
  segments: StringSegment[];
}

export interface ScanOptions {
  /** `#` starts a comment (Python, Ruby, PHP). */
  hashComments: boolean;
  /** `//` and block comments (everything but Python and Ruby). */
  slashComments: boolean;
  /** Indexes where the text is not continuous with the line before (a gap between hunks): state resets. */
  breaks?: ReadonlySet<number>;
}

/**
 * The string literals of a run of source lines. Backtick and triple-quoted literals may span lines;
 * other quotes end at the end of their line. Good enough to tell SQL text from the code around it
 * without a parser per language.
 */
export function scanStrings(lines: readonly string[], opts: ScanOptions): StringLiteral[] {
  const literals: StringLiteral[] = [];
  let open: StringLiteral | undefined;
  let inBlockComment = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (opts.breaks?.has(index)) {
      open = undefined;
      inBlockComment = false;
    }
    let pos = 0;
    if (open) {
      const close = findClose(line, 0, open.quote);
      open.segments.push({ index, open: -1, close, text: line.slice(0, close === -1 ? line.length : close) });
      if (close === -1) continue;
      pos = close + open.quote.length;
      open = undefined;
    }
    while (pos < line.length) {
      if (inBlockComment) {
        const end = line.indexOf('*/', pos);
        if (end === -1) break;
        inBlockComment = false;
        pos = end + 2;
        continue;
      }
      const ch = line[pos] as string;
      if (opts.slashComments && ch === '/' && line[pos + 1] === '/') break;
      if (opts.slashComments && ch === '/' && line[pos + 1] === '*') {
        inBlockComment = true;
        pos += 2;
        continue;
      }
      if (opts.hashComments && ch === '#') break;
      if (ch !== '"' && ch !== "'" && ch !== '`') {
        pos++;
        continue;
      }
      const triple = opts.hashComments && line.startsWith(ch.repeat(3), pos) ? ch.repeat(3) : ch;
      const prefix = /[\w$@.]*$/.exec(line.slice(Math.max(0, pos - 40), pos))?.[0] ?? '';
      const start = pos + triple.length;
      const close = findClose(line, start, triple);
      const literal: StringLiteral = {
        quote: triple,
        prefix,
        segments: [{ index, open: pos, close, text: line.slice(start, close === -1 ? line.length : close) }],
      };
      literals.push(literal);
      if (close === -1) {
        // Only backticks and triple quotes continue on the next line.
        if (triple === '`' || triple.length === 3) open = literal;
        break;
      }
      pos = close + triple.length;
    }
  }
  return literals;
}

function findClose(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') {
      i++;
      continue;
    }
    if (line.startsWith(quote, i)) return i;
  }
  return -1;
}
