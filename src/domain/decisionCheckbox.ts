/**
 * Proposed decisions in a plan comment are task-list items a user can tick to record an ADR.
 * The line format is shared by the plan renderer (writes it) and the router (reads ticks).
 */
const LINE = /^\s*[-*] \[([ xX])\] Record as ADR (\d+): /;

export function decisionCheckboxLine(n: number, title: string, checked = false): string {
  return `- [${checked ? 'x' : ' '}] Record as ADR ${n}: ${title}`;
}

/** Decision numbers whose checkbox is ticked in a comment body. */
export function tickedDecisions(body: string): number[] {
  const ticked: number[] = [];
  for (const line of body.split('\n')) {
    const m = LINE.exec(line);
    if (m && m[1] !== ' ') ticked.push(Number(m[2]));
  }
  return ticked;
}

/** Decisions ticked in `after` that were not ticked in `before` (an edit of the bot's plan comment). */
export function newlyTickedDecisions(before: string, after: string): number[] {
  const was = new Set(tickedDecisions(before));
  return tickedDecisions(after).filter((n) => !was.has(n));
}
