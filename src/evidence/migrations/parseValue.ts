import type { SourceLanguage, Token } from './tokenize.js';

/** One link of a call chain: `t`, `.string('email')`, `.notNullable()`. */
export interface Segment {
  name: string;
  line: number;
  args?: Args;
}

export interface Args {
  positional: Value[];
  named: Map<string, Value>;
  /** A block or callback given to the call (`do |t| … end`, `{ … }`), as a token range. */
  block?: { params: string[]; start: number; end: number };
}

/** What a migration's arguments can be; anything else is `opaque` (kept, not understood). */
export type Value =
  | { kind: 'str'; value: string; line: number; lines: number[]; dynamic: boolean }
  | { kind: 'num'; value: string; line: number }
  | { kind: 'sym'; value: string; line: number }
  | { kind: 'chain'; segments: Segment[]; line: number }
  | { kind: 'list'; items: Value[]; line: number }
  | { kind: 'map'; entries: Map<string, Value>; line: number }
  | { kind: 'fn'; params: string[]; start: number; end: number; line: number }
  /** A Ruby lambda default such as `-> { "now()" }`: SQL text. */
  | { kind: 'sqlexpr'; value: string; line: number }
  | { kind: 'opaque'; line: number };

/** String methods that change only whitespace or mutability: the SQL they return reads the same. */
const WHITESPACE_ONLY: ReadonlySet<string> = new Set(['squish', 'strip', 'strip_heredoc', 'chomp', 'lstrip', 'rstrip', 'freeze', 'dup', 'trim', 'trimStart', 'trimEnd', 'dedent']);
const BINARY = new Set(['+', '-', '*', '/', '%', '||', '&&', '==', '!=', '<', '>', '<=', '>=', '?', '|', '&', '..', '...', 'or', 'and', 'in', 'if', 'else', 'is', '**', '<<', '??', '===', '!==']);
const PREFIX = new Set(['new', 'await', 'return', 'async', 'not', '!', '-', '...', '*', '&', '**', 'yield']);
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * A forgiving expression reader over tokens: literals, call chains with positional and named arguments,
 * lists, maps, callbacks (as token ranges). It never throws and always advances; anything it does not
 * understand becomes `opaque`, which the translators report as "not linted" where it matters.
 */
export class Parser {
  i: number;
  private steps = 0;

  constructor(
    readonly tokens: readonly Token[],
    readonly lang: SourceLanguage,
    start = 0,
    readonly end = tokens.length,
  ) {
    this.i = start;
  }

  peek(offset = 0): Token | undefined {
    const k = this.i + offset;
    return k < this.end ? this.tokens[k] : undefined;
  }

  is(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t !== undefined && (t.kind === 'p' || t.kind === 'id') && t.text === text;
  }

  skipNewlines(): void {
    while (this.peek()?.kind === 'nl') this.i++;
  }

  /** Index of the token closing the bracket at `open` (or `end`). */
  matching(open: number): number {
    let depth = 0;
    for (let k = open; k < this.end; k++) {
      const t = this.tokens[k] as Token;
      if (t.kind !== 'p') continue;
      if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
      else if (t.text === ')' || t.text === ']' || t.text === '}') {
        depth--;
        if (depth === 0) return k;
      }
    }
    return this.end;
  }

  expr(depth = 0): Value {
    const v = this.unary(depth);
    return this.binary(v, depth);
  }

  private binary(left: Value, depth: number): Value {
    let v = left;
    for (;;) {
      const t = this.peek();
      if (!t || !((t.kind === 'p' || t.kind === 'id') && BINARY.has(t.text))) return v;
      // Python `if`/`else` and Ruby's modifiers end an argument inside brackets only as ternaries; stop at them at depth 0.
      if ((t.text === 'if' || t.text === 'else') && depth === 0) return v;
      this.i++;
      if (t.text === '?' && this.lang === 'js') {
        this.expr(depth + 1);
        if (this.is(':')) this.i++;
      }
      this.skipNewlines();
      const right = this.unary(depth);
      if (t.text === '+' && v.kind === 'str' && right.kind === 'str') {
        v = { ...v, value: v.value + right.value, dynamic: v.dynamic || right.dynamic, lines: [...v.lines.slice(0, -1), ...right.lines] };
      } else {
        v = { kind: 'opaque', line: v.line };
      }
    }
  }

