import type { PlanRequest } from '../../domain/Model.js';
import { PLAN_SECTION_KINDS, PLAN_SECTION_TITLES } from '../../domain/planSchema.js';
import { fitToBudget, fixed, type Piece } from './budget.js';
import { decisionPieces, focusLine, outputPiece, repoMapPieces, subjectPieces, taskPiece } from './contextBlocks.js';
import { untrustedBlock } from './untrusted.js';

/** The user turn for a plan: task, recorded decisions, the issue, extra context; at most `budgetTokens`. */
export function buildPlanPrompt(request: PlanRequest, budgetTokens: number): string {
  const noun = request.subject.kind === 'pull_request' ? 'pull request' : 'issue';
  const areas = PLAN_SECTION_KINDS.map((kind) => `${kind} (${PLAN_SECTION_TITLES[kind]})`).join(', ');
  const pieces: Piece[] = [
    taskPiece([
      `Write the architecture plan for the ${noun} below.`,
      focusLine(request.focus),
      `Include a section only for the areas this work needs, in this order: ${areas}.`,
      'Weigh the real options in tradeOffs, list risks with likelihood and impact, the questions the team must settle, ' +
        'and checklists a developer can tick. Put every decision worth recording as an ADR in proposedDecisions.',
    ]),
    ...decisionPieces(request.decisions),
    ...repoMapPieces(request.repoMap, request.subject, request.repoTools !== undefined),
    ...subjectPieces(request.subject),
  ];
  if (request.context && request.context.trim().length > 0) {
    pieces.push(
      fixed('# Extra context given with the command\n\n'),
      ...untrustedBlock({ label: 'Context written after the plan command', name: 'command_context', text: request.context }),
    );
  }
  pieces.push(outputPiece());
  return fitToBudget(pieces, budgetTokens);
}
