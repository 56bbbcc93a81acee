import { describe, expect, it } from 'vitest';
import { ConfigSchema, DEFAULT_CONFIG } from '../../src/config/configSchema.js';
import { route } from '../../src/triggers/route.js';
import { runIntent } from './runIntent.js';
import { labelNamed, webhookExample, type IssueCommentPayload, type PullRequestPayload } from './webhookExample.js';

const APP = { login: 'agency-architect[bot]' };

function comment(sender: { login: string; type: string }): IssueCommentPayload {
  const payload = webhookExample<IssueCommentPayload>('issue_comment', 'created');
  payload.comment.body = '/agency:plan';
  payload.sender = { ...payload.sender, ...sender };
  return payload;
}

function openedBy(sender: { login: string; type: string }): PullRequestPayload {
  const payload = webhookExample<PullRequestPayload>('pull_request', 'opened');
  payload.pull_request.labels = [labelNamed(payload.pull_request.labels[0], 'backend')];
  payload.sender = { ...payload.sender, ...sender };
  return payload;
}

describe('route: who may trigger', () => {
  it('lets a user trigger, and names them as requester', () => {
    const intent = runIntent(route({ name: 'issue_comment', payload: comment({ login: 'octocat', type: 'User' }) }, DEFAULT_CONFIG, APP));
    expect(intent.requester).toEqual({ login: 'octocat', type: 'User' });
  });

  it('ignores bots', () => {
    const result = route({ name: 'pull_request', payload: openedBy({ login: 'dependabot[bot]', type: 'Bot' }) }, DEFAULT_CONFIG, APP);
    expect(result).toEqual({ kind: 'ignore', reason: 'pull_request.opened: sender dependabot[bot] is a bot not listed in allowBots' });
  });

  it('ignores a Bot-typed sender whose login lacks the suffix', () => {
    expect(route({ name: 'issue_comment', payload: comment({ login: 'ci-runner', type: 'Bot' }) }, DEFAULT_CONFIG)).toEqual({
      kind: 'ignore',
      reason: 'issue_comment.created: sender ci-runner is a bot not listed in allowBots',
    });
  });

  it('ignores a look-alike [bot] login even when typed User', () => {
    const result = route({ name: 'issue_comment', payload: comment({ login: 'evil[bot]', type: 'User' }) }, DEFAULT_CONFIG, APP);
    expect(result).toEqual({ kind: 'ignore', reason: 'issue_comment.created: sender evil[bot] is a bot not listed in allowBots' });
  });

  it('lets allow-listed bots trigger, matching the login case-insensitively', () => {
    const config = ConfigSchema.parse({ allowBots: ['Renovate[bot]'] });
    const intent = runIntent(route({ name: 'pull_request', payload: openedBy({ login: 'renovate[bot]', type: 'Bot' }) }, config, APP));
    expect(intent.requester).toEqual({ login: 'renovate[bot]', type: 'Bot' });
    // The list names bots one by one: another bot is still out.
    expect(route({ name: 'pull_request', payload: openedBy({ login: 'dependabot[bot]', type: 'Bot' }) }, config, APP).kind).toBe('ignore');
  });

  it('never lets the app trigger itself, even when allow-listed', () => {
    const config = ConfigSchema.parse({ allowBots: [APP.login] });
    const payload = comment({ login: APP.login, type: 'Bot' });
    payload.comment.body = 'Commands:\n/agency:plan\n/agency:review';
    expect(route({ name: 'issue_comment', payload }, config, APP)).toEqual({
      kind: 'ignore',
      reason: `issue_comment.created: sent by the app itself (${APP.login})`,
    });
    // Without knowing its login, the allow-list is all the router has.
    expect(route({ name: 'issue_comment', payload }, config).kind).toBe('run');
  });
});
