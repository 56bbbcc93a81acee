import type { AdrRequest } from '../../domain/Model.js';
import { fitToBudget, type Piece } from './budget.js';
import { decisionPieces, outputPiece, subjectPieces, taskPiece } from './contextBlocks.js';
import { untrustedBlock } from './untrusted.js';

/** The user turn for an ADR: task, the title asked for, the proposed decision, recorded decisions, the subject. */
export function buildAdrPrompt(request: AdrRequest, budgetTokens: number): string {
  const pieces: Piece[] = [
    taskPiece([
      'Write an Architecture Decision Record (MADR style) for the decision titled below: the context and problem, ' +
        'the decision drivers, the options considered with pros and cons, the chosen option and why, the good and ' +
        'bad consequences, and how to confirm the decision holds (a test, a lint rule, a review item).',
      'Numbering, dates, status and links are added by the application: do not invent them.',
    ]),
    ...untrustedBlock({ label: 'Title of the decision to record', name: 'adr_title', text: request.title }),
  ];
  if (request.proposed) {
    pieces.push(
      ...untrustedBlock({
        label: 'The decision as proposed in the plan, as JSON',
        name: 'proposed_decision',
        text: JSON.stringify(request.proposed, null, 2),
      }),
    );
  }
  pieces.push(
    ...decisionPieces(request.decisions),
    ...subjectPieces(request.subject),
    outputPiece(),
  );
  return fitToBudget(pieces, budgetTokens);
}
