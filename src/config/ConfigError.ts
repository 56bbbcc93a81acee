/** One problem in a config file. `path` is the dotted field (`review.maxInlineComments`), '' for the whole file. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** `review.auto: got "x"; expected ...`, or the bare message for file-level problems. */
export function formatIssueLine(issue: ConfigIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/** A config file that cannot be used. The message lists every issue, so a log line alone is enough to fix it. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly source: string;
  readonly issues: readonly ConfigIssue[];

  constructor(source: string, issues: readonly ConfigIssue[]) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super([`${source} has ${count}:`, ...issues.map((issue) => `- ${formatIssueLine(issue)}`)].join('\n'));
    this.source = source;
    this.issues = issues;
  }
}
