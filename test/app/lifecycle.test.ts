import { afterEach, describe, expect, it } from 'vitest';
import { captureLog } from '../support/captureLog.js';
import { INTAKE_DEADLINE_MS } from '../../src/app/createAppFn.js';
import { createMemoryState } from '../../src/state/memoryState.js';
import { startTestApp, type TestApp, type TestAppOptions } from '../support/startTestApp.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const ISSUE = 7;
const USER = 'tech-lead';
const TITLE = 'Orders API';
const BODY = 'Customers place orders; we need an API for them.';

/** The app with its production defaults (intake guard, command allowance) unless a test says otherwise. */
async function app(options: TestAppOptions = {}): Promise<TestApp> {
  t = await startTestApp(options);
  t.gh.addIssue({ owner: t.owner, repo: t.repo, number: ISSUE, title: TITLE, body: BODY, labels: ['backend'] });
  t.gh.setPermission(t.owner, t.repo, USER, 'write');
  return t;
}

function issueEvent(a: TestApp, action: 'opened' | 'labeled') {
  return a.payload('issues', action, (p) => {
    p.issue = { ...p.issue, number: ISSUE, title: TITLE, body: BODY, state: 'open', labels: [{ ...(p.issue.labels?.[0] ?? {}), name: 'backend' }] };
    delete p.issue.pull_request;
    if (action === 'labeled') p.label = { ...p.label, name: 'backend' };
    p.sender = { ...p.sender, login: USER, type: 'User' };
  });
}

function command(a: TestApp, body: string, login = USER) {
  a.gh.addComment({ owner: a.owner, repo: a.repo, issueNumber: ISSUE, body, user: login });
  const id = a.gh.comments(a.owner, a.repo, ISSUE).at(-1)!.id;
  return a.payload('issue_comment', 'created', (p) => {
    p.issue = { ...p.issue, number: ISSUE, title: TITLE, body: BODY };
    delete p.issue.pull_request;
    p.comment = { ...p.comment, id, body, user: { ...p.comment.user, login, type: 'User' } };
    p.sender = { ...p.sender, login, type: 'User' };
  });
}

const botComments = (a: TestApp) => a.gh.comments(a.owner, a.repo, ISSUE).filter((c) => c.user.login === a.gh.botLogin);
const modelCalls = (a: TestApp) => a.claude?.accepted().length ?? 0;
const COMMENTS_PATH = '/repos/{owner}/{repo}/issues/{issue_number}/comments';

