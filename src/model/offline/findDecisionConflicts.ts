import type { DecisionRef } from '../../domain/Model.js';
import type { DecisionConflict, PlanSectionKind } from '../../domain/planSchema.js';
import { CONFLICT_RULES } from './conflictRules.js';

/** Only accepted decisions bind a plan; proposed or superseded ones are history. */
function isAccepted(status: string): boolean {
  return /^\s*accepted\b/i.test(status);
}

/** Accepted decisions whose wording contradicts advice in the given plan sections (keyword rules). */
export function findDecisionConflicts(decisions: DecisionRef[], sections: readonly PlanSectionKind[]): DecisionConflict[] {
  const present = new Set(sections);
  const conflicts: DecisionConflict[] = [];
  for (const ref of decisions) {
    if (!isAccepted(ref.status)) continue;
    const text = `${ref.title}. ${ref.decision}`.slice(0, 4000);
    const explanations = new Set<string>();
    for (const rule of CONFLICT_RULES) {
      if (present.has(rule.section) && rule.pattern.test(text)) explanations.add(rule.explanation);
    }
    for (const explanation of explanations) conflicts.push({ adr: `${ref.id} ${ref.title}`.trim(), explanation });
  }
  return conflicts;
}
