import { COMMAND_SUMMARIES, type Command } from '../../domain/commands.js';
import type { RepoMap } from '../../domain/RepoMap.js';
import { renderRepoMap } from '../../repomap/renderRepoMap.js';
import type { DecisionRef, Subject } from '../../domain/Model.js';
import { fixed, type Piece } from './budget.js';
import { safeLogin, UNTRUSTED_NOTICE, untrustedBlock } from './untrusted.js';

/** The `# Task` heading with its instruction lines, followed by the standing notice on untrusted text. */
export function taskPiece(lines: readonly string[]): Piece {
  return fixed(['# Task', ...lines, '', UNTRUSTED_NOTICE, '', ''].join('\n'));
}

/** The closing `# Output` instruction every prompt ends with. */
export function outputPiece(): Piece {
  return fixed('# Output\nAnswer with one JSON object that follows the output schema.\n');
}

export function focusLine(focus: Command): string {
  return `Focus: ${focus} (${COMMAND_SUMMARIES[focus]})`;
}

function subjectNoun(subject: Subject): string {
  return subject.kind === 'pull_request' ? 'pull request' : 'issue';
}

/** The issue or pull request: title, body and comments, each in its own untrusted block. */
export function subjectPieces(subject: Subject): Piece[] {
  const noun = subjectNoun(subject);
  const prefix = subject.kind === 'pull_request' ? 'pull_request' : 'issue';
  const number = subject.number !== undefined ? ` #${subject.number}` : '';
  const Noun = noun[0]!.toUpperCase() + noun.slice(1);
  const pieces: Piece[] = [
    fixed(`# The ${noun}${number}\n\n`),
    ...untrustedBlock({ label: `${Noun} title`, name: `${prefix}_title`, text: subject.title }),
    ...untrustedBlock({ label: `${Noun} body`, name: `${prefix}_body`, text: subject.body }),
  ];
  const count = subject.comments.length;
  subject.comments.forEach((comment, i) => {
    pieces.push(
      ...untrustedBlock({
        label: `Comment ${i + 1} of ${count}, by ${safeLogin(comment.author)}`,
        name: `${prefix}_comment`,
        text: comment.body,
      }),
    );
  });
  if (count === 0) pieces.push(fixed(`The ${noun} has no comments.\n\n`));
  return pieces;
}

/** Recorded decisions, accepted ones first; accepted decisions are binding. */
export function decisionPieces(decisions: readonly DecisionRef[]): Piece[] {
  if (decisions.length === 0) {
    return [fixed('# Recorded decisions\n\nNo architecture decisions are recorded for this repository yet.\n\n')];
  }
  const accepted = decisions.filter((d) => d.status.toLowerCase() === 'accepted');
  const others = decisions.filter((d) => d.status.toLowerCase() !== 'accepted');
  const line = (d: DecisionRef) =>
    `${d.id} [${d.status}] ${d.title}${d.path ? ` (${d.path})` : ''}\n  Decision: ${d.decision.replace(/\s*\n\s*/g, ' ')}`;
  const text = [...accepted, ...others].map(line).join('\n');
  return [
    fixed(
      `# Recorded decisions\n\n${accepted.length} accepted decision(s) are binding: when this work contradicts one, ` +
        'report it in decisionConflicts with its id and title. Decisions with other statuses are context only.\n\n',
    ),
    ...untrustedBlock({ label: 'Architecture decision records', name: 'decisions', text }),
  ];
}

/**
 * The repository as it is: stack, tables, routes, layout and the files related to the subject, then each
 * conventions file. Untrusted like everything read from the repository.
 */
export function repoMapPieces(map: RepoMap | undefined, subject: Subject, withTools: boolean): Piece[] {
  if (!map) return [];
  const pieces: Piece[] = [
    fixed(
      '# The repository\n\nWhat the repository is made of, read from its default branch. Build on it: name the stack it uses, ' +
        'refer to the existing tables, routes and files, and put new pieces where the codebase puts them. Do not assume ' +
        'a stack, table or route the map contradicts.' +
        (withTools ? ' Read-only tools can list folders, read files and search the map when you need more than this.' : '') +
        '\n\n',
    ),
    ...untrustedBlock({ label: 'Repository map', name: 'repo_map', text: renderRepoMap(map, `${subject.title}\n${subject.body}`) }),
  ];
  for (const file of map.conventions) {
    pieces.push(...untrustedBlock({ label: `Conventions file ${file.path}`, name: 'repo_conventions', text: file.text, attributes: { path: file.path } }));
  }
  return pieces;
}
