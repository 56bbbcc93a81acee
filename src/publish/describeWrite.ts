import type { Published } from '../domain/Write.js';

/** A heading for one write of a plan, and the text it carries (for dry-run summaries and logs). */
export function describeWrite({ write, result }: Published): { title: string; body?: string } {
  const shown = result.kind === 'shown' ? result.body : undefined;
  switch (write.kind) {
    case 'comment':
      return { title: write.commentId !== undefined ? `edit of comment ${write.commentId}` : `comment on #${write.number}`, body: shown ?? write.body };
    case 'adr-log':
      return { title: write.commentId !== undefined ? `edit of comment ${write.commentId} (ADR log)` : `comment on #${write.number} (ADR log)`, body: shown };
    case 'reaction':
      return { title: `reaction "${write.content}" on comment ${write.commentId}` };
    case 'review': {
      const inline = write.comments.map((c) => `**${c.path}:${c.line}**\n\n${c.body}`).join('\n\n---\n\n');
      return { title: `review (${write.event}) on #${write.number} with ${write.comments.length} inline comment(s)`, body: [write.body, inline].filter(Boolean).join('\n\n---\n\n') };
    }
    case 'dismiss-review':
      return { title: `dismissal of review ${write.reviewId} on #${write.number}`, body: write.message };
    case 'check-run':
      return { title: `check run "${write.check.name}": ${write.check.conclusion}, ${write.check.title}, ${write.check.annotations.length} annotation(s)` };
    case 'adr': {
      const adr = result.kind === 'adr' ? result.result : undefined;
      if (adr?.kind === 'preview') return { title: `ADR \`${adr.path}\` (${write.mode === 'pr' ? 'branch and pull request' : 'commit to the default branch'})`, body: adr.content };
      return { title: `ADR “${write.title}”${adr ? `: ${adr.kind}` : ''}` };
    }
  }
}

/** The text a shown or published plan posts as its comment: the last comment of the plan. */
export function lastCommentText(published: readonly Published[]): string | undefined {
  const last = published.filter((p) => p.write.kind === 'comment' || p.write.kind === 'adr-log').at(-1);
  return last ? describeWrite(last).body : undefined;
}
