import { Octokit } from '@octokit/rest';
import { afterEach, describe, expect, it } from 'vitest';
import { appOctokit } from '../../src/app/appOctokit.js';
import { actionOctokit } from '../../src/action/actionOctokit.js';
import { RateLimitedError } from '../../src/github/RateLimitedError.js';
import { GITHUB_REQUEST_TIMEOUT_MS } from '../../src/github/timedFetch.js';
import { describeFailure } from '../../src/jobs/failureNotice.js';
import { WritePacer } from '../../src/github/WritePacer.js';
import type { GitHubResponseEvent } from '../../src/github/pacingPlugin.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub.js';
import { createTestProbot } from '../support/fakeGitHubProbot.js';
import { steppedClock, type SteppedClock } from '../support/steppedClock.js';

let gh: FakeGitHub | undefined;
afterEach(async () => {
  await gh?.close();
  gh = undefined;
});

const COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments';


async function setup(options: { clock?: SteppedClock; pacer?: WritePacer } = {}) {
  gh = await startFakeGitHub(options.clock ? { rateLimits: { now: options.clock.now } } : {});
  gh.addRepo({ owner: 'acme', name: 'api', installationId: 1 });
  gh.addRepo({ owner: 'other', name: 'web', installationId: 2 });
  gh.state.installations.add(2);
  gh.addIssue({ owner: 'acme', repo: 'api', number: 1 });
  gh.addIssue({ owner: 'other', repo: 'web', number: 1 });
  const pacer = options.pacer ?? new WritePacer(options.clock ? { now: options.clock.now, sleep: options.clock.sleep } : {});
  const events: GitHubResponseEvent[] = [];
  const probot = createTestProbot(gh.url, { Octokit: appOctokit({ pacer, observe: (e) => events.push(e) }) });
  return { pacer, events, one: await probot.auth(1), two: await probot.auth(2) };
}

describe("the app's Octokit (appOctokit): writes paced per installation", () => {
  it('posts 100 comments on one installation without one rate-limit refusal from the strict fake, at the documented rate', async () => {
    const clock = steppedClock();
    const { one, pacer } = await setup({ clock });
    const start = clock.clock.now;
    // One after another: the fake clock moves only by the pacer's sleeps (concurrent sleeps would add up).
    for (let i = 0; i < 100; i++) await one.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 1, body: `c${i}` });
    expect(gh!.comments('acme', 'api', 1)).toHaveLength(100);
    expect(gh!.requests.filter((r) => r.status === 403 || r.status === 429)).toEqual([]);
    const starts = pacer.reserved('1');
    expect(starts).toHaveLength(100);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(750);
    // 80 in the first minute, the rest after it: ~75 s of paced time, not 100 × 3 s.
    expect(starts[99]! - start).toBeGreaterThan(60_000);
    expect(starts[99]! - start).toBeLessThan(80_000);
  });

  it('keeps installations independent: a burst on one does not delay the other', async () => {
    // Real time: five writes on installation 1 take 4 × 750 ms; installation 2's write goes at once.
    const { one, two, pacer } = await setup();
    const t0 = Date.now();
    const burst = Promise.all(Array.from({ length: 5 }, () => one.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 1, body: 'x' })));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await two.rest.issues.createComment({ owner: 'other', repo: 'web', issue_number: 1, body: 'y' });
    const otherDone = Date.now() - t0;
    await burst;
    const burstDone = Date.now() - t0;
    expect(pacer.reserved('2')).toHaveLength(1);
    expect(otherDone).toBeLessThan(700);
    expect(burstDone).toBeGreaterThanOrEqual(3_000);
  });

  it('retries a secondary limit after retry-after, and posts the comment once', async () => {
    const { one, events } = await setup();
    gh!.failNext('POST', COMMENTS, 403, { message: 'You have exceeded a secondary rate limit.', documentation_url: 'https://docs.github.com' }, { headers: { 'retry-after': '1' } });
    const t0 = Date.now();
    await one.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 1, body: 'once' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(990);
    expect(gh!.comments('acme', 'api', 1).map((c) => c.body)).toEqual(['once']);
    expect(events.filter((e) => e.route === COMMENTS).map((e) => e.status)).toEqual([403, 201]);
  });

  it('throws RateLimitedError at a spent primary limit and sends nothing more for that installation until the reset', async () => {
    const { one, two } = await setup();
    const reset = Math.floor(Date.now() / 1000) + 1800;
    gh!.failNext('GET', '/repos/{owner}/{repo}/issues/{issue_number}', 403, { message: 'API rate limit exceeded for installation ID 1.' }, { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) } });
    const error = await one.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ kind: 'primary', installation: '1', retryAt: reset * 1000 + 1000 });
    const before = gh!.requests.length;
    await expect(one.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 1, body: 'x' })).rejects.toBeInstanceOf(RateLimitedError);
    expect(gh!.requests.length).toBe(before);
    expect((await two.rest.issues.get({ owner: 'other', repo: 'web', issue_number: 1 })).status).toBe(200);
  });

  it('never retries a POST that may have succeeded (a 502 after GitHub created the comment)', async () => {
    const { one } = await setup();
    gh!.failNext('POST', COMMENTS, 502);
    await expect(one.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 1, body: 'x' })).rejects.toMatchObject({ status: 502 });
    expect(gh!.requests.filter((r) => r.method === 'POST' && r.template === COMMENTS)).toHaveLength(1);
    // Reads are still retried by plugin-retry.
    gh!.failNext('GET', '/repos/{owner}/{repo}/issues/{issue_number}', 502);
    expect((await one.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 1 })).status).toBe(200);
  });
});

