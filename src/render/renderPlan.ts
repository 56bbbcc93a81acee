import type { Plan, PlanSection, ProposedDecision, Risk, TradeOff } from '../domain/planSchema.js';
import { PLAN_SECTION_TITLES } from '../domain/planSchema.js';
import { decisionCheckboxLine } from '../domain/decisionCheckbox.js';
import { joinSections } from './limitBody.js';
import { renderConflicts } from './renderConflicts.js';
import type { RenderMeta } from './RenderMeta.js';
import { renderFooter } from './renderFooter.js';
import { renderPreamble } from './renderPreamble.js';
import { safeOptions } from './safeOptions.js';
import { safeHtml, safeInline, safeLine, safeText, type SafeTextOptions } from './safeText.js';

const LEVEL_ICONS: Record<Risk['likelihood'], string> = { high: '🔴 high', medium: '🟠 medium', low: '🟢 low' };
const LEVEL_SCORE: Record<Risk['likelihood'], number> = { high: 3, medium: 2, low: 1 };

/**
 * The plan comment on an issue. Sections are ordered by what a reader needs first and what may be
 * cut last: summary and conflicts with recorded decisions before the design, proposed decisions
 * near the end, then the footer with the marker (which `joinSections` always keeps).
 */
export function renderPlan(plan: Plan, meta: RenderMeta): string {
  const opts = safeOptions(meta);
  const heading = `🏗️ ${meta.title ? safeLine(meta.title, opts) : 'Architecture plan'}`;
  const sections = [
    renderPreamble(heading, meta, opts),
    safeText(plan.summary, opts),
    renderConflicts(plan.decisionConflicts, opts),
    bullets('**Assumptions**', plan.assumptions, opts),
    ...plan.sections.map((s) => designSection(s, opts)),
    tradeOffs(plan.tradeOffs, opts),
    risks(plan.risks, opts),
    bullets('### ❓ Open questions', plan.openQuestions, opts),
    checklists(plan.checklists, opts),
    decisions(plan.proposedDecisions, opts),
    renderFooter({ marker: meta.marker, info: meta.info }),
  ];
  return joinSections(sections);
}

function bullets(heading: string, items: string[], opts: SafeTextOptions): string {
  if (items.length === 0) return '';
  return [heading, '', ...items.map((i) => `- ${safeLine(i, opts)}`)].join('\n');
}

function designSection(section: PlanSection, opts: SafeTextOptions): string {
  const parts = [`### ${PLAN_SECTION_TITLES[section.kind]}`, '', safeText(section.summary, opts)];
  if (section.items.length > 0) parts.push('', ...section.items.map((i) => `- ${safeLine(i, opts)}`));
  if (section.questions.length > 0) {
    parts.push('', '**Questions to settle**', '', ...section.questions.map((q) => `- ${safeLine(q, opts)}`));
  }
  return parts.join('\n');
}

function tradeOffs(items: TradeOff[], opts: SafeTextOptions): string {
  if (items.length === 0) return '';
  const blocks = items.map((t) => {
    const head = `**${safeLine(t.topic, opts)}**: chose **${safeLine(t.choice, opts)}**. ${safeLine(t.rationale, opts)}`;
    if (t.options.length === 0) return head;
    // The options table is long and secondary to the choice, so it is collapsed.
    const chosen = t.choice.trim().toLowerCase();
    const rows = t.options.map((o) => {
      const name = `**${safeInline(o.name, opts)}**${o.name.trim().toLowerCase() === chosen ? ' ✔️' : ''}`;
      return `| ${name} | ${cell(o.pros, opts)} | ${cell(o.cons, opts)} |`;
    });
    return [
      head,
      '',
      '<details>',
      `<summary>Options weighed: ${safeHtml(t.topic, opts)}</summary>`,
      '',
      '| Option | Pros | Cons |',
      '| --- | --- | --- |',
      ...rows,
      '',
      '</details>',
    ].join('\n');
  });
  return ['### ⚖️ Trade-offs', '', blocks.join('\n\n')].join('\n');
}

/** Several points in one table cell, one per line. */
function cell(points: string[], opts: SafeTextOptions): string {
  return points.length === 0 ? '—' : points.map((p) => safeInline(p, opts)).join('<br>');
}

function risks(items: Risk[], opts: SafeTextOptions): string {
  if (items.length === 0) return '';
  // Worst first: impact weighs more than likelihood; the sort is stable for equal scores.
  const sorted = [...items].sort(
    (a, b) => LEVEL_SCORE[b.impact] * 10 + LEVEL_SCORE[b.likelihood] - (LEVEL_SCORE[a.impact] * 10 + LEVEL_SCORE[a.likelihood]),
  );
  return [
    '### 🚨 Risks',
    '',
    '| Risk | Likelihood | Impact | Mitigation |',
    '| --- | --- | --- | --- |',
    ...sorted.map(
      (r) => `| ${safeInline(r.risk, opts)} | ${LEVEL_ICONS[r.likelihood]} | ${LEVEL_ICONS[r.impact]} | ${safeInline(r.mitigation, opts)} |`,
    ),
  ].join('\n');
}

function checklists(lists: Plan['checklists'], opts: SafeTextOptions): string {
  const groups: [string, string[]][] = [
    ['Implementation', lists.implementation],
    ['Security', lists.security],
    ['Performance', lists.performance],
    ['Reliability', lists.reliability],
  ];
  const blocks = groups
    .filter(([, items]) => items.length > 0)
    .map(([name, items]) => [`**${name}**`, '', ...items.map((i) => `- [ ] ${safeLine(i, opts)}`)].join('\n'));
  if (blocks.length === 0) return '';
  return ['### ✅ Checklists', '', blocks.join('\n\n')].join('\n');
}

function decisions(items: ProposedDecision[], opts: SafeTextOptions): string {
  if (items.length === 0) return '';
  const blocks = items.map((d, i) => {
    // Sanitised blocks are never prefixed on their first line: that could turn a fence into text.
    const lines = [decisionCheckboxLine(i + 1, safeLine(d.title, opts)), '', indent(safeText(d.decision, opts))];
    const why = [safeText(d.rationale, opts)];
    if (d.alternatives.length > 0) {
      why.push('', '**Alternatives considered**', '', ...d.alternatives.map((a) => `- ${safeLine(a, opts)}`));
    }
    lines.push('', indent(['<details>', '<summary>Why, and the alternatives</summary>', '', ...why, '', '</details>'].join('\n')));
    return lines.join('\n');
  });
  return [
    '### 📝 Proposed decisions',
    '',
    'Tick a box (or comment `/agency:adr accept <n>`) to record that decision as an ADR.',
    '',
    blocks.join('\n\n'),
  ].join('\n');
}

/** Continuation lines of a list item; blank lines stay empty. */
function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? '' : `  ${l}`))
    .join('\n');
}
