import type { IssueData, PullData } from '../github/GitHub.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const login = (v: unknown): string => str(obj(v)?.login) ?? '';

/**
 * The issue and pull request a webhook payload already carries, in the GitHub port's shapes, so a job
 * does not fetch them again. Anything missing or oddly typed: undefined (the port then asks GitHub).
 */
export function knownFromPayload(payload: unknown): { issue?: IssueData; pull?: PullData } {
  const p = obj(payload);
  const known: { issue?: IssueData; pull?: PullData } = {};
  const issue = obj(p?.issue);
  if (issue && typeof issue.number === 'number' && str(issue.title) !== undefined && str(issue.html_url)) {
    known.issue = {
      number: issue.number,
      title: str(issue.title)!,
      body: str(issue.body) ?? '',
      url: str(issue.html_url)!,
      isPullRequest: Boolean(issue.pull_request),
      author: login(issue.user),
    };
  }
  const pull = obj(p?.pull_request);
  const head = obj(pull?.head);
  const base = obj(pull?.base);
  if (pull && typeof pull.number === 'number' && str(pull.title) !== undefined && str(pull.html_url) && str(head?.sha) && str(base?.sha) && str(base?.ref)) {
    const labels = Array.isArray(pull.labels) ? pull.labels.map((l) => str(obj(l)?.name)).filter((n): n is string => n !== undefined) : [];
    known.pull = {
      number: pull.number,
      title: str(pull.title)!,
      body: str(pull.body) ?? '',
      url: str(pull.html_url)!,
      headSha: str(head!.sha)!,
      baseSha: str(base!.sha)!,
      baseRef: str(base!.ref)!,
      draft: pull.draft === true,
      labels,
      author: login(pull.user),
    };
    // The same number as an issue (title and body) for gathering the discussion.
    known.issue ??= { number: pull.number, title: known.pull.title, body: known.pull.body, url: known.pull.url, isPullRequest: true, author: known.pull.author };
  }
  return known;
}
