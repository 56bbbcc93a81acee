import type { Severity } from '../domain/findingSchema.js';

export const SEVERITY_ICONS: Record<Severity, string> = {
  blocker: '⛔',
  major: '🔴',
  minor: '🟡',
  nit: '⚪',
};

/** `⛔ Blocker`: icon and capitalised name, so colour is never the only signal. */
export function severityLabel(severity: Severity): string {
  return `${SEVERITY_ICONS[severity]} ${severity.charAt(0).toUpperCase()}${severity.slice(1)}`;
}
