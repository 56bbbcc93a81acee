import { commentableLines } from '../evidence/commentableLines.js';
import { severityRank, type Finding } from '../domain/findingSchema.js';
import type { Hunk } from '../evidence/DiffFile.js';

export interface InlinePlan {
  /** Findings posted as inline comments: their line (and range) is on the right side of the diff. */
  inline: Finding[];
  /** Findings that stay in the summary: no line, a line outside the diff, or over the cap. */
  summaryOnly: Finding[];
}

/**
 * GitHub rejects a whole review (422) if one inline comment points outside the diff, so each
 * finding is checked against its file's patch before it is posted; the most severe go first.
 */
export function selectInlineFindings(
  findings: Finding[],
  /** Each file's patch, with its hunks when they are parsed already. */
  patches: ReadonlyMap<string, string | { patch: string; hunks?: readonly Hunk[] }>,
  opts: { enabled: boolean; max: number },
): InlinePlan {
  const inline: Finding[] = [];
  const summaryOnly: Finding[] = [];
  const lines = new Map<string, Set<number>>();
  const sorted = [...findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  for (const finding of sorted) {
    const patch = finding.path ? patches.get(finding.path) : undefined;
    if (!opts.enabled || inline.length >= opts.max || patch === undefined || finding.line === null) {
      summaryOnly.push(finding);
      continue;
    }
    let valid = lines.get(finding.path!);
    if (!valid) {
      valid = commentableLines(patch);
      lines.set(finding.path!, valid);
    }
    const end = finding.endLine ?? finding.line;
    let ok = end >= finding.line;
    for (let l = finding.line; ok && l <= end; l++) ok = valid.has(l);
    if (ok) inline.push(finding);
    else summaryOnly.push({ ...finding, suggestion: null });
  }
  return { inline, summaryOnly };
}
