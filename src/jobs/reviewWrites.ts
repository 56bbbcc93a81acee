import type { Finding } from '../domain/findingSchema.js';
import { findingFingerprint, hiddenFingerprint } from '../domain/findingFingerprint.js';
import type { CheckRunWrite, ReviewWrite } from '../domain/Write.js';
import { renderFindingComment } from '../render/renderFindingComment.js';
import type { SafeTextOptions } from '../render/safeText.js';

/** The review with one inline comment per finding, each carrying its fingerprint so it is never repeated. */
export function reviewWrite(number: number, headSha: string, event: ReviewWrite['event'], inline: Finding[], opts: SafeTextOptions): ReviewWrite {
  return {
    kind: 'review',
    number,
    commitId: headSha,
    event,
    body: inline.length > 0 ? `${inline.length} inline finding(s); the summary is in the Agency Architect comment.` : 'Blocking findings: see the Agency Architect summary comment.',
    comments: inline.map((f) => ({
      path: f.path!,
      line: f.endLine ?? f.line!,
      startLine: f.endLine !== null && f.endLine !== f.line ? f.line! : undefined,
      body: `${renderFindingComment(f, opts)}\n\n${hiddenFingerprint(findingFingerprint(f))}`,
    })),
  };
}

/** The completed check run: its conclusion, and the findings GitHub accepts as annotations. */
export function checkRunWrite(
  headSha: string,
  annotated: (Finding & { path: string; line: number })[],
  conclusion: CheckRunWrite['check']['conclusion'],
  count: number,
  summary: string,
): CheckRunWrite {
  return {
    kind: 'check-run',
    check: {
      name: 'Agency Architect',
      headSha,
      conclusion,
      title: `${count} finding(s)`,
      // Rendered as Markdown on the checks page: the caller sanitises the model's text like every comment.
      summary,
      annotations: annotated.map((f) => ({
        path: f.path,
        startLine: f.line,
        endLine: f.endLine ?? f.line,
        level: f.severity === 'blocker' || f.severity === 'major' ? 'failure' : f.severity === 'minor' ? 'warning' : 'notice',
        title: `${f.severity}: ${f.title}`,
        message: f.body,
      })),
    },
    // Personal tokens, and workflow tokens without `checks: write`, cannot create check runs (403).
    ifRefused: 'No check run was created: GitHub refused it (403; check runs need a GitHub App token, or a workflow token with `checks: write`). The findings are all in this comment.',
  };
}
