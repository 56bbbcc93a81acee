import { SEVERITIES, severityRank, type Finding, type FindingSource, type Severity } from '../domain/findingSchema.js';

/**
 * A line-anchored finding of an earlier review, kept in the living comment's marker so that a later
 * incremental review (which reads only the new commits) still counts it while its line is in the PR.
 */
export interface OpenFinding {
  path: string;
  line: number;
  endLine?: number;
  severity: Severity;
  /** Who found it (`source.kind`). */
  kind: FindingSource['kind'];
  /** The rule id; the category for the model's findings (as in the finding's fingerprint). */
  rule: string;
  title: string;
  /** Hash of the line's text when it was reported: the finding stays while that text is still there. */
  hash?: string;
  /** The head sha it was first reported at. */
  sha: string;
}

/** Bounded, so the marker stays small next to GitHub's comment size limit; the most severe are kept. */
export const MAX_OPEN_FINDINGS = 100;
const TITLE_MAX = 80;
const KINDS: readonly FindingSource['kind'][] = ['squawk', 'secretlint', 'rule', 'model'];

/** A short, non-cryptographic hash of a line (cyrb53): enough to tell "the same text" apart from "changed". */
export function lineHash(text: string): string {
  const s = text.replace(/\s+$/, '');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * The marker's `open` list. Path, rule and title come from the diff and the model (untrusted): they are
 * percent-encoded, so the hidden marker never carries Markdown, HTML, links, mentions or commands.
 */
export function writeOpenFindings(open: OpenFinding[]): OpenFinding[] {
  return open.map((o) => ({ ...o, path: encodeURIComponent(o.path), rule: encodeURIComponent(o.rule), title: encodeURIComponent(o.title) }));
}

function decoded(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** The marker's `open` list back, keeping only well-formed entries (the marker is JSON read back from a comment). */
export function readOpenFindings(value: unknown): OpenFinding[] {
  if (!Array.isArray(value)) return [];
  const out: OpenFinding[] = [];
  for (const v of value.slice(0, MAX_OPEN_FINDINGS)) {
    if (typeof v !== 'object' || v === null) continue;
    const raw = v as Record<string, unknown>;
    const o: Record<string, unknown> = { ...raw, path: decoded(raw.path), rule: decoded(raw.rule), title: decoded(raw.title) };
    const line = o.line;
    if (typeof o.path !== 'string' || o.path === '' || typeof line !== 'number' || !Number.isInteger(line) || line < 1) continue;
    if (!SEVERITIES.includes(o.severity as Severity) || !KINDS.includes(o.kind as FindingSource['kind'])) continue;
    if (typeof o.rule !== 'string' || typeof o.title !== 'string' || typeof o.sha !== 'string') continue;
    const endLine = typeof o.endLine === 'number' && Number.isInteger(o.endLine) && o.endLine >= line ? o.endLine : undefined;
    out.push({
      path: o.path,
      line,
      ...(endLine !== undefined ? { endLine } : {}),
      severity: o.severity as Severity,
      kind: o.kind as FindingSource['kind'],
      rule: o.rule,
      title: o.title.slice(0, TITLE_MAX),
      ...(typeof o.hash === 'string' ? { hash: o.hash } : {}),
      sha: o.sha,
    });
  }
  return out;
}

/** The entry a finding leaves in the marker; undefined for findings without a file and line. */
export function toOpenFinding(f: Finding, sha: string, lineText: string | undefined): OpenFinding | undefined {
  if (f.path === null || f.line === null || f.line < 1) return undefined;
  return {
    path: f.path,
    line: f.line,
    ...(f.endLine !== null && f.endLine > f.line ? { endLine: f.endLine } : {}),
    severity: f.severity,
    kind: f.source.kind,
    rule: f.source.kind === 'model' ? f.category : f.source.id,
    title: f.title.slice(0, TITLE_MAX),
    ...(lineText !== undefined ? { hash: lineHash(lineText) } : {}),
    sha,
  };
}

/** A carried entry as a finding again: same fingerprint, severity and place; the body says where it is from. */
export function openToFinding(o: OpenFinding): Finding {
  return {
    severity: o.severity,
    category: o.kind === 'model' ? o.rule : 'carried',
    title: o.title,
    body: `Reported on commit ${o.sha.slice(0, 7)}; the line is unchanged at this commit, so it still counts.`,
    path: o.path,
    line: o.line,
    endLine: o.endLine ?? null,
    suggestion: null,
    source: { kind: o.kind, id: o.kind === 'model' ? 'judgment' : o.rule, url: null },
  };
}

/**
 * Where an entry's line is in the file's current text: the same line if its text is unchanged, else the
 * nearest line with that text (code above it moved); undefined when the text is gone (fixed).
 */
export function relocate(o: OpenFinding, lines: string[]): number | undefined {
  if (o.hash === undefined) return undefined;
  if (lineHash(lines[o.line - 1] ?? '\u0000') === o.hash) return o.line;
  let best: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (lineHash(lines[i]!) !== o.hash) continue;
    if (best === undefined || Math.abs(i + 1 - o.line) < Math.abs(best - o.line)) best = i + 1;
  }
  return best;
}

/** The list to store: one entry per fingerprint, most severe first, bounded. */
export function boundOpenFindings(open: OpenFinding[]): OpenFinding[] {
  const seen = new Set<string>();
  const unique = open.filter((o) => {
    const key = `${o.path}:${o.line}:${o.rule}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => severityRank(a.severity) - severityRank(b.severity)).slice(0, MAX_OPEN_FINDINGS);
}
