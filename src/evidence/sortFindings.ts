import { severityRank, type Finding } from '../domain/findingSchema.js';

/** Findings without duplicates (same source, place and title), most severe first, then by path and line. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const key = [f.source.kind, f.source.id, f.path ?? '', f.line ?? '', f.title].join('\0');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      compare(a.path ?? '\uffff', b.path ?? '\uffff') ||
      (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) ||
      compare(a.source.id, b.source.id),
  );
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