describe('a GitHub that takes the connection and does not answer: each try ends at the time limit', () => {
  /** The fake holds the first read of the issue for 3 s, then answers the rest at once. */
  async function slowFirstRead() {
    let held = false;
    gh = await startFakeGitHub({
      latencyMs: (method, path) => {
        if (held || method !== 'GET' || !/^\/repos\/acme\/api\/issues\/1$/.test(path)) return 0;
        held = true;
        return 3_000;
      },
    });
    gh.addRepo({ owner: 'acme', name: 'api', installationId: 1 });
    gh.addIssue({ owner: 'acme', repo: 'api', number: 1 });
    return gh;
  }

  it("the Action's client: the read is tried again after its 300 ms limit and succeeds, well before the held answer", async () => {
    const fake = await slowFirstRead();
    const octokit: Octokit = actionOctokit('ghs_actiontoken', fake.url, () => undefined, new WritePacer(), 300);
    const started = performance.now();
    expect((await octokit.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 1 })).status).toBe(200);
    // 300 ms, the retry's 1 s wait, the second try: under the 3 s the first answer was held.
    expect(performance.now() - started).toBeLessThan(2_500);
  });

  it("the app's client: the same, through Probot's installation auth", async () => {
    const fake = await slowFirstRead();
    const probot = createTestProbot(fake.url, { Octokit: appOctokit({ requestTimeoutMs: 300 }) });
    const one = await probot.auth(1);
    const started = performance.now();
    expect((await one.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 1 })).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(2_500);
  });

  it("the app's installation-token request (Probot's auth) has the same limit, and is tried again", async () => {
    let tokenPosts = 0;
    gh = await startFakeGitHub({
      latencyMs: (method, path) => (method === 'POST' && /\/access_tokens$/.test(path) && ++tokenPosts === 1 ? 3_000 : 0),
    });
    gh.addRepo({ owner: 'acme', name: 'api', installationId: 1 });
    gh.addIssue({ owner: 'acme', repo: 'api', number: 1 });
    const probot = createTestProbot(gh.url, { Octokit: appOctokit({ requestTimeoutMs: 300 }) });
    const started = performance.now();
    const one = await probot.auth(1);
    expect((await one.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 1 })).status).toBe(200);
    // The held token request ended at 300 ms and failed the read, which plugin-retry tried again: with a new token request.
    expect(tokenPosts).toBe(2);
    expect(performance.now() - started).toBeLessThan(2_500);
  });

  it('a POST past the limit is not tried again: it fails as a request GitHub did not answer in time', async () => {
    let posts = 0;
    gh = await startFakeGitHub({ latencyMs: (method) => (method === 'POST' && ++posts === 1 ? 3_000 : 0) });
    gh.addRepo({ owner: 'acme', name: 'api' });
    gh.addIssue({ owner: 'acme', repo: 'api', number: 1 });
    const octokit: Octokit = actionOctokit('ghs_actiontoken', gh.url, () => undefined, new WritePacer(), 300);
    const error = await octokit.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 1, body: 'x' }).catch((e: unknown) => e);
    expect(describeFailure(error)).toBe('GitHub did not answer in time');
    expect(posts).toBe(1);
  });

  it('the production limit is 30 s: three times the 10 s after which GitHub ends a request itself', () => {
    expect(GITHUB_REQUEST_TIMEOUT_MS).toBe(30_000);
  });
});