  private unary(depth: number): Value {
    if (++this.steps > 200_000 || depth > 60) return this.skipOne();
    this.skipNewlinesInBrackets(depth);
    const t = this.peek();
    if (!t) return { kind: 'opaque', line: this.tokens[this.end - 1]?.line ?? 1 };
    if ((t.kind === 'p' || t.kind === 'id') && PREFIX.has(t.text) && !this.is('=>', 1) && !this.is('(', 1)) {
      this.i++;
      if (t.text === 'async' || t.text === 'new' || t.text === 'await' || t.text === 'return' || t.text === 'yield') return this.postfix(this.primary(depth), depth);
      const inner = this.postfix(this.primary(depth), depth);
      return t.text === '-' && inner.kind === 'num' ? { ...inner, value: '-' + inner.value } : t.text === '-' || t.text === '!' || t.text === 'not' ? { kind: 'opaque', line: t.line } : inner;
    }
    return this.postfix(this.primary(depth), depth);
  }

  private skipNewlinesInBrackets(depth: number): void {
    if (depth > 0) this.skipNewlines();
  }

  private skipOne(): Value {
    const t = this.peek();
    this.i = Math.min(this.i + 1, this.end);
    return { kind: 'opaque', line: t?.line ?? 1 };
  }

  private primary(depth: number): Value {
    const t = this.peek() as Token;
    if (t.kind === 'str') {
      this.i++;
      let v: Value = { kind: 'str', value: t.value ?? '', line: t.line, lines: t.lines ?? [t.line], dynamic: Boolean(t.dynamic) };
      // Implicit concatenation ("a" "b"), common in Python.
      while (this.peek()?.kind === 'str' || (depth > 0 && this.peek()?.kind === 'nl' && this.nextNonNl()?.kind === 'str' && this.lang === 'python')) {
        this.skipNewlines();
        const s = this.peek() as Token;
        this.i++;
        v = { ...v, value: v.value + (s.value ?? ''), dynamic: v.dynamic || Boolean(s.dynamic), lines: [...v.lines.slice(0, -1), ...(s.lines ?? [s.line])] };
      }
      return v;
    }
    if (t.kind === 'num') return (this.i++, { kind: 'num', value: t.value ?? t.text, line: t.line });
    if (t.kind === 'sym') return (this.i++, { kind: 'sym', value: t.value ?? '', line: t.line });
    if (t.kind === 'id') {
      if (t.text === 'function' || t.text === 'fn') return this.fn();
      if (t.text === 'lambda' && this.lang === 'python') return this.skipTo([',', ')', ']', '}'], t.line);
      if (this.is('=>', 1) && this.lang === 'js') {
        this.i += 2;
        return this.arrowBody([t.text], t.line);
      }
      this.i++;
      return { kind: 'chain', segments: [{ name: t.text, line: t.line }], line: t.line };
    }
    if (t.kind === 'p') {
      if (t.text === '(') {
        const close = this.matching(this.i);
        if (this.lang === 'js' && this.tokens[close + 1]?.text === '=>') {
          const params = this.paramNames(this.i + 1, close);
          this.i = close + 2;
          return this.arrowBody(params, t.line);
        }
        this.i++;
        const items = this.items(')', depth + 1).positional;
        return items.length === 1 ? (items[0] as Value) : { kind: 'list', items, line: t.line };
      }
      if (t.text === '[') {
        this.i++;
        return { kind: 'list', items: this.items(']', depth + 1).positional, line: t.line };
      }
      if (t.text === '{') return this.map(depth);
      if (t.text === '%' && this.is('{', 1)) return (this.i++, this.map(depth));
      if (t.text === '->' && this.lang === 'ruby') return this.rubyLambda(t.line);
    }
    return this.skipOne();
  }

