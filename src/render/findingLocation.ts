import type { Finding } from '../domain/findingSchema.js';

/** `path:line` or `path:line-end`; `undefined` for a PR-wide finding. */
export function findingLocation(finding: Pick<Finding, 'path' | 'line' | 'endLine'>): string | undefined {
  if (!finding.path) return undefined;
  if (finding.line === null) return finding.path;
  const range = finding.endLine !== null && finding.endLine > finding.line ? `${finding.line}-${finding.endLine}` : `${finding.line}`;
  return `${finding.path}:${range}`;
}

/** A permalink to the lines at a commit, or `undefined` when the repository or sha is unknown. */
export function findingPermalink(
  finding: Pick<Finding, 'path' | 'line' | 'endLine'>,
  repoUrl: string | undefined,
  sha: string | undefined,
): string | undefined {
  if (!finding.path || !repoUrl || !sha || !/^[0-9a-f]{7,40}$/i.test(sha)) return undefined;
  const path = finding.path
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
  let anchor = '';
  if (finding.line !== null) {
    anchor = `#L${finding.line}`;
    if (finding.endLine !== null && finding.endLine > finding.line) anchor += `-L${finding.endLine}`;
  }
  return `${repoUrl.replace(/\/+$/, '')}/blob/${sha}/${path}${anchor}`;
}
