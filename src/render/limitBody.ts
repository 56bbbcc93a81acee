import { safeEnd } from '../domain/safeEnd.js';
import { groupDigits } from '../domain/groupDigits.js';

/** GitHub rejects an issue or PR comment body longer than this, counted in UTF-16 code units. */
export const GITHUB_BODY_LIMIT = 65536;

export interface CutInfo {
  /** Whole sections dropped. */
  omitted: number;
  /** Whether a kept section had to be shortened. */
  shortened: boolean;
  limit: number;
}

export type CutNotice = string | ((cut: CutInfo) => string);

const SEPARATOR = '\n\n';

export function defaultCutNotice({ omitted, shortened, limit }: CutInfo): string {
  const parts: string[] = [];
  if (omitted > 0) parts.push(`${omitted} section${omitted === 1 ? '' : 's'} omitted`);
  if (shortened) parts.push('a long section was shortened');
  return `> ✂️ This comment was cut to fit GitHub's ${groupDigits(limit)}-character limit; ${parts.join('; ')}.`;
}

/** Below this much room a partial section is more noise than help, unless nothing else fits. */
const MIN_PARTIAL = 2000;

/**
 * A section, or a function that renders it: a lazy section is rendered only when the join reaches it,
 * so hundreds of finding details past the size limit cost nothing. It is counted as one section (it
 * must not render blank; one that does is dropped like a blank string, and not counted once seen).
 */
export type Section = string | (() => string);

/**
 * Joins Markdown sections with blank lines, within `limit`. When too long, whole sections are
 * dropped from the end, but the last one (footer and marker) always stays: without the marker the
 * next run could not find and edit this comment. The first section that does not fit is shortened
 * at a line boundary when there is room for a useful part of it. A visible notice says what was cut.
 */
export function joinSections(sections: readonly Section[], limit = GITHUB_BODY_LIMIT, notice: CutNotice = defaultCutNotice): string {
  const parts = sections.filter((s) => typeof s === 'function' || s.trim() !== '');
  let blankLazy = 0;
  const text = (i: number): string => {
    const s = parts[i]!;
    if (typeof s === 'string') return s;
    const rendered = s();
    parts[i] = rendered;
    if (rendered.trim() === '') blankLazy++;
    return rendered;
  };
  // Rendered until it is known not to fit: past the limit, nothing after the first section that does not fit is read.
  const rendered: string[] = [];
  let total = 0;
  for (let i = 0; i < parts.length && total <= limit; i++) {
    const s = text(i);
    if (s.trim() === '') continue;
    total += (rendered.length > 0 ? SEPARATOR.length : 0) + s.length;
    rendered.push(s);
  }
  if (total <= limit) return rendered.join(SEPARATOR);
  if (parts.length === 1) return cutKeepingEnd(rendered.join(SEPARATOR), limit);

  const footer = text(parts.length - 1);
  const count = parts.length - 1;
  const noticeFor = (cut: CutInfo) => (typeof notice === 'string' ? notice : notice(cut));
  const reserve = Math.max(
    noticeFor({ omitted: count, shortened: true, limit }).length,
    noticeFor({ omitted: count, shortened: false, limit }).length,
  );
  const budget = limit - reserve - footer.length - 2 * SEPARATOR.length;

  const kept: string[] = [];
  let used = 0;
  let shortened = false;
  for (let i = 0; i < count; i++) {
    const section = text(i);
    if (section.trim() === '') continue;
    const sep = kept.length > 0 ? SEPARATOR.length : 0;
    if (used + sep + section.length <= budget) {
      kept.push(section);
      used += sep + section.length;
      continue;
    }
    const room = budget - used - sep;
    if (room >= MIN_PARTIAL || (kept.length === 0 && room > 0)) {
      const part = cutSection(section, room);
      if (part.trim() !== '') {
        kept.push(part);
        shortened = true;
      }
    }
    break;
  }

  for (;;) {
    const omitted = count - blankLazy - kept.length;
    const note = noticeFor({ omitted, shortened, limit });
    const result = [...kept, note, footer].join(SEPARATOR);
    if (result.length <= limit) return result;
    // Only a notice longer than it claimed to be gets here; drop more until it fits.
    if (kept.length === 0) return cutKeepingEnd(footer, limit);
    kept.pop();
    shortened = false;
  }
}

/**
 * At most `max` code units of a Markdown section, cut at a line boundary, with any open code fence
 * or `<details>` closed so the rest of the comment still renders outside them.
 */
export function cutSection(text: string, max: number): string {
  if (text.length <= max) return text;
  let room = max;
  for (let attempt = 0; attempt < 64 && room > 0; attempt++) {
    const head = cutAtLine(text, room);
    const closing = closers(head);
    const result = closing ? `${head}\n${closing}` : head;
    if (result.length <= max) return result;
    // Always a strictly shorter head: shrinking the room by the overflow alone can land on the same line
    // break again, and the section was then dropped whole although most of it fitted.
    room = Math.min(room - (result.length - max), head.length - 1);
  }
  return '';
}

/** The longest prefix of at most `max` code units ending at a line break, or mid-line (never mid-pair) for one long line. */
export function cutAtLine(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max + 1);
  const newline = head.lastIndexOf('\n');
  if (newline > 0) return text.slice(0, newline).trimEnd();
  return text.slice(0, safeEnd(text, max));
}

/** The closing lines a truncated section needs: an open fence, then open `<details>` blocks. */
function closers(text: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (!m?.[1]) continue;
    const marks = m[1];
    if (!fence) fence = marks;
    else if (marks.charAt(0) === fence.charAt(0) && marks.length >= fence.length && line.trim() === marks) fence = undefined;
  }
  if (fence) out.push(fence);
  const open = (text.match(/<details\b/g) ?? []).length - (text.match(/<\/details>/g) ?? []).length;
  for (let i = 0; i < open; i++) out.push('', '</details>');
  return out.join('\n');
}

/** Last resort for a footer longer than the limit: keep its end, where the marker is. */
function cutKeepingEnd(text: string, limit: number): string {
  let start = text.length - limit;
  const code = text.charCodeAt(start);
  if (code >= 0xdc00 && code <= 0xdfff) start++;
  return text.slice(start);
}
