import { afterEach, describe, expect, it } from 'vitest';
import { loadBuiltinAgents } from '../../src/agents/builtinAgents.js';
import { createEventProcessor } from '../../src/app/eventProcessor.js';
import type { Model } from '../../src/domain/Model.js';
import { OfflineModel } from '../../src/model/offline/OfflineModel.js';
import { RetryLaterError } from '../../src/queue/RetryLaterError.js';
import { createSecurityDeps } from '../../src/security/SecurityDeps.js';
import { createMemoryState } from '../../src/state/memoryState.js';
import { createTestProbot } from '../support/fakeGitHubProbot.js';
import { startTestApp, type TestApp } from '../support/startTestApp.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const ISSUE = 7;
const USER = 'tech-lead';

/** The offline engine, taking `ms` per plan: a run long enough for the queue to start it again meanwhile. */
function slowModel(ms: number): Model {
  const inner = new OfflineModel();
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop !== 'plan' || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe('a run holds its issue while it is alive', () => {
  it('the queue starting the same delivery again mid-run (a lock lost under load) waits, and one comment is posted', async () => {
    const a = await startTestApp({ offline: true });
    t = a;
    a.gh.addIssue({ owner: a.owner, repo: a.repo, number: ISSUE, title: 'Orders API', body: 'Customers place orders; we need an API for them.', labels: ['backend'] });
    a.gh.setPermission(a.owner, a.repo, USER, 'write');
    const state = createMemoryState();
    // A hold of 300 ms: without renewal it would lapse long before the 1.5 s run ends.
    const processor = createEventProcessor(createTestProbot(a.gh.url), {
      env: {},
      builtinAgents: await loadBuiltinAgents(),
      state,
      security: createSecurityDeps([], state),
      modelFor: () => slowModel(1_500),
      runClaimMs: 300,
    });
    const payload = a.payload('issues', 'labeled', (p) => {
      p.issue = { ...p.issue, number: ISSUE, title: 'Orders API', body: 'Customers place orders; we need an API for them.' };
      delete p.issue.pull_request;
      p.label = { ...p.label, name: 'backend' };
      p.sender = { ...p.sender, login: USER, type: 'User' };
    });
    const event = { id: 'delivery-1', name: 'issues', payload, installationId: a.installationId, intakeKeys: [] };
    const signal = new AbortController().signal;

    const first = processor(event, signal);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // The same delivery again while the first run is alive: told to come back later, nothing written.
    await expect(processor(event, signal)).rejects.toBeInstanceOf(RetryLaterError);
    await first;
    // Once the first run has ended, the retry runs and finds the delivery already answered.
    await processor(event, signal);
    const comments = a.gh.comments(a.owner, a.repo, ISSUE).filter((c) => c.user.login === a.gh.botLogin);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/Architecture plan/);
  });
});
