import type { DecisionConflict } from '../domain/planSchema.js';
import { safeLine, type SafeTextOptions } from './safeText.js';

/** Recorded decisions (ADRs) that new work contradicts: shown early, since they change the plan. */
export function renderConflicts(items: DecisionConflict[], opts: SafeTextOptions): string {
  if (items.length === 0) return '';
  return [
    '### ⚠️ Conflicts with recorded decisions',
    '',
    ...items.map((c) => `- ⚠️ **${safeLine(c.adr, opts)}**: ${safeLine(c.explanation, opts)}`),
  ].join('\n');
}
