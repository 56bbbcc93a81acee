import { generateKeyPairSync } from 'node:crypto';
import { Probot } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { createTestProbot } from '../support/fakeGitHubProbot.js';

let gh: FakeGitHub;
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

function probotFor(url: string): Probot {
  // Probot 14's own options: `baseUrl` points every Octokit it makes (app JWT, token exchange,
  // installation clients, context.octokit) at the fake.
  return new Probot({ appId: 1, privateKey, secret: 'test', baseUrl: url, logLevel: 'fatal' });
}

beforeEach(async () => {
  gh = await startFakeGitHub();
  gh.addRepo({ owner: 'acme', name: 'api' });
  gh.addIssue({ owner: 'acme', repo: 'api', number: 3, title: 'Orders API', labels: ['backend'] });
});

afterEach(async () => {
  await gh.close();
});

describe('fake GitHub: Probot 14 pointed at it', () => {
  it('authenticates as the app with a JWT (GET /app returns the slug)', async () => {
    const probot = probotFor(gh.url);
    const app = await probot.auth();
    const { data } = await app.rest.apps.getAuthenticated();
    expect(data?.slug).toBe('agency-architect');
    const installation = await app.rest.apps.getRepoInstallation({ owner: 'acme', repo: 'api' });
    expect(installation.data.id).toBe(1);
    expect(gh.requests.map((request) => [request.method, request.template, request.actor])).toEqual([
      ['GET', '/app', 'app'],
      ['GET', '/repos/{owner}/{repo}/installation', 'app'],
    ]);
    expect(gh.state.jwts).toHaveLength(2);
    gh.assertNoViolations();
  });

  it('exchanges the JWT for an installation token and comments as agency-architect[bot]', async () => {
    const probot = probotFor(gh.url);
    const octokit = await probot.auth(1);
    const { data } = await octokit.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 3, body: 'Architecture plan' });
    expect(data.user?.login).toBe('agency-architect[bot]');
    expect(gh.requests.map((request) => [request.method, request.template, request.status])).toEqual([
      ['POST', '/app/installations/{installation_id}/access_tokens', 201],
      ['POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 201],
    ]);
    expect(gh.requests[1]?.actor).toBe('agency-architect[bot]');
    expect(gh.state.tokens.size).toBe(1);
    expect(gh.comments('acme', 'api', 3).map((comment) => [comment.user.login, comment.body])).toEqual([['agency-architect[bot]', 'Architecture plan']]);
    gh.assertNoViolations();
  });

  it('gives webhook handlers a context.octokit that talks to the fake', async () => {
    const probot = probotFor(gh.url);
    gh.setFile('acme', 'api', 'main', '.github/agency.yml', 'plan:\n  label: backend\n');
    const configs: unknown[] = [];
    probot.on('issues.labeled', async (context) => {
      configs.push(await context.config('agency.yml'));
      await context.octokit.rest.issues.createComment(context.issue({ body: `Plan for ${context.payload.issue.title}` }));
    });
    await probot.receive({
      id: 'delivery-1',
      name: 'issues',
      payload: {
        action: 'labeled',
        installation: { id: 1 },
        repository: { name: 'api', owner: { login: 'acme' } },
        issue: { number: 3, title: 'Orders API' },
        label: { name: 'backend' },
      },
    } as never);
    expect(gh.comments('acme', 'api', 3).map((comment) => comment.body)).toEqual(['Plan for Orders API']);
    // context.config reads .github/agency.yml with the raw media type.
    expect(configs).toEqual([{ plan: { label: 'backend' } }]);
    gh.assertNoViolations();
  });

  it('createTestProbot: no write throttling, no retries, so injected faults reach the handler once', async () => {
    const probot = createTestProbot(gh.url);
    const outcomes: (number | string)[] = [];
    probot.on('issues.labeled', async (context) => {
      for (const body of ['first', 'second', 'third']) {
        try {
          const { status } = await context.octokit.rest.issues.createComment(context.issue({ body }));
          outcomes.push(status);
        } catch (error) {
          outcomes.push((error as { status: number }).status);
        }
      }
    });
    gh.failNext('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 502);
    await probot.receive({
      id: 'delivery-2',
      name: 'issues',
      payload: { action: 'labeled', installation: { id: 1 }, repository: { name: 'api', owner: { login: 'acme' } }, issue: { number: 3 } },
    } as never);
    expect(outcomes).toEqual([502, 201, 201]);
    expect(gh.writes().map((write) => write.status)).toEqual([201, 502, 201, 201]);
    expect(gh.comments('acme', 'api', 3).map((comment) => comment.body)).toEqual(['second', 'third']);
    gh.assertNoViolations();
  });
});