describe('app lifecycle with the default intake guard and command allowance', () => {
  it('issues.opened + issues.labeled for one new issue: one plan, one model call', async () => {
    const a = await app();
    const [opened, labeled] = await Promise.all([a.send('issues', issueEvent(a, 'opened')), a.send('issues', issueEvent(a, 'labeled'))]);
    expect([opened.status, labeled.status]).toEqual([200, 200]);
    const outcomes = await a.waitForOutcomes(2);
    expect(outcomes.map((o) => o.outcome.status).sort()).toEqual(['done', 'duplicate']);
    expect(botComments(a)).toHaveLength(1);
    expect(modelCalls(a)).toBe(1);
    a.gh.assertNoViolations();
  });

  it('opened + labeled delivered together with a slow model: decided at intake, one model call, the comment written once', async () => {
    const a = await app();
    a.claude!.queueFault({ delayMs: 1_500 });
    // As GitHub sends them for an issue created with the label: both before the first job has answered.
    const sent = await Promise.all([a.send('issues', issueEvent(a, 'opened')), a.send('issues', issueEvent(a, 'labeled'))]);
    expect(sent.map((r) => r.status)).toEqual([200, 200]);
    // The duplicate is known at once, while the first job still waits for the model.
    const [first] = await a.waitForOutcomes(1);
    expect(first!.outcome).toMatchObject({ status: 'duplicate', reason: expect.stringMatching(/already queued or running/) });
    expect(modelCalls(a)).toBe(0);
    const outcomes = await a.waitForOutcomes(2);
    expect(outcomes[1]!.outcome.status).toBe('done');
    expect(modelCalls(a)).toBe(1);
    expect(botComments(a)).toHaveLength(1);
    const commentWrites = a.gh.writes().filter((w) => /\/issues\/(\d+\/)?comments/.test(w.path));
    expect(commentWrites.map((w) => w.method)).toEqual(['POST']);
    // Once the job ended the issue is free again: a later label is a new request.
    await a.send('issues', issueEvent(a, 'labeled'));
    const later = await a.waitForOutcomes(3);
    expect(later[2]!.outcome.status).toBe('done');
    expect(modelCalls(a)).toBe(2);
    a.gh.assertNoViolations();
  });

  it("a writer's commands queue: a second command right after the first runs too, no note", async () => {
    const a = await app();
    a.claude!.queueFault({ delayMs: 500 });
    await a.send('issue_comment', command(a, '/agency:plan'));
    await a.send('issue_comment', command(a, '/agency:security'));
    const outcomes = await a.waitForOutcomes(2);
    expect(outcomes.map((o) => o.outcome.status)).toEqual(['done', 'done']);
    expect(modelCalls(a)).toBe(2);
    expect(botComments(a).some((c) => /commands per/.test(c.body))).toBe(false);
  });

  it('past the burst allowance: no model call and one short note for the burst', async () => {
    const a = await app();
    a.gh.setFile(a.owner, a.repo, 'main', '.github/agency.yml', 'limits:\n  commandsPerWindow: 2\n  commandWindowMinutes: 10\n');
    for (const body of ['/agency:plan', '/agency:security', '/agency:plan again', '/agency:security again']) {
      await a.send('issue_comment', command(a, body));
    }
    const outcomes = await a.waitForOutcomes(4);
    expect(outcomes.map((o) => o.outcome.status)).toEqual(['done', 'done', 'ignored', 'ignored']);
    expect(outcomes[2]!.outcome).toMatchObject({ reason: expect.stringMatching(/command allowance used \(2 per 10 min/) });
    expect(modelCalls(a)).toBe(2);
    const notes = botComments(a).filter((c) => /2 commands per 10 min per user/.test(c.body));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toMatch(/It can run again in (9 min|10 min)/);
  });

  it('a redelivery of a label job that failed midway runs again (the intake guard was released)', async () => {
    const a = await app();
    a.gh.failNext('POST', COMMENTS_PATH, 502);
    const payload = issueEvent(a, 'labeled');
    await a.send('issues', payload, { deliveryId: 'label-retry' });
    const [first] = await a.waitForOutcomes(1);
    expect(first!.outcome.status).toBe('failed');
    await a.send('issues', payload, { deliveryId: 'label-retry' });
    const outcomes = await a.waitForOutcomes(2);
    expect(outcomes[1]!.outcome.status).toBe('done');
    expect(botComments(a)).toHaveLength(1);
    expect(botComments(a)[0]!.body).toMatch(/Architecture plan/);
    expect(botComments(a)[0]!.body).not.toMatch(/could not finish/);
  });

  it('a redelivery of a command that failed midway runs again, its allowance given back', async () => {
    const a = await app();
    a.gh.failNext('POST', COMMENTS_PATH, 502);
    const payload = command(a, '/agency:plan');
    await a.send('issue_comment', payload, { deliveryId: 'command-retry' });
    const [first] = await a.waitForOutcomes(1);
    expect(first!.outcome.status).toBe('failed');
    await a.send('issue_comment', payload, { deliveryId: 'command-retry' });
    const outcomes = await a.waitForOutcomes(2);
    expect(outcomes[1]!.outcome.status).toBe('done');
    expect(botComments(a).filter((c) => /Architecture plan/.test(c.body))).toHaveLength(1);
    expect(botComments(a).some((c) => /commands per/.test(c.body))).toBe(false);
  });

  it('concurrent events for the same issue: one living comment, never two', async () => {
    const a = await app();
    const users = ['lead-a', 'lead-b', 'lead-c'];
    for (const u of users) a.gh.setPermission(a.owner, a.repo, u, 'write');
    const payloads = [issueEvent(a, 'labeled'), issueEvent(a, 'labeled'), ...users.map((u) => command(a, '/agency:plan', u))];
    await Promise.all(payloads.map((p) => a.send(p.comment ? 'issue_comment' : 'issues', p)));
    const outcomes = await a.waitForOutcomes(payloads.length);
    // The second label event is the same request as the first (decided at intake); every command runs.
    expect(outcomes.filter((o) => o.outcome.status === 'duplicate')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome.status === 'done')).toHaveLength(payloads.length - 1);
    const plans = botComments(a).filter((c) => /Architecture plan/.test(c.body));
    expect(plans).toHaveLength(1);
    a.gh.assertNoViolations();
  });

  it('an event without an installation (a repository webhook pointed at the App): ignored at intake with a warning, no model call, nothing asked of GitHub', async () => {
    const captured = captureLog('info');
    const a = await app({ log: captured.log });
    const before = a.gh.requests.length;
    const event = issueEvent(a, 'labeled');
    delete event.installation;
    expect((await a.send('issues', event)).status).toBe(200);
    const [outcome] = await a.waitForOutcomes(1);
    expect(outcome!.outcome).toEqual({ status: 'ignored', reason: expect.stringContaining(`issues.labeled ${a.owner}/${a.repo}#${ISSUE}: the delivery has no installation`) });
    await a.waitForIdle();
    expect(modelCalls(a)).toBe(0);
    expect(a.gh.requests.slice(before)).toEqual([]);
    const warned = captured.lines().filter((l) => l.level === 40 && String(l.msg).startsWith('ignored at intake:'));
    expect(warned.map((l) => l.msg)).toEqual([expect.stringContaining(`install the App on ${a.owner}/${a.repo}`)]);
  });

  it('a store that takes the delivery but never answers: 500 before the webhook middleware\'s 202 at 9 s, and the redelivery is stored', async () => {
    const state = createMemoryState();
    let hang = true;
    const claim = state.intake.claim.bind(state.intake);
    // A Redis that accepted the connection and answers nothing: the claim never settles.
    state.intake.claim = (...args) => (hang ? new Promise<boolean>(() => undefined) : claim(...args));
    const release = state.intake.release.bind(state.intake);
    state.intake.release = (...args) => (hang ? new Promise<void>(() => undefined) : release(...args));
    const a = await app({ offline: true, server: { state, intakeDeadlineMs: 300 } });
    const event = issueEvent(a, 'labeled');
    const started = performance.now();
    const first = await a.send('issues', event);
    // A 2xx (202 "still processing") would mark the delivery delivered: GitHub would never send it again.
    expect(first.status).toBe(500);
    expect(performance.now() - started).toBeLessThan(3_000);
    hang = false;
    expect((await a.send('issues', event, { deliveryId: first.deliveryId })).status).toBe(200);
    const [outcome] = await a.waitForOutcomes(1);
    expect(outcome!.outcome.status).toBe('done');
  });

  it('the intake deadline is below the 9 s after which the webhook middleware answers 202', () => {
    expect(INTAKE_DEADLINE_MS).toBeLessThan(9_000);
  });

  it('/agency:help in a repository whose .github/agency.yml is invalid names the field', async () => {
    const a = await app();
    a.gh.setFile(a.owner, a.repo, 'main', '.github/agency.yml', 'review:\n  auto: sometimes\n');
    await a.send('issue_comment', command(a, '/agency:help'));
    const [first] = await a.waitForOutcomes(1);
    expect(first!.outcome.status).toBe('done');
    const [help] = botComments(a);
    expect(help!.body).toMatch(/commands/);
    expect(help!.body).toMatch(/review\.auto/);
    expect(help!.body).toMatch(/agency\.yml/);
    a.gh.assertNoViolations();
  });
});

