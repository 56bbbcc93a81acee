import type { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { routesMissingFromOpenApi, startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { matchOperation, openApiTimings } from '../support/fakeGitHubOpenApi.js';
import { quietOctokit } from './quietOctokit.js';

let gh: FakeGitHub;
let octokit: Octokit;

beforeEach(async () => {
  gh = await startFakeGitHub();
  gh.addRepo({ owner: 'acme', name: 'api' });
  gh.addIssue({ owner: 'acme', repo: 'api', number: 1 });
  octokit = quietOctokit(gh.url);
});

afterEach(async () => {
  await gh.close();
});

describe('fake GitHub: OpenAPI checking', () => {
  it('implements only operations that exist in GitHub\'s description', () => {
    expect(routesMissingFromOpenApi()).toEqual([]);
  });

  it('matches paths to templates, decoding parameters and preferring literal segments', () => {
    expect(matchOperation('GET', '/repos/o/r/git/ref/heads%2Ffeat%2Fx')).toMatchObject({
      operation: { template: '/repos/{owner}/{repo}/git/ref/{ref}' },
      params: { owner: 'o', repo: 'r', ref: 'heads/feat/x' },
    });
    expect(matchOperation('GET', '/repos/o/r/contents')?.params.path ?? 'missing').toBe('');
    expect(matchOperation('GET', '/repos/o/r/contents/.github%2Fagency.yml')?.params.path).toBe('.github/agency.yml');
    expect(matchOperation('PATCH', '/repos/o/r/issues/comments/5')?.operation.template).toBe('/repos/{owner}/{repo}/issues/comments/{comment_id}');
    expect(matchOperation('GET', '/repos/o/r/issues/comments')?.operation.template).toBe('/repos/{owner}/{repo}/issues/comments');
    expect(matchOperation('GET', '/repos/o/r/commits/abc/check-runs')?.operation.template).toBe('/repos/{owner}/{repo}/commits/{ref}/check-runs');
    expect(matchOperation('GET', '/repos/o/r/nope')).toBeUndefined();
    expect(openApiTimings().loadMs).toBeGreaterThan(0);
  });

  it('records an invalid body as a violation, answers 422 saying what is wrong, and creates nothing', async () => {
    const request = octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      owner: 'acme',
      repo: 'api',
      issue_number: 1,
      body: 123 as unknown as string,
    });
    await expect(request).rejects.toMatchObject({ status: 422, message: expect.stringContaining('body/body must be string') });
    expect(gh.comments('acme', 'api', 1)).toEqual([]);
    expect(gh.violations).toEqual([
      {
        kind: 'invalid-body',
        method: 'POST',
        path: '/repos/acme/api/issues/1/comments',
        template: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
        message: expect.stringContaining('issues/create-comment'),
        details: ['body/body must be string'],
      },
    ]);
    expect(() => gh.assertNoViolations()).toThrow(/invalid-body.*\n.*body\/body must be string/);
  });

  it('flags a missing required field and a wrong enum value', async () => {
    await expect(octokit.request('POST /repos/{owner}/{repo}/check-runs', { owner: 'acme', repo: 'api', name: 'x' } as never)).rejects.toMatchObject({ status: 422 });
    await expect(
      octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { owner: 'acme', repo: 'api', pull_number: 1, event: 'LGTM' } as never),
    ).rejects.toMatchObject({ status: 422 });
    expect(gh.violations.map((violation) => violation.details)).toEqual([
      ["body must have required property 'head_sha'"],
      ['body/event must be equal to one of the allowed values: ["APPROVE","REQUEST_CHANGES","COMMENT"]'],
    ]);
  });

  it('records an unknown path as a violation and answers 404 Not Found', async () => {
    await expect(octokit.request('GET /repos/{owner}/{repo}/agency-magic', { owner: 'acme', repo: 'api' })).rejects.toMatchObject({ status: 404 });
    expect(gh.violations).toMatchObject([{ kind: 'unknown-operation', method: 'GET', path: '/repos/acme/api/agency-magic' }]);
    expect(gh.requests.at(-1)).toMatchObject({ method: 'GET', path: '/repos/acme/api/agency-magic', status: 404 });
  });

  it('records a documented endpoint the fake does not implement', async () => {
    await expect(octokit.rest.repos.listReleases({ owner: 'acme', repo: 'api' })).rejects.toMatchObject({ status: 404 });
    expect(gh.violations).toMatchObject([{ kind: 'not-implemented', template: '/repos/{owner}/{repo}/releases' }]);
  });

  it('checks query parameter types and rejects malformed JSON', async () => {
    await expect(octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments?per_page=lots', { owner: 'acme', repo: 'api', issue_number: 1 })).rejects.toMatchObject({
      status: 422,
    });
    expect(gh.violations).toMatchObject([{ kind: 'invalid-query', details: ['query parameter per_page: "lots" is not an integer'] }]);
    const response = await fetch(`${gh.url}/repos/acme/api/issues/1/comments`, {
      method: 'POST',
      headers: { authorization: 'token x', 'content-type': 'application/json' },
      body: '{"body": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: 'Problems parsing JSON' });
    expect(gh.violations.map((violation) => violation.kind)).toEqual(['invalid-query', 'invalid-body']);
  });

  it('refuses an app JWT on repository endpoints (only /app endpoints take it) and records it', async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const jwt = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: 1, iat: 0, exp: 600 })}.signature`;
    const asApp = quietOctokit(gh.url, jwt);
    const { data } = await asApp.rest.apps.getAuthenticated();
    expect(data?.slug).toBe('agency-architect');
    await expect(asApp.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 1 })).rejects.toMatchObject({ status: 401 });
    await expect(octokit.rest.apps.getAuthenticated()).rejects.toMatchObject({ status: 401 });
    expect(gh.violations).toMatchObject([{ kind: 'contract', template: '/repos/{owner}/{repo}/issues/{issue_number}' }]);
    expect(gh.state.jwts).toEqual([jwt, jwt]);
  });

  it('records every request with template, actor and status; writes() keeps the non-GET ones', async () => {
    await octokit.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 1 });
    await octokit.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 1, body: 'hello' });
    expect(gh.requests.map((request) => [request.method, request.template, request.actor, request.status])).toEqual([
      ['GET', '/repos/{owner}/{repo}/issues/{issue_number}', 'agency-architect[bot]', 200],
      ['POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 'agency-architect[bot]', 201],
    ]);
    expect(gh.writes()).toHaveLength(1);
    expect(gh.writes()[0]?.body).toEqual({ body: 'hello' });
    gh.assertNoViolations();
  });

  it('adds latency per request when asked (a slow request finishes after a later fast one)', async () => {
    const seen: string[] = [];
    const slow = await startFakeGitHub({
      latencyMs: (method, path) => {
        seen.push(`${method} ${path}`);
        return path.endsWith('/issues/1') ? 150 : 0;
      },
    });
    try {
      slow.addRepo({ owner: 'acme', name: 'api' });
      slow.addIssue({ owner: 'acme', repo: 'api', number: 1 });
      const client = quietOctokit(slow.url);
      const finished: string[] = [];
      const issue = client.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 1 }).then(() => finished.push('issue'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const repo = client.rest.repos.get({ owner: 'acme', repo: 'api' }).then(() => finished.push('repo'));
      await Promise.all([issue, repo]);
      expect(finished).toEqual(['repo', 'issue']);
      expect(seen).toEqual(['GET /repos/acme/api/issues/1', 'GET /repos/acme/api']);
    } finally {
      await slow.close();
    }
  });
});
