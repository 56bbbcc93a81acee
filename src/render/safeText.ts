import type { Code, Definition, InlineCode } from 'mdast';
import { LRUCache } from 'lru-cache';
import { parseMarkdown } from '../markdown/parseMarkdown.js';
import { span, walk } from '../markdown/markdownTree.js';

/**
 * Text from a model or from users is untrusted: rendered as-is it could inject HTML or images
 * (tracking pixels, fake UI), ping people with @-mentions, send readers to arbitrary sites, or make
 * the bot trigger itself with `/agency:` lines or forged "Record as ADR" checkboxes. Every renderer
 * passes such text through one of these functions.
 *
 * The sanitiser is deliberately conservative: where its reading of the Markdown could differ from
 * GitHub's, it escapes (ugly but safe) rather than trusting (pretty but leaky).
 */
export interface SafeTextOptions {
  /** Repository base, e.g. `https://github.com/octo/shop`: links under it are kept. */
  repoUrl?: string;
  /** Link prefixes kept as links; defaults to `<repoUrl>/` (no links at all without a repoUrl). */
  allowedLinkPrefixes?: string[];
  /** Logins whose @-mention stays live (e.g. the requester, who asked for the answer). */
  keepMentions?: string[];
}

/**
 * Block Markdown (paragraphs, lists, fenced code) made safe to embed in a bot comment. Where code blocks,
 * code spans and link definitions are is read from the parsed tree (GitHub's reading, GFM); the text
 * between them is copied with what could render as markup neutralised.
 */
export function safeText(text: string, opts: SafeTextOptions = {}): string {
  const ctx = context(opts, markdown);
  const key = JSON.stringify([ctx.prefixes, [...ctx.keep], text]);
  const known = SAFE_TEXTS.get(key);
  if (known !== undefined) return known;
  const safe = safeBlocks(text, ctx);
  SAFE_TEXTS.set(key, safe);
  return safe;
}

/**
 * Results by text and options: a review repeats the same finding bodies (one rule on many lines, the
 * inline comment and the summary's details of one finding), and each is a Markdown parse. Bounded by size.
 */
const SAFE_TEXTS = new LRUCache<string, string>({ maxSize: 8_000_000, sizeCalculation: (value, key) => value.length + key.length });

function safeBlocks(text: string, ctx: Ctx): string {
  const src = text.replace(/\r\n?/g, '\n');
  const { regions, spans } = structure(src, ctx);
  const out: string[] = [];
  let pos = 0;
  for (const region of regions) {
    out.push(prose(src, pos, region.start, spans, ctx));
    out.push(region.text);
    pos = region.end;
  }
  out.push(prose(src, pos, src.length, spans, ctx));
  return out.join('').replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}

