import { SEVERITIES, severityRank, type Finding, type Severity } from '../domain/findingSchema.js';
import type { ChecklistItem, Review, Verdict } from '../domain/reviewSchema.js';
import { codeBlock } from './codeBlock.js';
import { fenceLanguage } from './fenceLanguage.js';
import { findingLocation, findingPermalink } from './findingLocation.js';
import { defaultCutNotice, GITHUB_BODY_LIMIT, joinSections, type CutInfo } from './limitBody.js';
import type { RenderMeta } from './RenderMeta.js';
import { renderConflicts } from './renderConflicts.js';
import { renderFooter } from './renderFooter.js';
import { renderPreamble } from './renderPreamble.js';
import { safeOptions } from './safeOptions.js';
import { codeSpan, defuseCode, escapeHtml, escapePipes, safeHtml, safeInline, safeLine, safeText, type SafeTextOptions } from './safeText.js';
import { SEVERITY_ICONS, severityLabel } from './severityLabel.js';
import { sourceLabel } from './sourceLabel.js';
import { groupDigits } from '../domain/groupDigits.js';

export interface ReviewMeta extends RenderMeta {
  coverage: { reviewedLines: number; totalLines: number };
  /** Files or hunks left out by packing (ignored, over budget, binary ...). */
  notReviewed: { path: string; reason: string }[];
  /** Reviewed head shas, oldest first; the last one is the commit this review read. */
  shas?: string[];
  incremental?: { from: string; to: string } | { fullBecause: string };
}

const VERDICT_LABELS: Record<Verdict, string> = {
  approve: '✅ Looks good',
  comment: '💬 Comments',
  'request-changes': '🛑 Changes requested',
};

const STATUS_ICONS: Record<ChecklistItem['status'], string> = { pass: '✅', fail: '❌', 'n/a': '➖', check: '👀' };

/** Above this many entries the "not reviewed" list is collapsed. */
const OPEN_LIST_MAX = 5;
/** The "not reviewed" list may take this much of the comment; the rest is counted, not listed. */
const NOT_REVIEWED_MAX_CHARS = 12_000;
/** Room kept for separators and the cut notice when sizing the findings table. */
const TABLE_SLACK = 1_000;

/**
 * The living summary comment of a PR review. What the reviewer did not read comes right after the
 * verdict, because "it never hides the evidence" includes the gaps; the findings table is sized so the
 * checklist always fits (least severe rows counted, not listed), and collapsed finding details come
 * last, so they are the first to go when GitHub's size limit bites; the notice says how many went.
 */
export function renderReview(review: Review, meta: ReviewMeta): string {
  const opts = safeOptions(meta);
  const findings = sortFindings(review.findings);
  const head = meta.shas?.at(-1);
  const before = [
    renderPreamble(`🔍 ${meta.title ? safeLine(meta.title, opts) : 'Backend review'}`, meta, opts, scope(meta)),
    verdict(review, findings, meta, opts),
    notReviewed(meta.notReviewed, review.notReviewed, opts),
    renderConflicts(review.decisionConflicts, opts),
  ];
  const after = [checklist(review.checklist, opts), history(meta.shas)];
  const footer = renderFooter({ marker: meta.marker, info: meta.info });
  // The table gets what the verdict, the gaps, the checklist and the footer leave: with hundreds of findings
  // the least severe rows go (counted), never the checklist. Details fill what is left, most severe first.
  const fixed = [...before, ...after, footer].filter((s) => s.trim() !== '').join('\n\n').length;
  const table = findingsTable(findings, meta.repoUrl, head, opts, GITHUB_BODY_LIMIT - fixed - TABLE_SLACK);
  // Rendered only as far as the comment has room: with hundreds of findings most details are cut anyway.
  const details = findings.map((f) => () => findingDetails(f, opts));
  return joinSections([...before, table, ...after, ...details, footer], GITHUB_BODY_LIMIT, (cut) => detailsCutNotice(cut, details.length));
}

