import type { AdrWrite } from '../domain/Write.js';
import type { GitHub } from '../github/GitHub.js';
import type { CommitAdrInput } from './commitAdr.js';
import { renderAdrFile } from './renderAdrFile.js';
import { safeLine } from '../render/safeText.js';

const pad = (n: number) => String(n).padStart(4, '0');

/** The commit message's subject for the number. */
export function adrCommitMessage(write: Pick<AdrWrite, 'adr' | 'title'>, number: number): string {
  return `ADR-${pad(number)}: ${(write.title || write.adr.title).replace(/\s+/g, ' ').trim()}`.slice(0, 200);
}

/** The record's file text for the number it gets. */
export function adrFileText(write: AdrWrite, number: number): string {
  return renderAdrFile(
    { ...write.adr, title: write.title || write.adr.title },
    { ...write.meta, number, ...(write.supersedes !== undefined ? { supersedes: [write.supersedes] } : {}) },
  );
}

/** The pull request's description: where the decision comes from, and that merging it accepts it. */
export function adrPullBody(write: AdrWrite, path: string): string {
  const source = write.source ? `${write.source.kind === 'issue' ? 'issue' : 'pull request'} ${write.source.url}` : 'the thread';
  const decision = write.adr.outcome.chosen;
  return [
    `Records an architecture decision from ${source}, requested by @${write.requester}.`,
    '',
    decision ? `**Decision:** ${safeLine(decision)}` : '',
    '',
    `The record is \`${path}\`; the index \`${path.replace(/[^/]+$/, 'README.md')}\` is updated in the same commit.`,
    write.supersedes !== undefined ? `It supersedes ADR-${pad(write.supersedes)}, whose status changes to \`superseded\` in the same commit.` : '',
    '',
    `**Merging this pull request accepts the decision.** The file already says \`status: ${write.meta.status}\`, so the default branch and its index are right the moment it is merged; closing it without merging rejects the proposal and nothing is recorded. Review and complete the sections marked _to be completed_ before merging.`,
  ]
    .filter((l, i, all) => l !== '' || (all[i - 1] ?? '') !== '')
    .join('\n');
}

/** What commitAdr needs for one planned record. */
export function adrCommitInput(github: GitHub, write: AdrWrite, repoUrl: string): CommitAdrInput {
  return {
    github,
    dir: write.dir,
    mode: write.mode,
    title: write.title || write.adr.title,
    supersedes: write.supersedes,
    render: (number) => adrFileText(write, number),
    message: (number) => adrCommitMessage(write, number),
    pullBody: (_number, path) => adrPullBody(write, path),
    repoUrl,
  };
}
