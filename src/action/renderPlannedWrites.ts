import type { Published } from '../domain/Write.js';
import { describeWrite } from '../publish/describeWrite.js';

function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}markdown\n${text}\n${ticks}`;
}

/** Markdown listing what would have been written, each body in a fence so it is shown, not rendered twice. */
export function renderPlannedWrites(published: readonly Published[]): string {
  if (published.length === 0) return '_Nothing would be written._';
  return published
    .map((p, i) => {
      const { title, body } = describeWrite(p);
      return `#### ${i + 1}. ${title}${body ? `\n\n${fence(body)}` : ''}`;
    })
    .join('\n\n');
}

/** Plain text for the log: one header line per write and its body. */
export function printPlannedWrite(published: Published): string {
  const { title, body } = describeWrite(published);
  return `[dry-run] would write: ${title}\n${body ? `${body}\n` : ''}`;
}