/** What the size limit cut: when only finding details went (they come last), how many, of how many. */
function detailsCutNotice(cut: CutInfo, details: number): string {
  if (cut.omitted === 0 || cut.omitted > details) return defaultCutNotice(cut);
  const shown = details - cut.omitted;
  return `> ✂️ This comment was cut to fit GitHub's ${groupDigits(cut.limit)}-character limit: details are shown for the ${shown} most severe of ${details} findings${cut.shortened ? ' (the last one shortened)' : ''}; the other ${cut.omitted} are left out.`;
}

/** Severity first, then path (PR-wide findings first), then line. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      (a.path ?? '').localeCompare(b.path ?? '', 'en') ||
      (a.line ?? 0) - (b.line ?? 0),
  );
}

/** `Reviewed 1,234 of 5,678 changed lines (22%)`; never rounds a partial review up to 100%. */
export function coverageLine({ reviewedLines, totalLines }: ReviewMeta['coverage']): string {
  if (totalLines <= 0) return 'No changed lines to review.';
  const n = groupDigits;
  const exact = (reviewedLines / totalLines) * 100;
  let pct = `${Math.round(exact)}%`;
  if (reviewedLines < totalLines && Math.round(exact) >= 100) pct = '99%';
  if (reviewedLines > 0 && Math.round(exact) === 0) pct = '<1%';
  return `Reviewed ${n(reviewedLines)} of ${n(totalLines)} changed lines (${pct}).`;
}

function scope(meta: ReviewMeta): string[] {
  const inc = meta.incremental;
  if (!inc) return [];
  if ('fullBecause' in inc) return [`Full review: ${safeLine(inc.fullBecause)}.`];
  return [`Incremental review of the commits after ${shortSha(inc.from)}, up to ${shortSha(inc.to)}.`];
}

function verdict(review: Review, findings: Finding[], meta: ReviewMeta, opts: SafeTextOptions): string {
  const counts = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as [Severity, number])
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${SEVERITY_ICONS[s]} ${n} ${s}${n === 1 || s === 'major' || s === 'minor' ? '' : 's'}`);
  const line = `**Verdict:** ${verdictLabel(review.verdict, meta.coverage)} · ${counts.length > 0 ? counts.join(' · ') : 'no findings'}`;
  return [line, '', coverageLine(meta.coverage), '', safeText(review.summary, opts)].join('\n');
}

/**
 * "Looks good" only for a change read in full: with no findings in part of it, the label says how much was
 * read (the coverage line and the "not reviewed" list right below say which part), never that it all is fine.
 */
export function verdictLabel(verdict: Verdict, { reviewedLines, totalLines }: ReviewMeta['coverage']): string {
  if (verdict !== 'approve' || reviewedLines >= totalLines) return VERDICT_LABELS[verdict];
  return reviewedLines === 0 ? '⚠️ Not reviewed' : '⚠️ Partly reviewed';
}

function notReviewed(packed: ReviewMeta['notReviewed'], modelNotes: string[], opts: SafeTextOptions): string {
  // An engine that repeats packing's list as `path: reason` notes (the offline one does) is not listed twice.
  const listed = new Set(packed.map((p) => `${p.path}: ${p.reason}`));
  const all = [
    ...packed.map((p) => `- ${codeSpan(p.path)} — ${safeLine(p.reason, opts)}`),
    ...modelNotes.filter((n) => !listed.has(n.trim())).map((n) => `- ${safeLine(n, opts)}`),
  ];
  if (all.length === 0) return '';
  const items: string[] = [];
  let used = 0;
  for (const item of all) {
    if (used + item.length + 1 > NOT_REVIEWED_MAX_CHARS) break;
    items.push(item);
    used += item.length + 1;
  }
  if (items.length < all.length) items.push(`- … and ${all.length - items.length} more, not listed to fit GitHub's comment size limit`);
  if (items.length <= OPEN_LIST_MAX) return ['**Not reviewed**', '', ...items].join('\n');
  return ['<details>', `<summary>Not reviewed (${all.length})</summary>`, '', ...items, '', '</details>'].join('\n');
}