  private nextNonNl(): Token | undefined {
    let k = this.i;
    while (k < this.end && this.tokens[k]?.kind === 'nl') k++;
    return k < this.end ? this.tokens[k] : undefined;
  }

  private postfix(v: Value, depth: number): Value {
    let value = v;
    for (;;) {
      // Only a dot continues a chain across lines (`t.string('a')` then `.notNullable()` below it).
      let k = 0;
      while (this.peek(k)?.kind === 'nl') k++;
      const t = this.peek(k);
      if (!t || t.kind !== 'p') return value;
      const dot = t.text === '.' || t.text === '&.' || t.text === '::';
      if (dot && this.peek(k + 1)?.kind === 'id') {
        const name = this.peek(k + 1) as Token;
        this.i += k + 2;
        const segment: Segment = { name: name.text, line: name.line };
        // `<<~SQL.squish`, `"...".strip`: the same SQL, whitespace aside; `()` after it changes nothing.
        if (value.kind === 'str' && WHITESPACE_ONLY.has(name.text)) {
          if (this.is('(') && this.is(')', 1)) this.i += 2;
          continue;
        }
        value = value.kind === 'chain' ? { ...value, segments: [...value.segments, segment] } : { kind: 'chain', segments: [{ name: '(expr)', line: value.line }, segment], line: value.line };
        continue;
      }
      if (k > 0) return value;
      if (t.text === '(' && value.kind === 'chain') {
        this.i++;
        const args = this.items(')', depth + 1);
        const last = value.segments[value.segments.length - 1] as Segment;
        value = { ...value, segments: [...value.segments.slice(0, -1), { ...last, args: { ...args, ...(last.args?.block ? { block: last.args.block } : {}) } }] };
        continue;
      }
      if (t.text === '[' && value.kind === 'chain') {
        this.i = this.matching(this.i) + 1;
        value = { ...value, segments: [...value.segments, { name: '[]', line: t.line }] };
        continue;
      }
      if (t.text === '{' && value.kind === 'chain' && this.lang === 'ruby') {
        const block = this.braceBlock();
        const last = value.segments[value.segments.length - 1] as Segment;
        value = { ...value, segments: [...value.segments.slice(0, -1), { ...last, args: { ...(last.args ?? { positional: [], named: new Map() }), block } }] };
        continue;
      }
      return value;
    }
  }

