import { inlineCodeSpans, runLength } from './zz_inlineCodeSpans.js';

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

/** Block Markdown (paragraphs, lists, fenced code) made safe to embed in a bot comment. */
export function safeText(text: string, opts: SafeTextOptions = {}): string {
  const ctx = context(opts, markdown);
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const tables = tableBlocks(lines);
  const out: string[] = [];
  let prevBlank = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = openFence(line, prevBlank);
    if (fence) {
      i = copyFence(lines, i, fence, out);
      prevBlank = false;
      continue;
    }
    prevBlank = line.trim() === '';
    out.push(prevBlank ? '' : inline(referenceDefinition(line, ctx), ctx, true, tables[i] ?? false));
  }
  return out.join('\n').replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}

/** One line of Markdown (list item, heading): newlines collapse, nothing can start a block. */
export function safeLine(text: string, opts: SafeTextOptions = {}): string {
  const one = oneLine(text);
  // A leading `#`, `-`, `+`, `*` or `1.` would start a heading or a nested list inside a list item.
  return inline(one, context(opts, markdown), false)
    .replace(/^(#|[-+*](?= |$))/, '\\$1')
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
 * One line or paragraph: code spans are found per line, so a span never hides a block boundary.
 * In a table, GFM splits cells on `|` before it sees code spans, so a span with a pipe is not code.
 */
function inline(text: string, ctx: Ctx, blockStart: boolean, pipesSplit = false): string {
  return text
    .split('\n')
    .map((line) => {
      const out = new Pieces();
      let pos = 0;
      for (const span of inlineCodeSpans(line, pipesSplit)) {
        plain(line.slice(pos, span.start), ctx, blockStart && pos === 0, out);
        const raw = line.slice(span.start, span.end);
        out.push(ctx.dialect.code(raw, spanContent(raw)));
        pos = span.end;
      }
      plain(line.slice(pos), ctx, blockStart && pos === 0, out);
      return out.join();
    })
    .join('\n');
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

/** `[label]: url` definitions would turn `[label]` anywhere into a link; a disallowed one becomes text. */
function referenceDefinition(line: string, ctx: Ctx): string {
  const m = /^( {0,3})\[([^[\]\n]+)\]:[ \t]*(<[^<>\n]*>|\S+)/.exec(line);
  if (!m) return line;
  const [, indent = '', label = '', dest = ''] = m;
  const href = allowedUrl(dest.replace(/^<|>$/g, ''), ctx.prefixes);
  return href ? `${indent}[${label}]: ${href}` : `${indent}\\[${label}\\]: ${codeSpan(dest)}`;
}

// ---------------------------------------------------------------------------------------------
// Code spans and fences.

function spanContent(raw: string): string {
  const run = runLength(raw, 0);
  const inner = raw.slice(run, raw.length - run);
  return strippable(inner) ? inner.slice(1, -1) : inner;
}

/** CommonMark strips one space from each end of a code span when both ends have one and it is not all spaces. */
function strippable(content: string): boolean {
  return content.length > 1 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '';
}

// Tested on a trimmed line, so no two whitespace runs touch (which would backtrack on long lines).
const DELIMITER_ROW = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$/;

/** Per line: whether its run of non-blank lines holds a GFM table delimiter row (`--- | ---`). */
function tableBlocks(lines: string[]): boolean[] {
  const flags = new Array<boolean>(lines.length).fill(false);
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    const line = lines[i];
    if (line !== undefined && line.trim() !== '') continue;
    const block = lines.slice(start, i);
    if (block.some((l) => l.includes('|') && DELIMITER_ROW.test(l.trim()))) flags.fill(true, start, i);
    start = i + 1;
  }
  return flags;
}

interface Fence {
  char: string;
  length: number;
  /** Content lines must be indented at least this much; GitHub ends the block otherwise. */
  indent: number;
}

const FENCE_OPEN = /^( {0,3}(?:(?:[-*+]|\d{1,9}[.)]) {1,4})*)(`{3,}|~{3,})(.*)$/;

function openFence(line: string, prevBlank: boolean): Fence | undefined {
  const m = FENCE_OPEN.exec(line);
  if (!m) return undefined;
  const [, prefix = '', marks = '', info = ''] = m;
  if (marks.startsWith('`') && info.includes('`')) return undefined;
  // Only a bullet or "1." list item can interrupt a paragraph; otherwise the line is paragraph text.
  const marker = /[-*+]|\d+[.)]/.exec(prefix)?.[0];
  if (marker && !prevBlank && !/^[-*+]$|^1[.)]$/.test(marker)) return undefined;
  return { char: marks.charAt(0), length: marks.length, indent: prefix.length };
}

/** Copies a fenced block (code kept verbatim, defused); returns the index of its last line. */
function copyFence(lines: string[], start: number, fence: Fence, out: string[]): number {
  const open = lines[start] ?? '';
  const m = FENCE_OPEN.exec(open);
  const [, prefix = '', marks = '', info = ''] = m ?? [];
  // The info string becomes a CSS class; keep only a plain language word.
  const lang = /^\s*([\w#+.-]*)/.exec(info)?.[1] ?? '';
  out.push(`${prefix}${marks}${lang}`);
  const closer = `${' '.repeat(fence.indent)}${marks}`;
  const close = new RegExp(`^ *${fence.char === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    if (line.trim() !== '' && indent < fence.indent) {
      // A less-indented line ends the block on GitHub when it sits in a list; close it explicitly so
      // both readings agree whether or not it is a list, then read the line again as a new block.
      out.push(closer);
      return i - 1;
    }
    if (close.test(line) && indent <= fence.indent + 3) {
      out.push(line);
      return i;
    }
    out.push(defuseCode(line));
  }
  // An unclosed fence would swallow the rest of our comment, footer included.
  out.push(closer);
  return lines.length - 1;
}
