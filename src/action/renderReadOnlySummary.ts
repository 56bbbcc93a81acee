export type ReadOnlyReason = 'fork' | 'read-only-token';

/** How to get full reviews on fork PRs without giving untrusted code a token or a secret. */
export const ENABLE_FULL_REVIEWS = [
  '**Enabling full reviews safely.** A workflow run for a pull request from a fork gets a read-only token and no',
  'secrets, so Agency Architect could not comment and ran the offline evidence review (deterministic rules,',
  'secret scanning, squawk) instead of Claude. To get full reviews on fork PRs, install the Agency Architect',
  'GitHub App (it reads the diff through the API and never runs PR code), or let a maintainer comment',
  '`/agency:review` on the PR: `issue_comment` workflows run with the base repository\'s token and secrets,',
  'and this action only reads the PR through the API. Do **not** switch to `pull_request_target` with a',
  'checkout of the PR head: that runs untrusted code with a write token and your secrets.',
].join('\n');

/** The job summary written when the token may not write: what would have been posted, and why it was not. */
export function renderReadOnlySummary(reason: ReadOnlyReason, posted: string | undefined, outcome: string): string {
  const why =
    reason === 'fork'
      ? 'This pull request comes from a fork: the workflow token is read-only and secrets are not available.'
      : 'The workflow token may not write here (GitHub answered 403); check the job\'s `permissions:` block.';
  return [
    '## Agency Architect (offline evidence review)',
    '',
    `> ${why} The result is shown here instead of on the pull request.`,
    '',
    posted ?? `_Nothing to review: ${outcome}._`,
    '',
    '---',
    '',
    ENABLE_FULL_REVIEWS,
    '',
  ].join('\n');
}