  /** Comma-separated items up to `close`; named items (`k: v`, `k=v`, `"k" => v`) go to `named`. */
  items(close: string, depth: number): Args {
    const args: Args = { positional: [], named: new Map() };
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (!t) return args;
      if (t.kind === 'p' && t.text === close) {
        this.i++;
        return args;
      }
      if (t.kind === 'p' && (t.text === ',' || t.text === ';')) {
        this.i++;
        continue;
      }
      const before = this.i;
      this.item(args, depth);
      if (this.i === before) this.i++;
      this.skipNewlines();
      const after = this.peek();
      if (after && after.kind === 'p' && after.text !== ',' && after.text !== close) {
        // Something we do not read (a ternary, a type annotation...): skip to the next item.
        this.skipTo([',', close], after.line);
      }
    }
  }

  /** One argument, positional or named. */
  item(args: Args, depth: number): void {
    const t = this.peek() as Token;
    if (t.kind === 'key') {
      this.i++;
      this.skipNewlines();
      args.named.set(t.value ?? '', this.expr(depth));
      return;
    }
    if (t.kind === 'id' && this.is('=', 1) && !this.is('=', 2) && (this.lang === 'python' || this.lang === 'elixir')) {
      this.i += 2;
      args.named.set(t.text, this.expr(depth));
      return;
    }
    if ((t.kind === 'str' || t.kind === 'sym') && (this.is('=>', 1) || (this.is(':', 1) && this.lang !== 'ruby'))) {
      this.i += 2;
      this.skipNewlines();
      args.named.set(t.value ?? '', this.expr(depth));
      return;
    }
    if (t.kind === 'p' && (t.text === '**' || t.text === '*' || t.text === '...')) {
      this.i++;
      this.expr(depth);
      args.positional.push({ kind: 'opaque', line: t.line });
      return;
    }
    args.positional.push(this.expr(depth));
  }

  private map(depth: number): Value {
    const open = this.peek() as Token;
    this.i++;
    const args = this.items('}', depth + 1);
    // A Python set `{('a', 'b')}` or a list-like literal: no keys, only items.
    if (args.named.size === 0 && args.positional.some((p) => p.kind !== 'chain' || p.segments.length !== 1)) return { kind: 'list', items: args.positional, line: open.line };
    const entries = new Map(args.named);
    // JS shorthand `{ a, b }`: the name is its own value.
    for (const p of args.positional) if (p.kind === 'chain' && p.segments.length === 1) entries.set((p.segments[0] as Segment).name, p);
    return { kind: 'map', entries, line: open.line };
  }

  private skipTo(stops: string[], line: number): Value {
    let depth = 0;
    while (this.i < this.end) {
      const t = this.tokens[this.i] as Token;
      if (t.kind === 'p') {
        if (depth === 0 && stops.includes(t.text)) break;
        if (CLOSERS[t.text]) depth++;
        else if (t.text === ')' || t.text === ']' || t.text === '}') {
          if (depth === 0) break;
          depth--;
        }
      }
      this.i++;
    }
    return { kind: 'opaque', line };
  }

  /** `function (a, b) { … }` (JS, PHP) or Elixir `fn … end`: a callback as a token range. */
  private fn(): Value {
    const t = this.peek() as Token;
    this.i++;
    if (t.text === 'fn') {
      const start = this.i;
      let depth = 1;
      while (this.i < this.end && depth > 0) {
        const x = this.tokens[this.i] as Token;
        if (x.kind === 'id' && (x.text === 'fn' || x.text === 'do')) depth++;
        if (x.kind === 'id' && x.text === 'end') depth--;
        this.i++;
      }
      return { kind: 'fn', params: [], start, end: this.i - 1, line: t.line };
    }
    if (this.peek()?.kind === 'id') this.i++;
    let params: string[] = [];
    if (this.is('(')) {
      const close = this.matching(this.i);
      params = this.paramNames(this.i + 1, close);
      this.i = close + 1;
    }
    // PHP `use ($x)`, TS return types: skip to the body.
    while (this.i < this.end && !this.is('{')) this.i++;
    const close = this.matching(this.i);
    const value: Value = { kind: 'fn', params, start: this.i + 1, end: close, line: t.line };
    this.i = close + 1;
    return value;
  }

  /**
   * The parameter names between `from` and `to`. TypeScript annotations (`(table: Knex.CreateTableBuilder)`,
   * lexed as a key and a type) name one parameter each: the first name of each comma-separated entry. Other
   * languages list every identifier (PHP's `Blueprint $table`: the builder picks the last).
   */
  private paramNames(from: number, to: number): string[] {
    const names = (x: Token) => (x.kind === 'key' ? (x.value ?? '') : x.kind === 'id' ? x.text : '');
    if (this.lang !== 'js') return this.tokens.slice(from, to).filter((x) => x.kind === 'id').map((x) => x.text);
    const out: string[] = [];
    let fresh = true;
    let depth = 0;
    for (let k = from; k < to; k++) {
      const x = this.tokens[k] as Token;
      if (x.kind === 'p' && (x.text === '(' || x.text === '[' || x.text === '{' || x.text === '<')) depth++;
      else if (x.kind === 'p' && (x.text === ')' || x.text === ']' || x.text === '}' || x.text === '>')) depth--;
      else if (x.kind === 'p' && x.text === ',' && depth === 0) fresh = true;
      else if (fresh && depth === 0 && names(x)) {
        out.push(names(x));
        fresh = false;
      }
    }
    return out;
  }

  private arrowBody(params: string[], line: number): Value {
    this.skipNewlines();
    if (this.is('{')) {
      const close = this.matching(this.i);
      const value: Value = { kind: 'fn', params, start: this.i + 1, end: close, line };
      this.i = close + 1;
      return value;
    }
    const start = this.i;
    this.expr(1);
    return { kind: 'fn', params, start, end: this.i, line };
  }

  private braceBlock(): { params: string[]; start: number; end: number } {
    const close = this.matching(this.i);
    let start = this.i + 1;
    let params: string[] = [];
    if (this.tokens[start]?.text === '|') {
      const bar = this.tokens.findIndex((x, k) => k > start && x.text === '|');
      if (bar > 0 && bar < close) {
        params = this.tokens.slice(start + 1, bar).filter((x) => x.kind === 'id').map((x) => x.text);
        start = bar + 1;
      }
    }
    this.i = close + 1;
    return { params, start, end: close };
  }

  /** `-> { "now()" }`: the SQL expression Rails sends as a default. */
  private rubyLambda(line: number): Value {
    this.i++;
    if (this.is('(')) this.i = this.matching(this.i) + 1;
    if (!this.is('{')) return { kind: 'opaque', line };
    const close = this.matching(this.i);
    const inner = this.tokens.slice(this.i + 1, close).filter((x) => x.kind !== 'nl');
    this.i = close + 1;
    const only = inner.length === 1 ? inner[0] : undefined;
    return only?.kind === 'str' && !only.dynamic ? { kind: 'sqlexpr', value: only.value ?? '', line } : { kind: 'opaque', line };
  }
}

