import { toBeCompleted } from '../../adr/toBeCompleted.js';
import type { Adr } from '../../domain/adrSchema.js';
import type { AdrRequest, Subject } from '../../domain/Model.js';
import type { ProposedDecision } from '../../domain/planSchema.js';
import { ADR_TEXT } from './adrText.js';
import { CONCERN_PLAYBOOKS } from './concernPlaybooks.js';
import { detectConcerns } from './detectConcerns.js';
import { findDecisionTemplate } from './findDecisionTemplate.js';
import type { DecisionTemplate } from './Playbook.js';

const MAX_TITLE = 200;
const MAX_EXCERPT = 500;
const MAX_DRIVERS = 4;

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** The first paragraph of the subject's body, without HTML comments (issue templates are full of them). */
function excerpt(body: string): string {
  const text = body.replace(/<!--[\s\S]*?-->/g, '').replace(/\r\n?/g, '\n').trim();
  const first = text.split(/\n\s*\n/)[0] ?? '';
  return oneLine(first, MAX_EXCERPT);
}

function reference(subject: Subject): string {
  const kind = ADR_TEXT.kind[subject.kind];
  const number = subject.number !== undefined ? ` #${subject.number}` : '';
  const title = oneLine(subject.title, 120);
  return `${kind}${number}${title ? ` (“${title}”)` : ''}`;
}

function context(lead: string, subject: Subject): string {
  const quoted = excerpt(subject.body);
  return quoted ? `${lead}\n\n> ${quoted}` : lead;
}

/** Drivers from the concerns the decision's own words touch; the whole issue would drag in unrelated ones. */
function drivers(text: string): string[] {
  return detectConcerns(text)
    .slice(0, MAX_DRIVERS)
    .map((d) => CONCERN_PLAYBOOKS[d.concern].driver);
}

/** Links to the issue and pull request are added by renderAdrFile from its meta, so they are not repeated here. */
function fromProposal(title: string, proposed: ProposedDecision, template: DecisionTemplate | undefined, request: AdrRequest): Adr {
  const found = drivers(`${proposed.title}\n${proposed.decision}\n${proposed.rationale}`);
  return {
    title,
    context: context(ADR_TEXT.proposedBy(reference(request.subject)), request.subject),
    drivers: found.length > 0 ? found : [proposed.rationale],
    options: [
      { name: proposed.title, pros: [proposed.rationale], cons: [] },
      ...proposed.alternatives.map((name) => ({ name, pros: [], cons: [] })),
    ],
    outcome: { chosen: proposed.title, justification: `${proposed.decision} ${proposed.rationale}`.trim() },
    consequences: {
      good: template ? [...template.good] : [toBeCompleted(ADR_TEXT.blanks.good)],
      bad: template ? [...template.bad] : [toBeCompleted(ADR_TEXT.blanks.bad)],
    },
    confirmation: template?.confirmation ?? toBeCompleted(ADR_TEXT.blanks.confirmation),
    moreInformation: ADR_TEXT.drafted,
  };
}

function skeleton(title: string, request: AdrRequest): Adr {
  const blank = (what: string) => toBeCompleted(what);
  const found = drivers(title);
  return {
    title,
    context: `${ADR_TEXT.requestedOn(reference(request.subject))}\n\n${blank(ADR_TEXT.blanks.context)}`,
    drivers: found.length > 0 ? found : [blank(ADR_TEXT.blanks.drivers)],
    options: [
      { name: title, pros: [blank(ADR_TEXT.blanks.pros)], cons: [blank(ADR_TEXT.blanks.cons)] },
      { name: blank(ADR_TEXT.blanks.anotherOption), pros: [], cons: [] },
    ],
    outcome: { chosen: blank(ADR_TEXT.blanks.chosen), justification: blank(ADR_TEXT.blanks.justification) },
    consequences: { good: [blank(ADR_TEXT.blanks.good)], bad: [blank(ADR_TEXT.blanks.bad)] },
    confirmation: blank(ADR_TEXT.blanks.confirmation),
    moreInformation: ADR_TEXT.skeleton,
  };
}

/**
 * The offline engine's ADR draft. From a plan's proposed decision it fills every section it can
 * (richer when the decision is one of the engine's own); from a bare title it lays out the MADR
 * structure with italic prompts where the deciders must write.
 */
export function offlineAdr(request: AdrRequest): Adr {
  const template = findDecisionTemplate(request.proposed?.title ?? request.title);
  const proposed = request.proposed ?? template;
  const title = oneLine(request.title, MAX_TITLE) || oneLine(proposed?.title ?? '', MAX_TITLE) || 'Decision';
  return proposed ? fromProposal(title, proposed, template, request) : skeleton(title, request);
}
