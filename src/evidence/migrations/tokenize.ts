/** The source languages migrations are written in; each tokenizes slightly differently. */
export type SourceLanguage = 'ruby' | 'python' | 'js' | 'php' | 'elixir';

export interface Token {
  /** id: identifier or keyword; key: `name:` (a hash/keyword key); sym: `:name`; p: punctuation; nl: end of line. */
  kind: 'id' | 'str' | 'num' | 'sym' | 'key' | 'p' | 'nl';
  text: string;
  line: number;
  /** Column of the token's first character (0-based). */
  col: number;
  /** Decoded value of a string. */
  value?: string;
  /** For a string: the source line of each of its content lines (newlines in the value). */
  lines?: number[];
  /** A string with interpolation (`#{}`, `${}`, f-string `{}`, `$var`): its value is not the real text. */
  dynamic?: boolean;
}

const PUNCT = ['**', '::', '->', '=>', '==', '!=', '<=', '>=', '&&', '||', '&.', '...', '..', '<<'];

/**
 * A small lexer for migration files: identifiers, strings (heredocs and triple quotes included, each
 * content line mapped to its source line), symbols, keys, numbers and punctuation; comments dropped.
 * Linear in the input and total: unknown characters become punctuation, an unterminated string ends
 * the file. This is enough to read the call-shaped DSLs migrations are written in, with no native parser.
 */
