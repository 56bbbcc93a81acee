import { describe, expect, it } from 'vitest';
import { ConfigSchema, DEFAULT_CONFIG } from '../../src/config/configSchema.js';
import { route } from '../../src/triggers/route.js';
import { labelNamed, webhookExample, type IssuesPayload } from './webhookExample.js';

function issues(action: 'opened' | 'labeled', labels: string[], added?: string): IssuesPayload {
  const payload = webhookExample<IssuesPayload>('issues', action);
  payload.issue.labels = labels.map((name) => labelNamed(payload.issue.labels[0], name));
  if (added !== undefined) payload.label = labelNamed(payload.label, added);
  return payload;
}

describe('route: issues', () => {
  it('plans an issue opened with the trigger label', () => {
    expect(route({ name: 'issues', payload: issues('opened', ['bug', 'backend']) }, DEFAULT_CONFIG)).toEqual({
      kind: 'run',
      intent: {
        command: 'plan',
        args: '',
        target: { owner: 'Codertocat', repo: 'Hello-World', number: 1, kind: 'issue' },
        requester: { login: 'Codertocat', type: 'User' },
        via: 'label',
        event: 'issues.opened',
      },
    });
  });

  it('ignores an issue opened without the trigger label', () => {
    const result = route({ name: 'issues', payload: issues('opened', ['bug']) }, DEFAULT_CONFIG);
    expect(result).toEqual({ kind: 'ignore', reason: 'issues.opened: issue #1 does not carry the trigger label "backend"' });
  });

  it('plans when the trigger label is added, whatever its case', () => {
    const result = route({ name: 'issues', payload: issues('labeled', ['Backend'], 'Backend') }, DEFAULT_CONFIG);
    expect(result.kind === 'run' && result.intent).toMatchObject({ command: 'plan', via: 'label', event: 'issues.labeled' });
  });

  it('uses the configured label', () => {
    const config = ConfigSchema.parse({ label: 'api' });
    expect(route({ name: 'issues', payload: issues('labeled', ['API'], 'API') }, config).kind).toBe('run');
    const other = route({ name: 'issues', payload: issues('labeled', ['backend'], 'backend') }, config);
    expect(other).toEqual({ kind: 'ignore', reason: 'issues.labeled: label "backend" is not the trigger label "api"' });
  });

  it('ignores other labels being added, even when the issue already has the trigger label', () => {
    const result = route({ name: 'issues', payload: issues('labeled', ['backend', 'bug'], 'bug') }, DEFAULT_CONFIG);
    expect(result).toEqual({ kind: 'ignore', reason: 'issues.labeled: label "bug" is not the trigger label "backend"' });
  });

  it('ignores a labeled event on a pull request issue', () => {
    const payload = issues('labeled', ['backend'], 'backend');
    payload.issue.pull_request = { url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1' };
    expect(route({ name: 'issues', payload }, DEFAULT_CONFIG)).toEqual({ kind: 'ignore', reason: 'issues.labeled: #1 is a pull request' });
  });

  it('ignores labeling a closed issue', () => {
    const payload = issues('labeled', ['backend'], 'backend');
    payload.issue.state = 'closed';
    expect(route({ name: 'issues', payload }, DEFAULT_CONFIG)).toEqual({ kind: 'ignore', reason: 'issues.labeled: issue #1 is closed' });
  });

  it('ignores a labeled event without a label', () => {
    const payload = issues('labeled', ['backend']);
    delete payload.label;
    expect(route({ name: 'issues', payload }, DEFAULT_CONFIG)).toEqual({ kind: 'ignore', reason: 'issues.labeled: no label in the payload' });
  });

  it('carries the installation id when the payload has one', () => {
    const payload = issues('opened', ['backend']);
    payload.installation = { id: 4242 };
    const result = route({ name: 'issues', payload }, DEFAULT_CONFIG);
    expect(result.kind === 'run' && result.intent.installationId).toBe(4242);
  });

  it('ignores other issue actions by name', () => {
    const payload = webhookExample<IssuesPayload>('issues', 'edited');
    expect(route({ name: 'issues', payload }, DEFAULT_CONFIG)).toEqual({ kind: 'ignore', reason: 'issues.edited: action not handled' });
  });
});
