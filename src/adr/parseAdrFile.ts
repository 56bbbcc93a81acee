import { parseAdrNumber } from './adrFileName.js';
import { markdownSections, type MarkdownSection } from './markdownSections.js';
import { normalizeAdrStatus } from './normalizeAdrStatus.js';
import { splitFrontMatter } from './splitFrontMatter.js';

/** What could be read from one ADR file. Every field but `path` may be missing. */
export interface ParsedAdr {
  path: string;
  number?: number;
  title?: string;
  /** Lower-case; one of ADR_STATUSES when recognised, else the word the file uses. */
  status?: string;
  /** YYYY-MM-DD */
  date?: string;
  /** Short summary of the decision outcome. */
  decision?: string;
  deciders?: string[];
  supersedes?: number[];
  supersededBy?: number[];
}

/** Files beyond this are not decision records; the head is enough. */
const MAX_CHARS = 500_000;
const SUMMARY_CHARS = 400;
const DATE = /^(\d{4}-\d{2}-\d{2})\b/;

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const digits = /(\d{1,9})/.exec(value)?.[1];
  return digits === undefined ? undefined : Number(digits);
}

function numbers(value: unknown): number[] | undefined {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const out = list.map(toNumber).filter((n): n is number => n !== undefined);
  return out.length > 0 ? out : undefined;
}

function toDate(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  const text = str(value);
  return text ? DATE.exec(text)?.[1] : undefined;
}

function people(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const out = list.map(str).filter((s): s is string => s !== undefined);
  return out.length > 0 ? out : undefined;
}

function findSection(sections: MarkdownSection[], ...names: string[]): MarkdownSection | undefined {
  return sections.find((s) => s.level > 0 && names.includes(s.heading.replace(/[:.]$/, '').trim().toLowerCase()));
}

/** Plain text of Markdown lines, paragraphs joined into sentences, for one-line summaries. */
function plain(lines: string[]): string {
  const paragraphs = lines
    .join('\n')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\*\*|__|`/g, '')
        .replace(/^\s*(?:[-*+]|\d+[.)]|>)\s+/gm, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean);
  return paragraphs.map((p, i) => (i < paragraphs.length - 1 && !/[.!?:;…]$/.test(p) ? `${p}.` : p)).join(' ');
}

function summarize(text: string): string | undefined {
  if (!text) return undefined;
  if (text.length <= SUMMARY_CHARS) return text;
  const cut = text.slice(0, SUMMARY_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > SUMMARY_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** `7. Use X`, `ADR-0007: Use X`, `ADR 7 - Use X` → number and title. */
function splitHeading(heading: string): { number?: number; title?: string } {
  const m = /^(?:adr[\s-]*)?(\d{1,9})\s*[.:)\-–—]\s*(.+)$/i.exec(heading) ?? /^adr[\s-]*(\d{1,9})\s+(.+)$/i.exec(heading);
  if (m?.[1] && m[2]) return { number: Number(m[1]), title: m[2].trim() };
  return { title: heading || undefined };
}

/** `Superseded by [3. x](0003-x.md)` / `Supersedes ADR-0002` lines of an adr-tools status section. */
function links(lines: string[], verb: RegExp): number[] | undefined {
  const out: number[] = [];
  for (const line of lines) {
    if (!verb.test(line)) continue;
    for (const m of line.matchAll(/\]\(([^)]+)\)|\badr[\s-]*(\d{1,9})\b/gi)) {
      const n = m[1] !== undefined ? parseAdrNumber(m[1]) : Number(m[2]);
      if (n !== undefined && !Number.isNaN(n)) out.push(n);
    }
  }
  return out.length > 0 ? out : undefined;
}

function parse(path: string, text: string): ParsedAdr {
  const src = text.slice(0, MAX_CHARS).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { data, body } = splitFrontMatter(src);
  const sections = markdownSections(body);
  const h1 = sections.find((s) => s.level === 1);
  const fromHeading = h1 ? splitHeading(h1.heading.replace(/\s+/g, ' ').trim()) : {};

  // MADR 2 and adr-tools keep status and date as lines in the body rather than in front matter.
  const head = body.split('\n').slice(0, 60).join('\n');
  const statusSection = findSection(sections, 'status');
  const statusLine = statusSection?.lines.find((l) => l.trim() !== '');
  const inlineStatus = /^\s*(?:[-*]\s*)?status:\s*(.+)$/im.exec(head)?.[1];
  const inlineDate = /^\s*(?:[-*]\s*)?date:\s*(\d{4}-\d{2}-\d{2})\b/im.exec(head)?.[1];
  const outcome = findSection(sections, 'decision outcome', 'decision');

  const adr: ParsedAdr = { path };
  const number = toNumber(data.number) ?? parseAdrNumber(path) ?? fromHeading.number;
  if (number !== undefined) adr.number = number;
  const title = str(data.title) ?? fromHeading.title;
  if (title) adr.title = title;
  const status = normalizeAdrStatus(str(data.status) ?? statusLine ?? inlineStatus ?? '');
  if (status) adr.status = status;
  const date = toDate(data.date) ?? inlineDate;
  if (date) adr.date = date;
  const decision = outcome ? summarize(plain(outcome.lines)) : undefined;
  if (decision) adr.decision = decision;
  const deciders = people(data.deciders ?? data['decision-makers']);
  if (deciders) adr.deciders = deciders;
  const supersedes = numbers(data.supersedes) ?? links(statusSection?.lines ?? [], /^\s*supersedes\b/i);
  if (supersedes) adr.supersedes = supersedes;
  const supersededBy = numbers(data.superseded_by ?? data['superseded-by'] ?? data.supersededBy) ?? links(statusSection?.lines ?? [], /\bsuperseded\s+by\b/i);
  if (supersededBy) adr.supersededBy = supersededBy;
  return adr;
}

/**
 * Read an ADR file: this tool's own format, MADR with or without front matter, and adr-tools'
 * `## Status` layout. Never throws; returns whatever it could read (at least the path).
 */
export function parseAdrFile(path: string, text: string): ParsedAdr {
  try {
    return parse(String(path), typeof text === 'string' ? text : '');
  } catch {
    return { path: String(path) };
  }
}