/** One line of Markdown (list item, heading): newlines collapse, nothing can start a block. */
export function safeLine(text: string, opts: SafeTextOptions = {}): string {
  const one = oneLine(text);
  // A leading `#`, `-`, `+`, `*`, `1.` or `~~~` would start a heading, a nested list or a fence inside a list item.
  return inline(one, context(opts, markdown), false)
    .replace(/^(#|[-+*](?= |$)|~(?=~~))/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?= |$)/, '$1\\$2');
}

/** A GitHub table cell: a safe line whose pipes are escaped, including inside code spans (GFM splits cells first). */
export function safeInline(text: string, opts: SafeTextOptions = {}): string {
  return escapePipes(safeLine(text, opts));
}

/** Text for an HTML context such as `<summary>`, where Markdown is not parsed: entities and `<code>` only. */
export function safeHtml(text: string, opts: SafeTextOptions = {}): string {
  return inline(oneLine(text), context(opts, html), false);
}

/** Lines trimmed and joined with spaces (split, not a regex, which would backtrack on long blank runs). */
function oneLine(text: string): string {
  return text
    .split(/\r\n?|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}

/** An inline code span that nothing inside can close early: the fence is longer than any backtick run. */
export function codeSpan(text: string): string {
  const content = text.replace(/\r\n?|\n/g, ' ');
  const runs = content.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  // CommonMark strips one space on each side when both are present, and a span cannot touch its fence.
  const pad = content.startsWith('`') || content.endsWith('`') || strippable(content) ? ' ' : '';
  return `${fence}${pad}${content === '' ? ' ' : content}${pad}${fence}`;
}

/** `|` escaped for a GFM table cell unless an odd run of backslashes already escapes it. */
export function escapePipes(text: string): string {
  // A scan, not a regex: `(\\*)\|` backtracks quadratically over a long run of backslashes.
  let out = '';
  let slashes = 0;
  for (const ch of text) {
    if (ch === '|' && slashes % 2 === 0) out += '\\';
    slashes = ch === '\\' ? slashes + 1 : 0;
    out += ch;
  }
  return out;
}

/** `&`, `<`, `>` and `"` as entities, for text placed in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Code is shown verbatim, but two line-based readers see raw text, not rendered Markdown: the
 * decision-checkbox reader and the marker reader. A no-break space and a zero-width space keep them
 * from matching while the code looks the same.
 */
export function defuseCode(code: string): string {
  return defuseCheckbox(code).replace(/<!-- agency-architect:/g, '<!-- agency-architect\u200b:');
}

/** `Record as ADR N:` with a no-break space, so the decision-checkbox reader does not take it for ours. */
function defuseCheckbox(text: string): string {
  return text.replace(/Record as ADR (\d+):/g, 'Record as ADR\u00a0$1:');
}

// ---------------------------------------------------------------------------------------------
// Inline transform: code spans, images, links, bare URLs, mentions and commands, escaped text between.

interface Dialect {
  code(raw: string, content: string): string;
  text(gap: string, atLineStart: boolean): string;
  link(inner: string, href: string): string;
  autolink(href: string): string;
  inert(token: string): string;
  imageRemoved: string;
}

interface Ctx {
  prefixes: string[];
  keep: Set<string>;
  dialect: Dialect;
}

const markdown: Dialect = {
  code: (raw) => defuseCode(raw),
  text: (gap, atLineStart) => escapeMarkdownText(gap, atLineStart),
  link: (inner, href) => `[${inner}](${href})`,
  autolink: (href) => `<${href}>`,
  inert: (token) => codeSpan(token),
  imageRemoved: '[image removed]',
};

const html: Dialect = {
  code: (_raw, content) => `<code>${escapeHtml(defuseCode(content))}</code>`,
  text: (gap) => defuseCheckbox(escapeHtml(gap)),
  link: (inner) => inner,
  autolink: (href) => escapeHtml(href),
  inert: (token) => `<code>${escapeHtml(token)}</code>`,
  imageRemoved: '[image removed]',
};

function context(opts: SafeTextOptions, dialect: Dialect): Ctx {
  const base = opts.repoUrl?.replace(/\/+$/, '');
  const prefixes = opts.allowedLinkPrefixes ?? (base ? [`${base}/`] : []);
  return { prefixes, keep: new Set((opts.keepMentions ?? []).map((l) => l.toLowerCase())), dialect };
}

const BRACKETED = String.raw`\[((?:[^\[\]\\\n]|\\.|\[[^\[\]\n]*\])*)\]`;
// Whitespace runs are bounded: unbounded `\s*`, `\s+`, `\s*` in a row backtrack polynomially on "[a](   …".
const DESTINATION = String.raw`\([ \t]{0,8}(<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)(?:[ \t]{1,8}(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]{0,8}\)`;
const TOKEN = new RegExp(
  [
    String.raw`(?<image>!${BRACKETED}(?:${DESTINATION}|\[[^\[\]\n]*\])?)`,
    String.raw`(?<link>${BRACKETED}${DESTINATION})`,
    String.raw`(?<url>(?:https?:\/\/|www\.)[^\s<>\`]+)`,
    String.raw`(?<mention>(?<![A-Za-z0-9_])@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9][\w.-]*)?)`,
    String.raw`(?<command>\/agency:[^\s\`]*)`,
  ].join('|'),
  'g',
);

const LINK = new RegExp(`^${BRACKETED}${DESTINATION}$`);

/**
 * One line or paragraph of prose: code spans kept (defused), the rest through the token pass. `spans` are
 * the code spans of `text` by offset (parsed from `text` itself when not given). A span that crosses a
 * line is not trusted: the renderer works one line at a time, and a span never hides a block boundary.
 */
function inline(text: string, ctx: Ctx, blockStart: boolean, spans: CodeSpan[] = codeSpansOf(text)): string {
  let offset = 0;
  return text
    .split('\n')
    .map((line) => {
      const from = offset;
      offset += line.length + 1;
      return inlineLine(line, from, spans, ctx, blockStart);
    })
    .join('\n');
}

function inlineLine(line: string, from: number, spans: CodeSpan[], ctx: Ctx, atLineStart: boolean): string {
  const out = new Pieces();
  let pos = 0;
  for (const code of spans) {
    if (code.start < from + pos || code.end > from + line.length) continue;
    plain(line.slice(pos, code.start - from), ctx, atLineStart && pos === 0, out);
    out.push(ctx.dialect.code(line.slice(code.start - from, code.end - from), code.value));
    pos = code.end - from;
  }
  plain(line.slice(pos), ctx, atLineStart && pos === 0, out);
  return out.join();
}

function plain(segment: string, ctx: Ctx, atLineStart: boolean, out: Pieces): void {
  let pos = 0;
  for (const m of segment.matchAll(TOKEN)) {
    let token = m[0];
    const groups = m.groups ?? {};
    if (groups.url) token = trimUrl(token);
    const gap = segment.slice(pos, m.index);
    const rendered = renderToken(token, groups, ctx);
    out.push(guardBackslash(ctx.dialect.text(gap, atLineStart && pos === 0), rendered));
    out.push(rendered);
    pos = m.index + token.length;
  }
  out.push(ctx.dialect.text(segment.slice(pos), atLineStart && pos === 0));
}

/**
 * The output pieces of one line. Two code spans side by side would merge their fences into one
 * longer run, so a space keeps them apart. (An array: `endsWith` on a growing string is quadratic.)
 */
class Pieces {
  private readonly parts: string[] = [];
  private last = '';

  push(piece: string): void {
    if (piece === '') return;
    if (this.last.endsWith('`') && piece.startsWith('`')) this.parts.push(' ');
    this.parts.push(piece);
    this.last = piece;
  }

  join(): string {
    return this.parts.join('');
  }
}

function renderToken(token: string, groups: Record<string, string | undefined>, ctx: Ctx): string {
  const { dialect } = ctx;
  if (groups.image) return dialect.imageRemoved;
  if (groups.link) {
    const m = LINK.exec(token);
    const inner = inline(m?.[1] ?? '', ctx, false);
    const href = allowedUrl((m?.[2] ?? '').replace(/^<|>$/g, ''), ctx.prefixes);
    return href ? dialect.link(inner, href) : inner;
  }
  if (groups.url) {
    const href = allowedUrl(token, ctx.prefixes);
    return href ? dialect.autolink(href) : dialect.inert(token);
  }
  if (groups.mention) {
    const login = token.slice(1);
    return ctx.keep.has(login.toLowerCase()) ? token : dialect.inert(token);
  }
  return dialect.inert(token);
}

/** A backslash ending the text before our own markup would escape that markup's first character. */
function guardBackslash(gap: string, next: string): string {
  if (next === '' || !/^[`[<]/.test(next)) return gap;
  let run = 0;
  while (gap[gap.length - 1 - run] === '\\') run++;
  return run % 2 ? `${gap}\\` : gap;
}

function escapeMarkdownText(gap: string, atLineStart: boolean): string {
  // Leading `>` markers stay so quotes still render; every other `>` (and all `<`, `&`) is an entity.
  const quote = atLineStart ? (/^ {0,3}>(?:[ >])*/.exec(gap)?.[0] ?? '') : '';
  const escaped = gap
    .slice(quote.length)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // A backtick left here had no partner on its line; escaped, it cannot pair with ours.
    .replace(/`/g, '\\`');
  return quote + defuseCheckbox(escaped);
}

/** GFM leaves trailing punctuation and an unbalanced `)` out of a bare URL. */
function trimUrl(url: string): string {
  const balance = (u: string) => (u.match(/\(/g)?.length ?? 0) - (u.match(/\)/g)?.length ?? 0);
  let end = url.length;
  let open = balance(url);
  for (;;) {
    const ch = url[end - 1] ?? '';
    if (end > 0 && TRAILING.includes(ch)) end--;
    else if (ch === ')' && open < 0) {
      end--;
      open++;
    } else break;
  }
  return url.slice(0, end);
}

const TRAILING = '.,:;!?*_~\'"';

/** The normalised URL when it starts with an allowed prefix (after resolving `..`), else undefined. */
export function allowedUrl(url: string, prefixes: string[]): string | undefined {
  let href: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    href = parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  } catch {
    return undefined;
  }
  const lower = href.toLowerCase();
  const ok = prefixes.some((p) => {
    const prefix = p.toLowerCase();
    return lower.startsWith(prefix) || (prefix.endsWith('/') && lower === prefix.slice(0, -1));
  });
  return ok ? href : undefined;
}

// ---------------------------------------------------------------------------------------------
// Structure from the parsed tree: code blocks and definitions are replaced whole; code spans are kept.

/** An inline code span `[start, end)` in the text, with its content as GitHub shows it. */
interface CodeSpan {
  start: number;
  end: number;
  value: string;
}

/** A block replaced as a whole: `[start, end)` of the source and its safe text. */
interface Region {
  start: number;
  end: number;
  text: string;
}

function oneLineSpan(node: InlineCode, at: [number, number], text: string): CodeSpan | undefined {
  const raw = text.slice(at[0], at[1]);
  return raw.includes('\n') ? undefined : { start: at[0], end: at[1], value: node.value };
}

/**
 * The tree of `text` as GitHub will read our output: every `<` outside code becomes `&lt;` there, so HTML
 * is not HTML. The parse is repeated with the `<` of each HTML node masked (same length, so offsets hold)
 * until none is left: what an HTML block hid (a fence, a list) is then seen as what it will render as.
 */
function parseAsOutput(text: string): ReturnType<typeof parseMarkdown> {
  let shadow = capNesting(text);
  for (let pass = 0; ; pass++) {
    const tree = parseMarkdown(shadow);
    const html: [number, number][] = [];
    walk(tree, (node) => {
      const at = span(node);
      if (node.type === 'html' && at && shadow.slice(at[0], at[1]).includes('<')) html.push(at);
    });
    if (html.length === 0 || pass === 8) return tree;
    const units = shadow.split('');
    for (const [from, to] of html) for (let i = from; i < to; i++) if (units[i] === '<') units[i] = MASK;
    shadow = units.join('');
  }
}

/**
 * Past MAX_DEPTH container markers on a line (`> > - > …`), the rest are masked: the parser's time grows
 * with the square of the nesting (seconds for a few thousand), and what is masked is read as prose,
 * which is escaped: the safe reading.
 */
function capNesting(text: string): string {
  return text.replace(LEADING_MARKERS, (run) => {
    let depth = 0;
    return run.replace(/>|[-*+]|\d{1,9}[.)]/g, (marker) => (++depth > MAX_DEPTH ? MASK.repeat(marker.length) : marker));
  });
}

const MAX_DEPTH = 16;
const LEADING_MARKERS = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$)){17,}/gm;

