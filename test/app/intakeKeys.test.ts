import { describe, expect, it } from 'vitest';
import { intakeKeys } from '../../src/app/intakeKeys.js';
import { MemoryIntakeGuard } from '../../src/state/memoryState.js';

const repository = { full_name: 'Acme/API' };
const issue = (labels: string[]) => ({ number: 7, labels: labels.map((name) => ({ name })) });

describe('intakeKeys', () => {
  it('issues.opened claims every label it carries; labeled only its own; PR keys are per head sha, and a PR\'s opened claims none', () => {
    expect(intakeKeys('issues', { action: 'opened', repository, issue: issue(['backend', 'Bug']) })).toEqual(['acme/api#7:label:backend', 'acme/api#7:label:bug']);
    expect(intakeKeys('issues', { action: 'labeled', repository, issue: issue(['backend', 'bug']), label: { name: 'Backend' } })).toEqual(['acme/api#7:label:backend']);
    expect(intakeKeys('pull_request', { action: 'labeled', repository, pull_request: { number: 9, head: { sha: 'abc' }, labels: [] }, label: { name: 'backend' } })).toEqual(['acme/api#9@abc:label:backend']);
    // Commands and other actions claim nothing: they always queue.
    expect(intakeKeys('issue_comment', { action: 'created', repository, issue: issue(['backend']) })).toEqual([]);
    expect(intakeKeys('pull_request', { action: 'opened', repository, pull_request: { number: 9, head: { sha: 'abc' }, labels: [{ name: 'docs' }] } })).toEqual([]);
    expect(intakeKeys('pull_request', { action: 'synchronize', repository, pull_request: { number: 9, head: { sha: 'abc' }, labels: [{ name: 'backend' }] } })).toEqual([]);
    expect(intakeKeys('issues', { action: 'opened', repository, issue: issue([]) })).toEqual([]);
  });

  it('whatever order GitHub delivers opened + labeled(backend) + labeled(bug) in, the trigger label\'s request is queued exactly once', async () => {
    const events = {
      opened: { action: 'opened', repository, issue: issue(['backend', 'bug']) },
      backend: { action: 'labeled', repository, issue: issue(['backend', 'bug']), label: { name: 'backend' } },
      bug: { action: 'labeled', repository, issue: issue(['backend', 'bug']), label: { name: 'bug' } },
    };
    const orders: (keyof typeof events)[][] = [
      ['opened', 'backend', 'bug'],
      ['backend', 'opened', 'bug'],
      ['bug', 'opened', 'backend'],
      ['bug', 'backend', 'opened'],
    ];
    for (const order of orders) {
      const guard = new MemoryIntakeGuard();
      const queued: string[] = [];
      for (const name of order) if (await guard.claim(intakeKeys('issues', events[name]), name, 60_000)) queued.push(name);
      // Queued jobs that would plan: opened (carries backend) or labeled(backend); labeled(bug) is ignored by the router.
      expect(queued.filter((n) => n !== 'bug'), order.join(',')).toHaveLength(1);
    }
  });
});
