import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import type { FakeRateLimitOptions } from '../support/fakeGitHubRateLimits.js';
import { createTestProbot } from '../support/fakeGitHubProbot.js';

let gh: FakeGitHub | undefined;
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

/** The fake with two installations (1: acme/api, 2: other/web) and an issue in each. */
async function twoInstallations(rateLimits?: FakeRateLimitOptions) {
  gh = await startFakeGitHub(rateLimits ? { rateLimits } : {});
  gh.addRepo({ owner: 'acme', name: 'api', installationId: 1 });
  gh.addRepo({ owner: 'other', name: 'web', installationId: 2 });
  gh.state.installations.add(2);
  gh.addIssue({ owner: 'acme', repo: 'api', number: 1 });
  gh.addIssue({ owner: 'other', repo: 'web', number: 1 });
  // Installation tokens from the fake, through Probot with throttling off: nothing paces these clients.
  const probot = createTestProbot(gh.url);
  return { one: await probot.auth(1), two: await probot.auth(2) };
}

async function status(call: Promise<{ status: number }>): Promise<{ status: number; headers: Record<string, string | number | undefined>; message?: string }> {
  try {
    const res = (await call) as { status: number; headers: Record<string, string | number | undefined> };
    return { status: res.status, headers: res.headers };
  } catch (error) {
    const e = error as { status: number; response: { headers: Record<string, string>; data: { message: string } } };
    return { status: e.status, headers: e.response.headers, message: e.response.data.message };
  }
}

describe('fake GitHub: GitHub rate limits per installation (on by default)', () => {
  it('refuses the 81st content-creating request of a minute with 403 + retry-after; another installation is not affected', async () => {
    const { one, two } = await twoInstallations();
    const answers = [];
    for (let i = 0; i < 81; i++) answers.push(await status(one.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 1, body: `c${i}` })));
    expect(answers.slice(0, 80).map((a) => a.status)).toEqual(Array(80).fill(201));
    const refused = answers[80]!;
    expect(refused.status).toBe(403);
    expect(refused.message).toMatch(/secondary rate limit/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(gh!.comments('acme', 'api', 1)).toHaveLength(80);
    // Reads are not content creation; the other installation has its own budget.
    expect((await status(one.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 1 }))).status).toBe(200);
    expect((await status(two.rest.issues.createComment({ owner: 'other', repo: 'web', issue_number: 1, body: 'x' }))).status).toBe(201);
  });

  it('refuses past the hourly count of content-creating requests even when each minute is under its limit', async () => {
    // The same rule as 80/min and 500/h, at 8 and 50 so the test stays light.
    let now = Date.UTC(2026, 0, 1);
    const { one } = await twoInstallations({ now: () => now, contentPerMinute: 8, contentPerHour: 50 });
    let created = 0;
    let refusal: Awaited<ReturnType<typeof status>> | undefined;
    for (let minute = 0; minute < 8 && !refusal; minute++) {
      for (let i = 0; i < 7 && !refusal; i++) {
        const answer = await status(one.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 1, body: 'x' }));
        if (answer.status === 201) created++;
        else refusal = answer;
      }
      now += 61_000;
    }
    expect(created).toBe(50);
    expect(refusal?.status).toBe(403);
    // The oldest of the hour leaves the window in a little under an hour from now.
    expect(Number(refusal?.headers['retry-after'])).toBeGreaterThan(3000);
  });

  it('counts the primary limit in x-ratelimit-* headers and refuses with remaining 0 until the reset', async () => {
    let now = Date.UTC(2026, 0, 1);
    const { one } = await twoInstallations({ now: () => now, primaryPerHour: 3 });
    const get = () => status(one.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 1 }));
    const answers = [await get(), await get(), await get(), await get()];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 403]);
    expect(answers.map((a) => a.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0', '0']);
    expect(answers[0]!.headers['x-ratelimit-limit']).toBe('3');
    expect(Number(answers[3]!.headers['x-ratelimit-reset'])).toBe(Math.ceil((Date.UTC(2026, 0, 1) + 3_600_000) / 1000));
    expect(answers[3]!.message).toMatch(/API rate limit exceeded/);
    now += 3_600_000;
    expect((await get()).status).toBe(200);
  });

  it('can be turned off for a test that needs more', async () => {
    gh = await startFakeGitHub({ rateLimits: false });
    gh.addRepo({ owner: 'acme', name: 'api' });
    gh.addIssue({ owner: 'acme', repo: 'api', number: 1 });
    const one = await createTestProbot(gh.url).auth(1);
    for (let i = 0; i < 85; i++) await one.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 1, body: 'x' });
    expect(gh.comments('acme', 'api', 1)).toHaveLength(85);
  });
});