/** Stands for a masked `<` or marker: one UTF-16 unit, no Markdown meaning. */
const MASK = '\ue000';

/** The one-line code spans of a text parsed on its own (a line, a link text). */
function codeSpansOf(text: string): CodeSpan[] {
  if (!text.includes('`')) return [];
  const spans: CodeSpan[] = [];
  walk(parseAsOutput(text), (node) => {
    const at = span(node);
    if (node.type !== 'inlineCode' || !at) return;
    const code = oneLineSpan(node, at, text);
    if (code) spans.push(code);
  });
  return spans;
}

/** Code blocks and definitions (replaced whole) and the code spans of prose, in document order. */
function structure(text: string, ctx: Ctx): { regions: Region[]; spans: CodeSpan[] } {
  const regions: Region[] = [];
  const spans: CodeSpan[] = [];
  const lines = text.split('\n');
  walk(parseAsOutput(text), (node) => {
    const at = span(node);
    if (!at) return;
    if (node.type === 'code') {
      regions.push({ start: at[0], end: at[1], text: codeBlock(node, text, lines) });
      return false;
    }
    if (node.type === 'definition') {
      regions.push({ start: at[0], end: at[1], text: definition(node, ctx) });
      return false;
    }
    if (node.type === 'inlineCode') {
      const code = oneLineSpan(node, at, text);
      if (code) spans.push(code);
    }
  });
  return { regions, spans };
}

