import type { PlanRequest } from '../../domain/Model.js';
import {
  PLAN_SECTION_KINDS,
  type Plan,
  type PlanSection,
  type ProposedDecision,
  type Risk,
  type TradeOff,
} from '../../domain/planSchema.js';
import { BASE_PLAYBOOK } from './basePlaybook.js';
import { CONCERN_PLAYBOOKS } from './concernPlaybooks.js';
import { CONCERN_RULES } from './concernRules.js';
import { detectConcerns, type DetectedConcern } from './detectConcerns.js';
import { findDecisionConflicts } from './findDecisionConflicts.js';
import { FOCUS_EXTRAS } from './focusExtras.js';
import { dedupePlan, dropAnswered, groundInRepo, isUiOnly, uiOnlyPlan } from './groundPlan.js';
import type { ChecklistItems, Playbook } from './Playbook.js';
import { PLAN_TEXT } from './planText.js';
import { roundRobin } from './roundRobin.js';
import { SECTION_DEFAULTS } from './sectionDefaults.js';

/** Limits that keep the comment readable when many concerns apply. */
const CAPS = { sectionItems: 12, sectionQuestions: 5, tradeOffs: 4, risks: 6, openQuestions: 8, decisions: 4, checklist: 12, shapes: 3, matchedShown: 3 };
type ChecklistName = keyof Plan['checklists'];

const same = (s: string): string => s;

function dedupe(items: string[]): string[] {
  return [...new Set(items)];
}

function listJoin(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * At most `cap` items, chosen in turns so every source (each concern, then the defaults) keeps its
 * first points, but listed grouped by source so related points stay together.
 */
function fairCut(lists: string[][], cap: number): string[] {
  const kept = new Set(roundRobin(lists, cap, same));
  return dedupe(lists.flat()).filter((item) => kept.has(item));
}

function buildSections(books: Playbook[]): PlanSection[] {
  const sections: PlanSection[] = [];
  for (const kind of PLAN_SECTION_KINDS) {
    const defaults = SECTION_DEFAULTS[kind];
    const contributions = books.flatMap((b) => (b.sections[kind] ? [b.sections[kind]] : []));
    if (!defaults.always && !contributions.some((c) => !c.onlyIfPresent)) continue;
    const lead = contributions.find((c) => c.lead)?.lead;
    sections.push({
      kind,
      summary: lead ? `${defaults.summary} ${lead}` : defaults.summary,
      // Tailored advice first: it is what this issue needs beyond the defaults.
      items: fairCut([...contributions.map((c) => c.items), defaults.items], CAPS.sectionItems),
      questions: fairCut([...contributions.map((c) => c.questions ?? []), defaults.questions], CAPS.sectionQuestions),
    });
  }
  return sections;
}

function buildSummary(request: PlanRequest, detected: DetectedConcern[], books: Playbook[]): string {
  const hasContext = Boolean(request.context?.trim());
  const inputs = `${PLAN_TEXT.inputs[request.subject.kind]}${hasContext ? PLAN_TEXT.inputs.withContext : ''}.`;
  const parts = [PLAN_TEXT.engine, inputs];
  if (detected.length === 0) {
    parts.push(PLAN_TEXT.nothingRecognised, PLAN_TEXT.shape(BASE_PLAYBOOK.shape));
  } else {
    const named = detected.map((d) => {
      const words = d.matched.slice(0, CAPS.matchedShown).map((w) => `“${w}”`);
      return `${CONCERN_RULES[d.concern].label} (${words.join(', ')})`;
    });
    parts.push(PLAN_TEXT.recognised(listJoin(named)));
    parts.push(PLAN_TEXT.shape(books.slice(0, CAPS.shapes).map((b) => b.shape).join('; ')));
  }
  const focus = FOCUS_EXTRAS[request.focus];
  if (focus) parts.push(focus.note);
  parts.push(PLAN_TEXT.figures);
  return parts.join(' ');
}

function buildChecklists(request: PlanRequest, books: Playbook[]): Plan['checklists'] {
  const focus: ChecklistItems = FOCUS_EXTRAS[request.focus]?.checklists ?? {};
  // The focus's items first (what was asked for), then each concern's in turn, generic ones last.
  const pick = (list: ChecklistName): string[] =>
    roundRobin(
      [focus[list] ?? [], ...books.map((b) => b.checklists?.[list] ?? []), BASE_PLAYBOOK.checklists?.[list] ?? []],
      CAPS.checklist,
      same,
    );
  return { implementation: pick('implementation'), security: pick('security'), performance: pick('performance'), reliability: pick('reliability') };
}

function toProposed({ title, decision, rationale, alternatives }: ProposedDecision): ProposedDecision {
  return { title, decision, rationale, alternatives: [...alternatives] };
}

/**
 * The offline engine's plan: keyword-detected concerns (detectConcerns) mapped to the advice in the
 * playbooks. Pure and deterministic; reads only the subject's title and body and the command context
 * (not comments, which may include the bot's own earlier plan).
 */
export function offlinePlan(request: PlanRequest): Plan {
  const text = [request.subject.title, request.subject.body, request.context ?? ''].join('\n\n');
  if (isUiOnly(text)) return uiOnlyPlan(request.subject.title);
  const plan = playbookPlan(request, text);
  const grounded = request.repoMap ? groundInRepo(plan, text, request.repoMap) : plan;
  return dedupePlan(dropAnswered(grounded, text, request.repoMap));
}

function playbookPlan(request: PlanRequest, text: string): Plan {
  const detected = detectConcerns(text);
  const books = detected.map((d) => CONCERN_PLAYBOOKS[d.concern]);
  const sections = buildSections(books);

  const tradeOffs = roundRobin<TradeOff>(books.map((b) => b.tradeOffs ?? []), CAPS.tradeOffs, (t) => t.topic);
  const risks = roundRobin<Risk>([...books.map((b) => b.risks ?? []), BASE_PLAYBOOK.risks ?? []], CAPS.risks, (r) => r.risk);
  const decisions = roundRobin(books.map((b) => b.decisions ?? []), CAPS.decisions, (d) => d.title);
  const assumptions = dedupe([...(BASE_PLAYBOOK.assumptions ?? []), ...books.flatMap((b) => b.assumptions ?? [])]);
  if (request.decisions.length > 0) assumptions.push(PLAN_TEXT.decisionsRead(request.decisions.length));

  return {
    summary: buildSummary(request, detected, books),
    assumptions,
    sections,
    tradeOffs: (tradeOffs.length > 0 ? tradeOffs : (BASE_PLAYBOOK.tradeOffs ?? [])).map((t) => structuredClone(t)),
    risks: risks.map((r) => ({ ...r })),
    openQuestions: roundRobin([...books.map((b) => b.openQuestions ?? []), BASE_PLAYBOOK.openQuestions ?? []], CAPS.openQuestions, same),
    checklists: buildChecklists(request, books),
    proposedDecisions: (decisions.length > 0 ? decisions : (BASE_PLAYBOOK.decisions ?? [])).map(toProposed),
    decisionConflicts: findDecisionConflicts(request.decisions, sections.map((s) => s.kind)),
  };
}
