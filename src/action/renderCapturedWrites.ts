import type { CapturedWrite } from '../github/capturingGitHub.js';

function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}markdown\n${text}\n${ticks}`;
}

function describe(write: CapturedWrite): { title: string; body?: string } {
  const [a, b] = write.args as [unknown, unknown];
  switch (write.method) {
    case 'createComment':
      return { title: `comment on #${String(a)}`, body: String(b) };
    case 'updateComment':
      return { title: `edit of comment ${String(a)}`, body: String(b) };
    case 'reactToComment':
      return { title: `reaction "${String(b)}" on comment ${String(a)}` };
    case 'createReview': {
      const review = b as { event: string; body: string; comments: { path: string; line: number; body: string }[] };
      const inline = review.comments.map((c) => `**${c.path}:${c.line}**\n\n${c.body}`).join('\n\n---\n\n');
      return { title: `review (${review.event}) on #${String(a)} with ${review.comments.length} inline comment(s)`, body: [review.body, inline].filter(Boolean).join('\n\n---\n\n') };
    }
    case 'createCheckRun': {
      const check = a as { name: string; conclusion: string; title: string; summary: string; annotations: unknown[] };
      return { title: `check run "${check.name}": ${check.conclusion}, ${check.title}, ${check.annotations.length} annotation(s)` };
    }
    default:
      return { title: write.method, body: JSON.stringify(write.args, null, 2).slice(0, 20_000) };
  }
}

/** Markdown listing what would have been written, each body in a fence so it is shown, not rendered twice. */
export function renderCapturedWrites(writes: readonly CapturedWrite[]): string {
  if (writes.length === 0) return '_Nothing would be written._';
  return writes
    .map((w, i) => {
      const { title, body } = describe(w);
      return `#### ${i + 1}. ${title}${body ? `\n\n${fence(body)}` : ''}`;
    })
    .join('\n\n');
}

/** Plain text for the log: one header line per write and its body. */
export function printCapturedWrite(write: CapturedWrite): string {
  const { title, body } = describe(write);
  return `[dry-run] would write: ${title}\n${body ? `${body}\n` : ''}`;
}
