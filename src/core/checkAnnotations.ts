import type { Finding } from '../domain/findingSchema.js';

export type Anchored = Finding & { path: string; line: number };

/**
 * Findings a check run may annotate. GitHub answers 422 for the whole request when one annotation has a
 * line below 1, an end before its start, or a path that is not a file of the commit
 * (https://docs.github.com/en/rest/checks/runs#create-a-check-run): like inline comments, each is
 * checked first. A reversed range keeps its start line; the rest stay in the summary only.
 */
export function checkAnnotations(findings: Finding[], paths: Set<string>): Anchored[] {
  const out: Anchored[] = [];
  for (const f of findings) {
    if (f.path === null || f.line === null || !Number.isInteger(f.line) || f.line < 1 || !paths.has(f.path)) continue;
    const endLine = f.endLine !== null && Number.isInteger(f.endLine) && f.endLine >= f.line ? f.endLine : null;
    out.push({ ...f, path: f.path, line: f.line, endLine });
  }
  return out;
}
