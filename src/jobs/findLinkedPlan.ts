import type { ReadGitHub as GitHub, PullData } from '../github/GitHub.js';
import type { LinkedPlan } from '../domain/Model.js';
import { decodeMarker } from '../domain/marker.js';
import { sanitizeUntrusted } from '../security/sanitizeUntrusted.js';

const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+#(\d+)\b/gi;
const REFERENCE = /(?:^|[\s(])#(\d+)\b/g;
const MAX_ITEMS = 25;

/** The issue a pull request closes (`Closes #12`, `Fixes`, `Resolves`), else the first it references. */
export function referencedIssue(text: string, self?: number): number | undefined {
  for (const re of [CLOSING, REFERENCE]) {
    for (const m of text.matchAll(re)) {
      const n = Number(m[1]);
      if (n > 0 && n !== self) return n;
    }
  }
  return undefined;
}

/** Plan items (checklist lines) and decisions (ADR checkboxes, ticked = accepted) of a plan comment. */
export function planOutline(issue: number, body: string): LinkedPlan {
  const items: string[] = [];
  const decisions: string[] = [];
  for (const line of body.split('\n')) {
    const decision = /^\s*[-*] \[([ xX])\] Record as ADR \d+: (.+)$/.exec(line);
    if (decision) {
      decisions.push(`${decision[2]!.trim()}${decision[1] === ' ' ? ' (proposed)' : ' (accepted)'}`);
      continue;
    }
    const item = /^\s*[-*] \[[ xX]\] (.+)$/.exec(line);
    if (item && items.length < MAX_ITEMS) items.push(item[1]!.trim());
  }
  return { issue, items, decisions };
}

/**
 * The Agency plan of the issue a pull request closes or references: the bot's own plan comment on it,
 * found by its marker. Two requests at most (the issue's comments); undefined when there is none.
 */
export async function findLinkedPlan(github: GitHub, pr: PullData, botLogin: string): Promise<LinkedPlan | undefined> {
  const issue = referencedIssue(sanitizeUntrusted(`${pr.title}\n${pr.body}`).text, pr.number);
  if (issue === undefined) return undefined;
  const comments = await github.comments(issue, 100);
  const plan = comments.filter((c) => c.author === botLogin && decodeMarker(c.body)?.family === 'plan').at(-1);
  if (!plan) return undefined;
  const outline = planOutline(issue, plan.body);
  return outline.items.length + outline.decisions.length > 0 ? outline : undefined;
}