/** Text of a string, symbol, number or bare name; undefined for anything else. */
export function textOf(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'str') return v.dynamic ? undefined : v.value;
  if (v.kind === 'sym' || v.kind === 'num') return v.value;
  if (v.kind === 'chain' && v.segments.length === 1 && !v.segments[0]?.args) return v.segments[0]?.name;
  return undefined;
}

/** Names in a list (or the one name): `[:a, :b]`, `['a']`, `:a`. */
export function namesOf(v: Value | undefined): string[] | undefined {
  if (!v) return undefined;
  if (v.kind === 'list') {
    const names = v.items.map(textOf);
    return names.every((x): x is string => x !== undefined) ? names : undefined;
  }
  const one = textOf(v);
  return one === undefined ? undefined : [one];
}

const TRUE = new Set(['true', 'True']);
const FALSE = new Set(['false', 'False']);
const NULL = new Set(['nil', 'None', 'null', 'undefined']);

export function isTrue(v: Value | undefined): boolean {
  return v?.kind === 'chain' && v.segments.length === 1 && TRUE.has(v.segments[0]?.name ?? '');
}
export function isFalse(v: Value | undefined): boolean {
  return v?.kind === 'chain' && v.segments.length === 1 && FALSE.has(v.segments[0]?.name ?? '');
}
export function isNull(v: Value | undefined): boolean {
  return v?.kind === 'chain' && v.segments.length === 1 && NULL.has(v.segments[0]?.name ?? '');
}

/** Segment names of a chain: `migrations.AddField(...)` → ['migrations', 'AddField']. */
export function chainNames(v: Value | undefined): string[] {
  return v?.kind === 'chain' ? v.segments.map((s) => s.name) : [];
}

/** The last segment's arguments (the call), or empty. */
export function callArgs(v: Value | undefined): Args {
  if (v?.kind !== 'chain') return { positional: [], named: new Map() };
  for (let k = v.segments.length - 1; k >= 0; k--) {
    const args = v.segments[k]?.args;
    if (args) return args;
  }
  return { positional: [], named: new Map() };
}

/** A named argument, from the call's named arguments or a trailing options map. */
export function option(args: Args, name: string): Value | undefined {
  if (args.named.has(name)) return args.named.get(name);
  for (const p of args.positional) if (p.kind === 'map' && p.entries.has(name)) return p.entries.get(name);
  return undefined;
}
