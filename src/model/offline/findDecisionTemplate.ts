import { BASE_PLAYBOOK } from './basePlaybook.js';
import { CONCERN_PLAYBOOKS } from './concernPlaybooks.js';
import type { DecisionTemplate } from './Playbook.js';

const TEMPLATES: DecisionTemplate[] = [BASE_PLAYBOOK, ...Object.values(CONCERN_PLAYBOOKS)].flatMap((b) => b.decisions ?? []);

function key(title: string): string {
  return title.replace(/\s+/g, ' ').trim().replace(/[.!]+$/, '').toLowerCase();
}

/** The offline engine's own decision with this title (as its plans propose them), if any. */
export function findDecisionTemplate(title: string): DecisionTemplate | undefined {
  const wanted = key(title);
  return wanted ? TEMPLATES.find((t) => key(t.title) === wanted) : undefined;
}