describe("the Action's client (actionOctokit): the same pacing", () => {
  it('paces writes under one key and retries a secondary limit after retry-after', async () => {
    gh = await startFakeGitHub();
    gh.addRepo({ owner: 'acme', name: 'api' });
    gh.addIssue({ owner: 'acme', repo: 'api', number: 1 });
    const clock = steppedClock();
    const pacer = new WritePacer({ now: clock.now, sleep: clock.sleep });
    const octokit: Octokit = actionOctokit('ghs_actiontoken', gh.url, () => undefined, pacer);
    gh.failNext('POST', COMMENTS, 429, { message: 'Too many requests' }, { headers: { 'retry-after': '3' } });
    await octokit.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 1, body: 'a' });
    await octokit.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 1, body: 'b' });
    expect(gh.comments('acme', 'api', 1).map((c) => c.body)).toEqual(['a', 'b']);
    // Slept the 3 s retry-after, then the spacing before the second write.
    expect(clock.clock.slept).toBeGreaterThanOrEqual(3_000);
    expect(pacer.reserved('action').length).toBe(3);
  });

  it("retries a read GitHub answered 502 once, as the app's client does, and never a POST", async () => {
    gh = await startFakeGitHub();
    gh.addRepo({ owner: 'acme', name: 'api' });
    gh.addIssue({ owner: 'acme', repo: 'api', number: 1 });
    const octokit: Octokit = actionOctokit('ghs_actiontoken', gh.url, () => undefined);
    const ISSUE = '/repos/{owner}/{repo}/issues/{issue_number}';
    gh.failNext('GET', ISSUE, 502);
    expect((await octokit.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 1 })).status).toBe(200);
    expect(gh.requests.filter((r) => r.method === 'GET' && r.template === ISSUE)).toHaveLength(2);
    gh.failNext('POST', COMMENTS, 502);
    await expect(octokit.rest.issues.createComment({ owner: 'acme', repo: 'api', issue_number: 1, body: 'x' })).rejects.toMatchObject({ status: 502 });
    expect(gh.requests.filter((r) => r.method === 'POST' && r.template === COMMENTS)).toHaveLength(1);
    // What another try cannot change is answered at once: a 404, a conflict with the repository's state.
    gh.failNext('GET', ISSUE, 404, { message: 'Not Found' });
    await expect(octokit.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 1 })).rejects.toMatchObject({ status: 404 });
    expect(gh.requests.filter((r) => r.method === 'GET' && r.template === ISSUE)).toHaveLength(3);
    const REF = '/repos/{owner}/{repo}/git/refs/{ref}';
    gh.failNext('PATCH', REF, 409, { message: 'Repository rule violations found' });
    await expect(octokit.rest.git.updateRef({ owner: 'acme', repo: 'api', ref: 'heads/main', sha: 'a'.repeat(40) })).rejects.toMatchObject({ status: 409 });
    expect(gh.requests.filter((r) => r.method === 'PATCH' && r.template === REF)).toHaveLength(1);
  });
});
