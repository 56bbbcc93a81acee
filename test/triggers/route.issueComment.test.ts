import { describe, expect, it } from 'vitest';
import { ConfigSchema, DEFAULT_CONFIG, type ConfigInput } from '../../src/config/configSchema.js';
import { decisionCheckboxLine } from '../../src/domain/decisionCheckbox.js';
import { encodeMarker } from '../../src/domain/marker.js';
import type { Route } from '../../src/triggers/Intent.js';
import { route } from '../../src/triggers/route.js';
import { runIntent as intentOf } from './runIntent.js';
import { webhookExample, type IssueCommentPayload } from './webhookExample.js';

const APP = { login: 'agency-architect[bot]' };
const COMMENT_ID = 492700400;

function created(body: string): IssueCommentPayload {
  const payload = webhookExample<IssueCommentPayload>('issue_comment', 'created');
  payload.comment.body = body;
  return payload;
}

function edited(from: string | undefined, body: string): IssueCommentPayload {
  const payload = webhookExample<IssueCommentPayload>('issue_comment', 'edited');
  payload.comment.body = body;
  payload.changes = from === undefined ? {} : { body: { from } };
  return payload;
}

const routeComment = (payload: IssueCommentPayload, config: ConfigInput = {}): Route =>
  route({ name: 'issue_comment', payload }, ConfigSchema.parse(config), APP);