describe('a failure before routing', () => {
  it('a command whose repository setup cannot be read gets a one-line notice, not silence, and no model call', async () => {
    const a = await app();
    // The first read of the job: the root listing that tells which config folders exist.
    a.gh.failNext('GET', '/repos/{owner}/{repo}/contents/{path}', 500);
    await a.send('issue_comment', command(a, '/agency:plan'));
    const [outcome] = await a.waitForOutcomes(1);
    expect(outcome!.outcome.status).toBe('failed');
    const mine = botComments(a);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toMatch(/could not finish this run \(GitHub answered HTTP 500 while reading the repository's configuration\)/);
    expect(mine[0]!.body).not.toMatch(/at \w+ \(|Error:/); // no stack, no raw message
    expect(modelCalls(a)).toBe(0);

    // The retry answers in that same comment: the notice is replaced, not left beside the plan.
    a.gh.setPermission(a.owner, a.repo, 'other-lead', 'write');
    await a.send('issue_comment', command(a, '/agency:plan', 'other-lead'));
    const outcomes = await a.waitForOutcomes(2);
    expect(outcomes[1]!.outcome.status).toBe('done');
    const after = botComments(a);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(mine[0]!.id);
    expect(after[0]!.body).toMatch(/Architecture plan/);
    expect(after[0]!.body).not.toMatch(/could not finish/);
  });

  it('posts no failure notice to a user without permission', async () => {
    const a = await app();
    a.gh.setPermission(a.owner, a.repo, 'reader', 'read');
    a.gh.failNext('GET', '/repos/{owner}/{repo}/contents/{path}', 500);
    await a.send('issue_comment', command(a, '/agency:plan', 'reader'));
    const [outcome] = await a.waitForOutcomes(1);
    // The run did fail (the injected 500 was served), and still nothing was posted.
    expect(outcome!.outcome.status).toBe('failed');
    expect(a.gh.requests.filter((r) => r.template === '/repos/{owner}/{repo}/contents/{path}').map((r) => r.status)).toContain(500);
    expect(botComments(a)).toHaveLength(0);
    expect(modelCalls(a)).toBe(0);
  });
});