export function tokenize(source: string, lang: SourceLanguage): Token[] {
  const tokens: Token[] = [];
  const pendingHeredocs: Array<{ token: Token; id: string; squiggly: boolean; dash: boolean }> = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = source.length;
  const push = (t: Omit<Token, 'col'>, start: number) => tokens.push({ ...t, col: start - lineStart });

  while (i < n) {
    const c = source[i] as string;
    if (c === '\n') {
      push({ kind: 'nl', text: '\n', line }, i);
      i++;
      line++;
      lineStart = i;
      if (pendingHeredocs.length > 0) {
        for (const h of pendingHeredocs.splice(0)) readHeredoc(h);
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    // A line continuation (`execute "CREATE INDEX i " \` then `"ON t (c)"`) joins the lines: no end of line.
    if (c === '\\' && source[i + 1] === '\n' && (lang === 'ruby' || lang === 'python') && pendingHeredocs.length === 0) {
      i += 2;
      line++;
      lineStart = i;
      continue;
    }
    // Comments.
    if ((c === '#' && lang !== 'js') || (c === '/' && source[i + 1] === '/' && (lang === 'js' || lang === 'php'))) {
      if (lang === 'ruby' && c === '#' && source[i + 1] === '{') {
        // Not a comment: stray interpolation outside a string; treat as punctuation.
      } else {
        while (i < n && source[i] !== '\n') i++;
        continue;
      }
    }
    if (c === '/' && source[i + 1] === '*' && (lang === 'js' || lang === 'php')) {
      const end = source.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      skipLines(i, stop);
      i = stop;
      continue;
    }
    if (lang === 'ruby' && c === '=' && i === lineStart && source.startsWith('=begin', i)) {
      const end = source.indexOf('\n=end', i);
      const stop = end < 0 ? n : end + 5;
      skipLines(i, stop);
      i = stop;
      continue;
    }
    // Ruby heredoc opener: <<~SQL, <<-SQL, <<SQL, <<~'SQL'.
    if (lang === 'ruby' && c === '<' && source[i + 1] === '<') {
      const m = /^<<([~-]?)(['"]?)([A-Z_][A-Za-z0-9_]*)\2/.exec(source.slice(i, i + 80));
      if (m) {
        const token: Token = { kind: 'str', text: m[0], line, col: i - lineStart, value: '', lines: [] };
        tokens.push(token);
        pendingHeredocs.push({ token, id: m[3] as string, squiggly: m[1] === '~', dash: m[1] !== '' });
        i += m[0].length;
        continue;
      }
    }
    // Ruby word and symbol arrays (`%i[user_id tag_id]`, `%w(a b)`): read as the array they are, so an
    // index over `%i[a b]` has two columns, not one column named "a b".
    if (lang === 'ruby' && c === '%' && /^%[wWiI][([{<|!/]/.test(source.slice(i, i + 3))) {
      readWordArray();
      continue;
    }
    // Strings.
    const col0 = i - lineStart;
    const str = readString(i);
    if (str) {
      tokens.push({ ...str.token, col: col0 });
      i = str.end;
      continue;
    }
    // Numbers.
    if (/[0-9]/.test(c)) {
      const m = /^[0-9][0-9_]*(\.[0-9_]+)?([eE][+-]?[0-9]+)?/.exec(source.slice(i, i + 64)) as RegExpExecArray;
      push({ kind: 'num', text: m[0], line, value: m[0].replace(/_/g, '') }, i);
      i += m[0].length;
      continue;
    }
    // Symbols / atoms: :name, :"name", :name? (not ::).
    if (c === ':' && (lang === 'ruby' || lang === 'elixir') && source[i + 1] !== ':' && i + 1 < n) {
      const m = /^:([A-Za-z_][A-Za-z0-9_]*[?!=]?)/.exec(source.slice(i, i + 256));
      if (m && !/[A-Za-z0-9_)\]]/.test(source[i - 1] ?? '')) {
        push({ kind: 'sym', text: m[0], line, value: m[1] as string }, i);
        i += m[0].length;
        continue;
      }
      if ((source[i + 1] === '"' || source[i + 1] === "'") && !/[A-Za-z0-9_)\]]/.test(source[i - 1] ?? '')) {
        const quoted = readString(i + 1);
        if (quoted) {
          push({ kind: 'sym', text: source.slice(i, quoted.end), line, value: quoted.token.value ?? '' }, i);
          i = quoted.end;
          continue;
        }
      }
    }
    // Identifiers (PHP variables keep their `$`, Elixir attributes their `@`).
    const idm = /^[$@]{0,2}[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_\u00C0-\uFFFF]*[?!]?/.exec(source.slice(i, i + 256));
    if (idm) {
      let text = idm[0];
      // `?`/`!` end Ruby/Elixir method names only.
      if ((lang !== 'ruby' && lang !== 'elixir') || (text.endsWith('?') && source[i + text.length] === ':')) text = text.replace(/[?!]$/, '');
      const after = i + text.length;
      const isKey = (lang === 'ruby' || lang === 'elixir' || lang === 'js') && source[after] === ':' && source[after + 1] !== ':';
      if (isKey) {
        push({ kind: 'key', text: text + ':', line, value: text }, i);
        i = after + 1;
      } else {
        push({ kind: 'id', text, line }, i);
        i = after;
      }
      continue;
    }
    const p = PUNCT.find((x) => source.startsWith(x, i)) ?? c;
    push({ kind: 'p', text: p === '->' && lang === 'php' ? '.' : p === '::' && lang === 'php' ? '.' : p, line }, i);
    i += p.length;
  }
  return tokens;

  /** Counts the lines a skipped comment spans. */
  function skipLines(from: number, to: number): void {
    for (let k = from; k < to; k++) {
      if (source[k] === '\n') {
        line++;
        lineStart = k + 1;
      }
    }
  }

  /** `%i[a b]` / `%w(a b)` at `i`: emitted as `[`, the words (symbols for `%i`, strings for `%w`) and `]`. */
  function readWordArray(): void {
    const symbols = source[i + 1] === 'i' || source[i + 1] === 'I';
    const open = source[i + 2] as string;
    const close = ({ '(': ')', '[': ']', '{': '}', '<': '>' } as Record<string, string>)[open] ?? open;
    push({ kind: 'p', text: '[', line }, i);
    i += 3;
    let first = true;
    while (i < n && source[i] !== close) {
      const ch = source[i] as string;
      if (ch === '\n') {
        i++;
        line++;
        lineStart = i;
        continue;
      }
      if (/\s/.test(ch)) {
        i++;
        continue;
      }
      const start = i;
      while (i < n && !/\s/.test(source[i] as string) && source[i] !== close) i++;
      const word = source.slice(start, i);
      if (!first) push({ kind: 'p', text: ',', line }, start);
      first = false;
      push(symbols ? { kind: 'sym', text: ':' + word, line, value: word } : { kind: 'str', text: word, line, value: word, lines: [line] }, start);
    }
    push({ kind: 'p', text: ']', line }, i);
    if (i < n) i++;
  }

  function readHeredoc(h: { token: Token; id: string; squiggly: boolean; dash: boolean }): void {
    const body: Array<{ text: string; line: number }> = [];
    while (i < n) {
      const end = source.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      const text = source.slice(i, stop);
      const here = line;
      i = end < 0 ? n : end + 1;
      line++;
      lineStart = i;
      if ((h.dash ? text.trim() : text) === h.id) break;
      body.push({ text, line: here });
    }
    const indent = h.squiggly
      ? Math.min(...body.filter((b) => b.text.trim() !== '').map((b) => (/^[ \t]*/.exec(b.text) as RegExpExecArray)[0].length), Infinity)
      : 0;
    const cut = Number.isFinite(indent) ? indent : 0;
    h.token.value = body.map((b) => b.text.slice(cut)).join('\n');
    h.token.lines = body.map((b) => b.line);
    h.token.dynamic = !h.token.text.includes("'") && /#\{/.test(h.token.value);
    if (body.length === 0) h.token.lines = [h.token.line];
  }

  /** A string literal starting at `start`, with its decoded value and the source line of each content line. */
  function readString(start: number): { token: Omit<Token, 'col'>; end: number } | undefined {
    let j = start;
    let prefix = '';
    if (lang === 'python') {
      const m = /^([rRbBuUfF]{1,2})(?=['"])/.exec(source.slice(j, j + 3));
      if (m) {
        prefix = (m[1] as string).toLowerCase();
        j += prefix.length;
      }
    }
    let quote = source[j] as string;
    let close = quote;
    let raw = prefix.includes('r');
    let interpolates = false;
    if (lang === 'ruby' && quote === '%' && /^%[qQwWi]?[([{<|!/]/.test(source.slice(j, j + 3))) {
      const kind = /[qQwWi]/.test(source[j + 1] as string) ? (source[j + 1] as string) : 'Q';
      j += kind === 'Q' && !/[qQwWi]/.test(source[j + 1] as string) ? 1 : 2;
      quote = source[j] as string;
      close = ({ '(': ')', '[': ']', '{': '}', '<': '>' } as Record<string, string>)[quote] ?? quote;
      raw = kind === 'q' || kind === 'w' || kind === 'i';
      interpolates = kind === 'Q' || kind === 'W';
    } else if (quote === '"' || (quote === '`' && lang === 'js')) {
      interpolates = lang !== 'python' || prefix.includes('f');
    } else if (quote === "'") {
      if (lang === 'ruby' || lang === 'php') raw = true;
      interpolates = lang === 'python' && prefix.includes('f');
    } else {
      return undefined;
    }
    const triple = (lang === 'python' || lang === 'elixir') && source.startsWith(quote.repeat(3), j);
    const open = triple ? 3 : 1;
    j += open;
    let value = '';
    const lines = [line];
    let at = line;
    let dynamic = false;
    // Ruby's bracketed literals nest: `%Q(CREATE INDEX i ON t (c))` ends at the matching `)`.
    let nested = 0;
    while (j < n) {
      const ch = source[j] as string;
      if (quote !== close && ch === quote) nested++;
      else if (!triple && ch === close && nested > 0) nested--;
      else if (triple ? source.startsWith(quote.repeat(3), j) : ch === close) {
        j += open;
        break;
      }
      if (ch === '\\' && j + 1 < n) {
        const next = source[j + 1] as string;
        if (next === '\n') {
          at++;
          j += 2;
          continue;
        }
        if (raw && !(next === close || next === '\\')) {
          value += ch;
          j++;
          continue;
        }
        value += next === 'n' && !raw ? '\n' : next === 't' && !raw ? '\t' : next;
        if (next === 'n' && !raw) lines.push(at);
        j += 2;
        continue;
      }
      if (interpolates && ((ch === '#' && source[j + 1] === '{') || (ch === '$' && source[j + 1] === '{') || (ch === '{' && lang === 'python') || (ch === '$' && lang === 'php' && /[A-Za-z_{]/.test(source[j + 1] ?? '')))) {
        dynamic = true;
      }
      if (ch === '\n') {
        at++;
        value += '\n';
        lines.push(at);
        j++;
        continue;
      }
      value += ch;
      j++;
    }
    // Count the newlines crossed so the lexer's line counter stays right.
    const crossed = at - line;
    if (crossed > 0) {
      line = at;
      lineStart = source.lastIndexOf('\n', j - 1) + 1;
    }
    return { token: { kind: 'str', text: source.slice(start, j), line: lines[0] as number, value, lines, dynamic }, end: j };
  }
}
