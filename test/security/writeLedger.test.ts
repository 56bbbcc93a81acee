import { describe, expect, it } from 'vitest';
import { describePublished } from '../../src/jobs/describePublished.js';
import { guardGitHub } from '../../src/security/guardGitHub.js';
import { createRedactor } from '../../src/security/redactor.js';
import { SecurityError } from '../../src/security/SecurityError.js';
import { createWriteLedger } from '../../src/security/writeLedger.js';
import { stubGitHub } from './stubGitHub.js';

function guarded() {
  const stub = stubGitHub([]);
  const ledger = createWriteLedger();
  const github = guardGitHub(stub.github, {
    number: 7,
    triggerCommentId: 42,
    botLogin: 'agency-architect[bot]',
    adr: { dirs: ['.agency/decisions'], mode: 'pr', defaultBranch: 'main' },
    redact: createRedactor([]),
    ledger,
  });
  return { github, ledger, stub };
}

describe('the write ledger kept by the guarded port', () => {
  it('records each write GitHub accepted and the one it refused, with what it named', async () => {
    const { github, ledger, stub } = guarded();
    const boom = Object.assign(new Error('Server Error'), { status: 500 });
    stub.github.createCheckRun = () => Promise.reject(boom);
    await github.reactToComment(42, 'eyes');
    await github.createReview(7, { commitId: 'abc', event: 'COMMENT', body: 'b', comments: [] });
    await github.createBranch('agency/adr-0003-use-queues', 'sha');
    const failure = await github.createCheckRun({ name: 'n', headSha: 'abc', conclusion: 'neutral', title: 't', summary: 's', annotations: [] }).catch((e: unknown) => e);
    expect(failure).toBe(boom);
    expect(ledger.published.map((e) => e.operation)).toEqual(['reactToComment', 'createReview', 'createBranch']);
    expect(ledger.published[2]!.subject).toBe('agency/adr-0003-use-queues');
    expect(ledger.failed).toEqual([{ operation: 'createCheckRun', subject: undefined, error: boom }]);
    expect(describePublished(ledger, boom)).toBe('The review was posted and the branch `agency/adr-0003-use-queues` was created; the check run was not created.');
  });

  it('a refusal answered as a value (a taken ref) and an already open pull request publish nothing', async () => {
    const { github, ledger, stub } = guarded();
    stub.github.createBranch = () => Promise.resolve(false);
    stub.github.createPull = () => Promise.resolve({ number: 9, url: 'p', headRef: 'agency/adr-0001-x', existed: true });
    await github.createBranch('agency/adr-0001-x', 'sha');
    await github.createPull({ head: 'agency/adr-0001-x', base: 'main', title: 't', body: 'b' });
    expect(ledger.published).toEqual([]);
  });

  it('a write the guard refuses is recorded as not made', async () => {
    const { github, ledger } = guarded();
    const denied = await github.createComment(8, 'elsewhere').catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(SecurityError);
    expect(ledger.failed.map((e) => e.operation)).toEqual(['createComment']);
    expect(describePublished(ledger, denied)).toBe('Nothing was published: the comment was not posted.');
  });

  it('says "nothing was changed" only when nothing was written, and never names a write that did not stop the run', () => {
    const ledger = createWriteLedger();
    expect(describePublished(ledger, new Error('model down'))).toBe('Nothing was changed.');
    ledger.published.push({ operation: 'reactToComment' });
    expect(describePublished(ledger, new Error('model down'))).toBe('Nothing was published.');
    ledger.published.push({ operation: 'updateComment' }, { operation: 'createPull', subject: 'agency/adr-0002-b' });
    expect(describePublished(ledger, new Error('model down'))).toBe('The comment was updated and the pull request from `agency/adr-0002-b` was opened; the run stopped after that.');
  });
});
