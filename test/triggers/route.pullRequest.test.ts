import { describe, expect, it } from 'vitest';
import { ConfigSchema, type ConfigInput } from '../../src/config/configSchema.js';
import type { Route } from '../../src/triggers/Intent.js';
import { route } from '../../src/triggers/route.js';
import { labelNamed, webhookExample, type PullRequestPayload } from './webhookExample.js';

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const AUTO_ACTIONS = ['opened', 'reopened', 'synchronize', 'ready_for_review'] as const;

function pr(action: string, labels: string[], added?: string): PullRequestPayload {
  const payload = webhookExample<PullRequestPayload>('pull_request', action);
  payload.pull_request.labels = labels.map((name) => labelNamed(payload.pull_request.labels[0], name));
  if (added !== undefined) payload.label = labelNamed(payload.label, added);
  return payload;
}

const routePr = (payload: PullRequestPayload, config: ConfigInput = {}): Route =>
  route({ name: 'pull_request', payload }, ConfigSchema.parse(config));

describe('route: pull_request', () => {
  it('reviews a labeled-backend PR with the head sha pinned', () => {
    expect(routePr(pr('opened', ['backend']))).toEqual({
      kind: 'run',
      intent: {
        command: 'review',
        args: '',
        target: { owner: 'Codertocat', repo: 'Hello-World', number: 2, kind: 'pull_request' },
        requester: { login: 'Codertocat', type: 'User' },
        via: 'pull_request',
        event: 'pull_request.opened',
        headSha: SHA,
        installationId: 1,
      },
    });
  });

  describe('review.auto: paths (default)', () => {
    it.each(AUTO_ACTIONS)('%s without the label runs only if backend paths are touched', (action) => {
      const result = routePr(pr(action, ['bug']));
      expect(result.kind === 'run' && result.intent).toMatchObject({ event: `pull_request.${action}`, onlyIfBackendPaths: true });
    });

    it.each(AUTO_ACTIONS)('%s with the label runs unconditionally', (action) => {
      const result = routePr(pr(action, ['backend']));
      expect(result.kind).toBe('run');
      expect(result.kind === 'run' && 'onlyIfBackendPaths' in result.intent).toBe(false);
    });

    it('runs when the trigger label is added', () => {
      const result = routePr(pr('labeled', ['bug', 'BACKEND'], 'BACKEND'));
      expect(result.kind === 'run' && result.intent).toMatchObject({ event: 'pull_request.labeled', headSha: SHA });
      expect(result.kind === 'run' && result.intent.onlyIfBackendPaths).toBeUndefined();
    });

    it('ignores another label being added, to avoid a duplicate review', () => {
      expect(routePr(pr('labeled', ['backend', 'bug'], 'bug'))).toEqual({
        kind: 'ignore',
        reason: 'pull_request.labeled: label "bug" is not the trigger label "backend"',
      });
    });
  });

  describe('review.auto: label', () => {
    it.each(AUTO_ACTIONS)('%s runs only when the PR carries the label', (action) => {
      expect(routePr(pr(action, ['bug']), { review: { auto: 'label' } })).toEqual({
        kind: 'ignore',
        reason: `pull_request.${action}: pull request #2 does not carry the trigger label "backend"`,
      });
      const result = routePr(pr(action, ['backend']), { review: { auto: 'label' } });
      expect(result.kind === 'run' && result.intent.onlyIfBackendPaths).toBeUndefined();
      expect(result.kind).toBe('run');
    });

    it('runs for the trigger label being added, not for others', () => {
      expect(routePr(pr('labeled', ['backend'], 'backend'), { review: { auto: 'label' } }).kind).toBe('run');
      expect(routePr(pr('labeled', ['backend', 'bug'], 'bug'), { review: { auto: 'label' } }).kind).toBe('ignore');
    });

    it('follows a custom label', () => {
      const config = { label: 'api', review: { auto: 'label' } } as const;
      expect(routePr(pr('synchronize', ['api']), config).kind).toBe('run');
      expect(routePr(pr('synchronize', ['backend']), config).kind).toBe('ignore');
    });
  });

  describe('review.auto: off', () => {
    it.each([...AUTO_ACTIONS, 'labeled'])('ignores %s', (action) => {
      expect(routePr(pr(action, ['backend'], 'backend'), { review: { auto: 'off' } })).toEqual({
        kind: 'ignore',
        reason: `pull_request.${action}: review.auto is "off"`,
      });
    });
  });

  describe('drafts', () => {
    const draft = (action: string) => {
      const payload = pr(action, ['backend']);
      payload.pull_request.draft = true;
      return payload;
    };

    it('ignores drafts unless review.drafts', () => {
      expect(routePr(draft('opened'))).toEqual({
        kind: 'ignore',
        reason: 'pull_request.opened: pull request #2 is a draft and review.drafts is false',
      });
      expect(routePr(draft('synchronize'), { review: { drafts: true } }).kind).toBe('run');
    });

    it('always runs ready_for_review', () => {
      expect(routePr(draft('ready_for_review')).kind).toBe('run');
      expect(routePr(pr('ready_for_review', ['bug'])).kind).toBe('run');
    });
  });

  it('ignores closed and merged PRs', () => {
    const closed = pr('labeled', ['backend'], 'backend');
    closed.pull_request.state = 'closed';
    expect(routePr(closed)).toEqual({ kind: 'ignore', reason: 'pull_request.labeled: pull request #2 is closed' });
    const merged = pr('synchronize', ['backend']);
    merged.pull_request.merged = true;
    expect(routePr(merged).kind).toBe('ignore');
  });

  it.each(['closed', 'converted_to_draft', 'unlabeled', 'review_requested'])('ignores pull_request.%s by name', (action) => {
    const payload = webhookExample<PullRequestPayload>('pull_request', action);
    expect(routePr(payload)).toEqual({ kind: 'ignore', reason: `pull_request.${action}: action not handled` });
  });
});