/**
 * Prose between regions, line by line. Blank lines become empty; only a whole line can be blank or start
 * a quote (a piece before a code block on its line, such as `- `, is neither).
 */
function prose(text: string, start: number, end: number, spans: CodeSpan[], ctx: Ctx): string {
  if (start >= end) return '';
  const out: string[] = [];
  let from = start;
  for (const line of text.slice(start, end).split('\n')) {
    const lineStart = from === 0 || text[from - 1] === '\n';
    const lineEnd = from + line.length === text.length || text[from + line.length] === '\n';
    if (lineStart && lineEnd && line.trim() === '') out.push('');
    // Before a block on its line only container markers stand (`- `, `> `, `1. `): kept, or the block moves.
    else if (lineStart && !lineEnd && from + line.length === end && CONTAINER.test(line)) out.push(line);
    else out.push(inlineLine(line, from, spans, ctx, lineStart));
    from += line.length + 1;
  }
  return out.join('\n');
}

const CONTAINER = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*$/;

/** `[label]: url` definitions would turn `[label]` anywhere into a link; a disallowed one becomes text. */
function definition(node: Definition, ctx: Ctx): string {
  const label = node.label ?? node.identifier;
  const href = allowedUrl(node.url, ctx.prefixes);
  return href ? `[${label}]: <${href}>` : `\\[${inline(label, ctx, false)}\\]: ${codeSpan(node.url)}`;
}

