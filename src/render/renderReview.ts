import { SEVERITIES, severityRank, type Finding, type Severity } from '../model/findingSchema.js';
import type { ChecklistItem, Review, Verdict } from '../model/reviewSchema.js';
import { codeBlock } from './codeBlock.js';
import { fenceLanguage } from './fenceLanguage.js';
import { findingLocation, findingPermalink } from './findingLocation.js';
import { joinSections } from './limitBody.js';
import type { RenderMeta } from './RenderMeta.js';
import { renderConflicts } from './renderConflicts.js';
import { renderFooter } from './renderFooter.js';
import { renderPreamble } from './renderPreamble.js';
import { safeOptions } from './safeOptions.js';
import { codeSpan, defuseCode, escapeHtml, escapePipes, safeHtml, safeInline, safeLine, safeText, type SafeTextOptions } from './safeText.js';
import { SEVERITY_ICONS, severityLabel } from './severityLabel.js';
import { sourceLabel } from './sourceLabel.js';

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

/**
 * The living summary comment of a PR review. What the reviewer did not read comes right after the
 * verdict, because "it never hides the evidence" includes the gaps; collapsed finding details and
 * the commit history come last, so they are the first to go when GitHub's size limit bites.
 */
export function renderReview(review: Review, meta: ReviewMeta): string {
  const opts = safeOptions(meta);
  const findings = sortFindings(review.findings);
  const head = meta.shas?.at(-1);
  const sections = [
    renderPreamble(`🔍 ${meta.title ? safeLine(meta.title, opts) : 'Backend review'}`, meta, opts, scope(meta)),
    verdict(review, findings, meta, opts),
    notReviewed(meta.notReviewed, review.notReviewed, opts),
    renderConflicts(review.decisionConflicts, opts),
    findingsTable(findings, meta.repoUrl, head, opts),
    checklist(review.checklist, opts),
    ...findings.map((f) => findingDetails(f, opts)),
    history(meta.shas),
    renderFooter({ marker: meta.marker, info: meta.info }),
  ];
  return joinSections(sections);
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
  const n = (v: number) => v.toLocaleString('en-US');
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
  const line = `**Verdict:** ${VERDICT_LABELS[review.verdict]} · ${counts.length > 0 ? counts.join(' · ') : 'no findings'}`;
  return [line, '', coverageLine(meta.coverage), '', safeText(review.summary, opts)].join('\n');
}

function notReviewed(packed: ReviewMeta['notReviewed'], modelNotes: string[], opts: SafeTextOptions): string {
  const items = [
    ...packed.map((p) => `- ${codeSpan(p.path)} — ${safeLine(p.reason, opts)}`),
    ...modelNotes.map((n) => `- ${safeLine(n, opts)}`),
  ];
  if (items.length === 0) return '';
  if (items.length <= OPEN_LIST_MAX) return ['**Not reviewed**', '', ...items].join('\n');
  return ['<details>', `<summary>Not reviewed (${items.length})</summary>`, '', ...items, '', '</details>'].join('\n');
}

function findingsTable(findings: Finding[], repoUrl: string | undefined, head: string | undefined, opts: SafeTextOptions): string {
  if (findings.length === 0) return '';
  const rows = findings.map((f) => {
    const where = findingLocation(f);
    const link = findingPermalink(f, repoUrl, head);
    const whereCell = where ? (link ? `[${codeSpan(where)}](${link})` : codeSpan(where)) : 'whole PR';
    const what = `**${safeInline(f.title, opts)}**${f.category ? ` · ${safeInline(f.category, opts)}` : ''}`;
    return `| ${severityLabel(f.severity)} | ${escapePipes(whereCell)} | ${what} | ${escapePipes(sourceLabel(f.source))} |`;
  });
  return ['### Findings', '', '| Severity | Where | Finding | Source |', '| --- | --- | --- | --- |', ...rows].join('\n');
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
