import { describe, expect, it } from 'vitest';
import { classifyGitHubError } from '../../src/github/classifyGitHubError.js';

/** The shape of Octokit's RequestError: `status`, the message, and the response's data and headers. */
function githubError(status: number, data: Record<string, unknown>, headers: Record<string, string> = {}) {
  return Object.assign(new Error(String(data.message ?? 'error')), { name: 'HttpError', status, response: { status, url: 'https://api.github.com/repos/acme/api/pulls', headers, data } });
}

describe('classifyGitHubError', () => {
  it('tells GitHub\'s expected answers from failures that must not be swallowed', () => {
    expect(classifyGitHubError(githubError(422, { message: 'Reference already exists' }))).toBe('exists');
    expect(classifyGitHubError(githubError(422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: 'A pull request already exists for acme:x.' }] }))).toBe('exists');
    expect(classifyGitHubError(githubError(422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: 'No commits between main and x' }] }))).toBe('no-commits');
    expect(classifyGitHubError(githubError(403, { message: 'GitHub Actions is not permitted to create or approve pull requests.' }))).toBe('actions-cannot-open-pulls');
    expect(classifyGitHubError(githubError(403, { message: 'You have exceeded a secondary rate limit.' }))).toBe('rate-limited');
    expect(classifyGitHubError(githubError(429, { message: 'Too many requests' }, { 'retry-after': '30' }))).toBe('rate-limited');
    expect(classifyGitHubError(githubError(403, { message: 'Resource not accessible by integration' }))).toBe('forbidden');
    expect(classifyGitHubError(githubError(502, { message: 'Server Error' }))).toBe('server');
    expect(classifyGitHubError(githubError(422, { message: 'Validation Failed' }))).toBe('other');
    expect(classifyGitHubError(new Error('socket hang up'))).toBe('other');
  });
});
