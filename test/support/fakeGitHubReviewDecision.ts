/**
 * Whether a pull request is blocked by a "changes requested" review, as GitHub decides it: each
 * reviewer's latest approving, blocking or dismissed review counts; a later COMMENT review changes
 * nothing, so a bot's blocking review stays until it is dismissed or replaced by an approval
 * (https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/reviewing-changes-in-pull-requests/dismissing-a-pull-request-review).
 */
import type { RepoState } from './fakeGitHubState.js';

export type ReviewDecision = 'CHANGES_REQUESTED' | 'APPROVED' | 'REVIEW_REQUIRED';

export function reviewDecision(repo: RepoState, pullNumber: number): ReviewDecision {
  const latest = new Map<string, string>();
  const reviews = [...repo.reviews.values()].filter((r) => r.pullNumber === pullNumber).sort((a, b) => a.id - b.id);
  for (const review of reviews) {
    if (review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED' || review.state === 'DISMISSED') latest.set(review.user.login.toLowerCase(), review.state);
  }
  const states = [...latest.values()];
  if (states.includes('CHANGES_REQUESTED')) return 'CHANGES_REQUESTED';
  return states.includes('APPROVED') ? 'APPROVED' : 'REVIEW_REQUIRED';
}