describe('route: issue_comment.created', () => {
  it('runs the command on the issue, to react to the comment', () => {
    expect(routeComment(created('Thanks!\n/agency:plan consider multi-tenancy'))).toEqual({
      kind: 'run',
      intent: {
        command: 'plan',
        args: 'consider multi-tenancy',
        target: { owner: 'Codertocat', repo: 'Hello-World', number: 1, kind: 'issue' },
        requester: { login: 'Codertocat', type: 'User' },
        via: 'comment',
        event: 'issue_comment.created',
        commentId: COMMENT_ID,
        installationId: 1,
      },
    });
  });

  it('targets the pull request when the comment is on one', () => {
    const payload = created('/agency:review');
    payload.issue.pull_request = { url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1' };
    expect(intentOf(routeComment(payload)).target.kind).toBe('pull_request');
  });

  it('routes /agency:review on a plain issue too (the job explains it needs a PR)', () => {
    expect(intentOf(routeComment(created('/agency:review')))).toMatchObject({ command: 'review', target: { kind: 'issue' } });
  });

  it('takes only the first command', () => {
    expect(intentOf(routeComment(created('/agency:security\n/agency:plan'))).command).toBe('security');
  });

  it('is case-insensitive', () => {
    expect(intentOf(routeComment(created('/Agency:PLAN'))).command).toBe('plan');
  });

  it('ignores a comment without a command (the real example)', () => {
    const payload = webhookExample<IssueCommentPayload>('issue_comment', 'created');
    expect(routeComment(payload)).toEqual({ kind: 'ignore', reason: 'issue_comment.created: no /agency: command in the comment' });
  });

  it.each([
    ['a code fence', '```\n/agency:plan\n```'],
    ['a tilde fence', '~~~~\n/agency:plan\n~~~~'],
    ['a quoted reply', '> /agency:plan\n\nI agree'],
    ['inline code', 'Use `/agency:plan` to get a plan'],
    ['indented code', '    /agency:plan'],
  ])('does not trigger on a command inside %s', (_, body) => {
    expect(routeComment(created(body)).kind).toBe('ignore');
  });

  it('answers an unknown command with help naming what was typed', () => {
    expect(intentOf(routeComment(created('/agency:deploy prod')))).toMatchObject({ command: 'help', requested: 'deploy', args: 'prod' });
  });

  it('answers a disabled command with help naming it', () => {
    const result = routeComment(created('/agency:security'), { commands: ['plan', 'review', 'help'] });
    expect(intentOf(result)).toMatchObject({ command: 'help', requested: 'security' });
    expect(intentOf(routeComment(created('/agency:plan'), { commands: ['plan', 'help'] })).command).toBe('plan');
  });

  it('answers help even when help is not listed, without a requested name for help itself', () => {
    const intent = intentOf(routeComment(created('/agency:help'), { commands: ['plan'] }));
    expect(intent.command).toBe('help');
    expect(intent).not.toHaveProperty('requested');
    const bare = intentOf(routeComment(created('/agency:')));
    expect(bare.command).toBe('help');
    expect(bare).not.toHaveProperty('requested');
  });

  it('reads the decisions of /agency:adr accept and keeps the args', () => {
    expect(intentOf(routeComment(created('/agency:adr accept 2 3')))).toMatchObject({
      command: 'adr',
      args: 'accept 2 3',
      decisions: [2, 3],
    });
    expect(intentOf(routeComment(created('/agency:adr ACCEPT #4, 2, 4'))).decisions).toEqual([4, 2]);
  });

  it('has no decisions for an ADR title or an accept without numbers', () => {
    const titled = intentOf(routeComment(created('/agency:adr Use Postgres for the ledger')));
    expect(titled).toMatchObject({ command: 'adr', args: 'Use Postgres for the ledger' });
    expect(titled).not.toHaveProperty('decisions');
    expect(intentOf(routeComment(created('/agency:adr accepted wisdom')))).not.toHaveProperty('decisions');
    expect(intentOf(routeComment(created('/agency:adr accept 0 x')))).not.toHaveProperty('decisions');
  });

  it('bounds the decisions: at most 20, none beyond 6 digits', () => {
    const many = Array.from({ length: 30 }, (_, i) => i + 1).join(' ');
    expect(intentOf(routeComment(created(`/agency:adr accept ${many}`))).decisions).toHaveLength(20);
    expect(intentOf(routeComment(created('/agency:adr accept 1 99999999999999999999'))).decisions).toEqual([1]);
  });

  it('does not read decisions for other commands', () => {
    expect(intentOf(routeComment(created('/agency:plan accept 2')))).not.toHaveProperty('decisions');
  });
});

describe('route: issue_comment.edited with a command', () => {
  it('runs a command the edit added', () => {
    const result = routeComment(edited('I think we need a plan', 'I think we need a plan\n/agency:plan'));
    expect(intentOf(result)).toMatchObject({ command: 'plan', via: 'comment', event: 'issue_comment.edited', commentId: COMMENT_ID });
  });

  it('does not rerun when the edit keeps the same command (typo fix)', () => {
    expect(routeComment(edited('/agency:plan\nteh context', '/agency:plan\nthe context'))).toEqual({
      kind: 'ignore',
      reason: 'issue_comment.edited: the edit added no new /agency: command',
    });
    expect(routeComment(edited('/agency:adr Use Postgress', '/agency:adr Use Postgres')).kind).toBe('ignore');
  });

  it('runs a command whose name the edit corrected', () => {
    expect(intentOf(routeComment(edited('/agency:paln', '/agency:plan'))).command).toBe('plan');
  });

  it('runs the newly added command, not the one already there', () => {
    expect(intentOf(routeComment(edited('/agency:plan', '/agency:plan\n/agency:security'))).command).toBe('security');
  });

  it('ignores an edit without a body change', () => {
    expect(routeComment(edited(undefined, '/agency:plan'))).toEqual({
      kind: 'ignore',
      reason: 'issue_comment.edited: the comment body did not change',
    });
  });

  it('ignores a command moved into a code block by the edit', () => {
    expect(routeComment(edited('nothing', '```\n/agency:plan\n```')).kind).toBe('ignore');
  });
});

describe('route: ticking a decision in the plan comment', () => {
  const plan = (ticked: number[]) =>
    [
      '## Plan',
      '/agency:adr is how you record one', // a command-looking line in the app's own text never runs
      decisionCheckboxLine(1, 'Postgres', ticked.includes(1)),
      decisionCheckboxLine(2, 'Outbox for events', ticked.includes(2)),
      decisionCheckboxLine(3, 'Redis cache', ticked.includes(3)),
      encodeMarker({ family: 'plan' }),
    ].join('\n');

  function tick(from: number[], to: number[], by = { login: 'Codertocat', type: 'User' }): IssueCommentPayload {
    const payload = edited(plan(from), plan(to));
    payload.comment.user = { login: APP.login, type: 'Bot' };
    payload.sender = { ...payload.sender, ...by };
    return payload;
  }

  it('records newly ticked decisions, requested by whoever ticked', () => {
    expect(routeComment(tick([1], [1, 2, 3]))).toEqual({
      kind: 'run',
      intent: {
        command: 'adr',
        args: '',
        target: { owner: 'Codertocat', repo: 'Hello-World', number: 1, kind: 'issue' },
        requester: { login: 'Codertocat', type: 'User' },
        via: 'checkbox',
        event: 'issue_comment.edited',
        commentId: COMMENT_ID,
        decisions: [2, 3],
      },
    });
  });

  it('matches the app login case-insensitively', () => {
    const payload = tick([], [1]);
    payload.comment.user.login = 'Agency-Architect[bot]';
    expect(intentOf(routeComment(payload)).decisions).toEqual([1]);
  });

  it('ignores the app ticking its own checkboxes', () => {
    const result = routeComment(tick([], [1], { login: APP.login, type: 'Bot' }));
    expect(result).toEqual({ kind: 'ignore', reason: `issue_comment.edited: sent by the app itself (${APP.login})` });
  });

  it('ignores unticking', () => {
    expect(routeComment(tick([1, 2], [1]))).toEqual({
      kind: 'ignore',
      reason: 'issue_comment.edited: no newly ticked decision in the plan comment',
    });
  });

  it("ignores edits of the app's other comments, even if they add a command", () => {
    const payload = edited('Review done', `Review done\n/agency:plan\n${encodeMarker({ family: 'review' })}`);
    payload.comment.user = { login: APP.login, type: 'Bot' };
    expect(routeComment(payload)).toEqual({ kind: 'ignore', reason: "issue_comment.edited: edit of the app's own comment, not a plan" });
  });

  it("ignores a command added to the app's plan comment by a person", () => {
    const payload = tick([], []);
    payload.comment.body = `/agency:security\n${payload.comment.body}`;
    expect(routeComment(payload)).toEqual({ kind: 'ignore', reason: 'issue_comment.edited: no newly ticked decision in the plan comment' });
  });

  it('does not treat a look-alike plan comment written by a user as the plan', () => {
    const payload = tick([], [2]);
    payload.comment.user = { login: 'Codertocat', type: 'User' };
    expect(routeComment(payload)).toEqual({ kind: 'ignore', reason: 'issue_comment.edited: the edit added no new /agency: command' });
  });

  it('cannot recognise its own comment when the app login is unknown', () => {
    const result = route({ name: 'issue_comment', payload: tick([], [2]) }, DEFAULT_CONFIG);
    expect(result).toEqual({ kind: 'ignore', reason: 'issue_comment.edited: the edit added no new /agency: command' });
  });
});