/** CommonMark strips one space from each end of a code span when both ends have one and it is not all spaces. */
function strippable(content: string): boolean {
  return content.length > 1 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '';
}

/**
 * A code block, verbatim and defused. A fence keeps only a plain language word of its info string (it
 * becomes a CSS class), and an unclosed fence is closed where the parser ended it (the end of the text,
 * or of its list item or quote), so it cannot swallow the rest of our comment, footer included.
 */
function codeBlock(node: Code, text: string, lines: string[]): string {
  const [start, end] = span(node)!;
  const source = text.slice(start, end);
  const open = /^(`{3,}|~{3,})(.*)$/.exec(source.split('\n')[0] ?? '');
  if (!open) return defuseCode(source);
  const [, marks = '', info = ''] = open;
  const lang = /^\s*([\w#+.-]*)/.exec(info)?.[1] ?? '';
  const body = source.split('\n').slice(1);
  const first = lines[node.position!.start.line - 1] ?? '';
  // The container before the fence on its line (`- `, `> `, indentation), as a continuation prefix.
  const prefix = first.slice(0, node.position!.start.column - 1).replace(/[^>\s]/g, ' ');
  const kept = [`${marks}${lang}`, ...body.map(defuseCode)];
  if (!closes(body[body.length - 1], marks, prefix, body.length)) kept.push(`${prefix}${marks}`);
  return kept.join('\n');
}

/** Whether the block's last line is its closing fence (same character, at least as long). */
function closes(last: string | undefined, marks: string, prefix: string, bodyLines: number): boolean {
  if (last === undefined || bodyLines === 0) return false;
  let line = last;
  for (let q = prefix.split('>').length - 1; q > 0; q--) line = line.replace(/^ {0,3}> ?/, '');
  const m = /^( *)(`+|~+)[ \t]*$/.exec(line);
  return !!m && m[2]![0] === marks[0] && m[2]!.length >= marks.length && m[1]!.length <= prefix.replace(/>/g, '').length + 3;
}
