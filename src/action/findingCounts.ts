import { SEVERITIES, severityRank, type Severity } from '../domain/findingSchema.js';
import type { FailOn } from './actionInputs.js';

export type SeverityCounts = Record<Severity, number>;

export function emptyCounts(): SeverityCounts {
  return { blocker: 0, major: 0, minor: 0, nit: 0 };
}

/** Per-severity counts from a job outcome's `details.severities` (reviews only); zeros otherwise. */
export function countsFromDetails(details: Record<string, unknown> | undefined): SeverityCounts {
  const counts = emptyCounts();
  const raw = details?.severities;
  if (typeof raw !== 'object' || raw === null) return counts;
  for (const s of SEVERITIES) {
    const n = (raw as Record<string, unknown>)[s];
    if (typeof n === 'number' && Number.isFinite(n)) counts[s] = n;
  }
  return counts;
}

/** The most severe level with findings that reaches `failOn`, or undefined. */
export function failingSeverity(counts: SeverityCounts, failOn: FailOn): Severity | undefined {
  if (failOn === 'never') return undefined;
  return SEVERITIES.find((s) => counts[s] > 0 && severityRank(s) <= severityRank(failOn));
}
