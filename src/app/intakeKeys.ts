type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null ? (v as Obj) : undefined);
const labelNames = (v: unknown): string[] =>
  Array.isArray(v) ? v.map((l) => obj(l)?.name).filter((n): n is string => typeof n === 'string').map((n) => n.toLowerCase()) : [];

/**
 * The keys an automatic event claims at intake (see IntakeGuard): one per label the issue or PR
 * carries, scoped to the PR's head sha. GitHub sends `opened` and one `labeled` per label for an issue
 * or PR created with labels; every one of them names the same labels, so they are one request and only
 * the first is queued. `opened` claims all its labels, `labeled` its own: whichever comes first, the
 * `labeled` event of the trigger label is either queued or covered by a queued `opened` that carries it.
 * A PR's `opened` and commands (comments) claim nothing: they always queue (commands are bounded by
 * the command allowance).
 */
export function intakeKeys(eventName: string, payload: unknown): string[] {
  const p = obj(payload);
  const action = p?.action;
  const repo = obj(p?.repository)?.full_name;
  if (typeof repo !== 'string' || (action !== 'opened' && action !== 'labeled')) return [];
  const pull = obj(p?.pull_request);
  const issue = obj(p?.issue);
  let scope: string;
  let labels: string[];
  if (eventName === 'pull_request' && pull && typeof pull.number === 'number') {
    // A PR's `opened` may review by paths without any trigger label, so no `labeled` event covers it: it
    // always queues. A second review of the same head is skipped by the review job (one job per PR at a time).
    if (action === 'opened') return [];
    const sha = obj(pull.head)?.sha;
    scope = `${repo.toLowerCase()}#${pull.number}@${typeof sha === 'string' ? sha : ''}`;
    labels = labelNames(pull.labels);
  } else if (eventName === 'issues' && issue && typeof issue.number === 'number') {
    scope = `${repo.toLowerCase()}#${issue.number}`;
    labels = labelNames(issue.labels);
  } else return [];
  if (action === 'labeled') {
    const name = obj(p?.label)?.name;
    labels = typeof name === 'string' ? [name.toLowerCase()] : [];
  }
  return [...new Set(labels)].map((label) => `${scope}:label:${label}`);
}