function findingsTable(findings: Finding[], repoUrl: string | undefined, head: string | undefined, opts: SafeTextOptions, room = Infinity): string {
  if (findings.length === 0) return '';
  const row = (f: Finding) => {
    const where = findingLocation(f);
    const link = findingPermalink(f, repoUrl, head);
    const whereCell = where ? (link ? `[${codeSpan(where)}](${link})` : codeSpan(where)) : 'whole PR';
    const what = `**${safeInline(f.title, opts)}**${f.category ? ` · ${safeInline(f.category, opts)}` : ''}`;
    return `| ${severityLabel(f.severity)} | ${escapePipes(whereCell)} | ${what} | ${escapePipes(sourceLabel(f.source))} |`;
  };
  const header = ['### Findings', '', '| Severity | Where | Finding | Source |', '| --- | --- | --- | --- |'];
  // Findings are sorted most severe first, so the rows that do not fit are the least severe.
  const leftOut = (n: number) => {
    const counts = SEVERITIES.map((s) => [s, findings.slice(n).filter((f) => f.severity === s).length] as const).filter(([, c]) => c > 0);
    const more = findings.length - n;
    return `_${more} more finding${more === 1 ? '' : 's'} not listed (${counts.map(([s, c]) => `${c} ${s}`).join(', ')}), the least severe, to fit GitHub's comment size limit._`;
  };
  let used = header.join('\n').length;
  const rows: string[] = [];
  // The note is at most ~150 characters (four severities); room for it is kept unless the last row is next.
  // Rows are rendered one at a time: those past the room are counted, never rendered.
  for (const f of findings) {
    const next = row(f);
    const last = rows.length + 1 === findings.length;
    if (used + next.length + 1 + (last ? 0 : 200) > room) break;
    used += next.length + 1;
    rows.push(next);
  }
  const shown = rows.length;
  return shown === findings.length ? [...header, ...rows].join('\n') : [...header, ...rows, '', leftOut(shown)].join('\n');
}

function checklist(items: ChecklistItem[], opts: SafeTextOptions): string {
  if (items.length === 0) return '';
  const lines = items.map((c) => `- ${STATUS_ICONS[c.status]} ${safeLine(c.item, opts)}${c.note ? `: ${safeLine(c.note, opts)}` : ''}`);
  return ['### Checklist', '', '✅ pass · ❌ fail · ➖ not applicable · 👀 a human should check', '', ...lines].join('\n');
}

function findingDetails(f: Finding, opts: SafeTextOptions): string {
  const where = findingLocation(f);
  const summary = [
    `${SEVERITY_ICONS[f.severity]} <b>${escapeHtml(f.severity)}</b>`,
    safeHtml(f.title, opts),
    // One line: a blank line (from a model-given path) would end the HTML block and let Markdown render.
    ...(where ? [`<code>${escapeHtml(where.replace(/\s+/g, ' '))}</code>`] : []),
  ].join(' · ');
  const parts = ['<details>', `<summary>${summary}</summary>`, '', safeText(f.body, opts)];
  if (f.suggestion !== null) parts.push('', '**Suggested change**', '', codeBlock(defuseCode(f.suggestion), fenceLanguage(f.path)));
  parts.push('', `Source: ${sourceLabel(f.source)}`, '', '</details>');
  return parts.join('\n');
}

function history(shas: string[] | undefined): string {
  const valid = (shas ?? []).filter((s) => /^[0-9a-f]{7,40}$/i.test(s));
  if (valid.length === 0) return '';
  return `<sub>Reviewed commits: ${valid.map(shortSha).join(' → ')}</sub>`;
}

/** Seven hex digits, which GitHub links to the commit; anything else is shown inert. */
function shortSha(sha: string): string {
  return /^[0-9a-f]{7,40}$/i.test(sha) ? sha.slice(0, 7).toLowerCase() : codeSpan(sha.slice(0, 12));
}
