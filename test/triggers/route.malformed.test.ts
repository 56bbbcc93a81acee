import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/configSchema.js';
import { ROUTED_EVENTS, route } from '../../src/triggers/route.js';
import { DEFINITIONS, labelNamed, webhookExample, type IssueCommentPayload, type PullRequestPayload } from './webhookExample.js';

const APP = { login: 'agency-architect[bot]' };
const HANDLED = ['issues', 'issue_comment', 'pull_request'];

function commentPayload(): IssueCommentPayload {
  const payload = webhookExample<IssueCommentPayload>('issue_comment', 'created');
  payload.comment.body = '/agency:plan';
  return payload;
}

/** Every path to an object or value inside `value`, down to `depth` keys. */
function paths(value: unknown, depth: number, prefix: string[] = []): string[][] {
  if (depth === 0 || value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [[...prefix, key], ...paths(child, depth - 1, [...prefix, key])]);
}

function withPath(root: unknown, path: string[], replace: (parent: Record<string, unknown>, key: string) => void): unknown {
  const copy = structuredClone(root);
  let parent = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  replace(parent, path[path.length - 1] as string);
  return copy;
}

describe('route: malformed and unknown input', () => {
  it.each(HANDLED)('ignores truncated %s payloads with a reason naming the event', (name) => {
    for (const payload of [{}, null, undefined, 'x', 42, [], { action: 'created' }]) {
      const result = route({ name, payload }, DEFAULT_CONFIG, APP);
      expect(result.kind).toBe('ignore');
      expect(result.kind === 'ignore' && result.reason.startsWith(name)).toBe(true);
    }
  });

  it('names the missing field', () => {
    const noRepo = commentPayload() as Partial<IssueCommentPayload>;
    delete noRepo.repository;
    const missingRepo = route({ name: 'issue_comment', payload: noRepo }, DEFAULT_CONFIG);
    expect(missingRepo.kind === 'ignore' && missingRepo.reason).toMatch(/^issue_comment\.created: malformed payload \(repository: /);
    const noComment = commentPayload() as Partial<IssueCommentPayload>;
    delete noComment.comment;
    const result = route({ name: 'issue_comment', payload: noComment }, DEFAULT_CONFIG);
    expect(result.kind === 'ignore' && result.reason).toMatch(/^issue_comment\.created: malformed payload \(comment: /);
  });

  it('ignores a pull request without a head sha', () => {
    const payload = webhookExample<PullRequestPayload>('pull_request', 'synchronize');
    payload.pull_request.labels = [labelNamed(undefined, 'backend')];
    (payload.pull_request.head as { sha?: string }).sha = undefined;
    const result = route({ name: 'pull_request', payload }, DEFAULT_CONFIG);
    expect(result.kind === 'ignore' && result.reason).toMatch(/^pull_request\.synchronize: malformed payload \(pull_request\.head\.sha/);
  });

  it('tolerates a malformed installation and leaves the id out', () => {
    const payload = commentPayload() as unknown as Record<string, unknown>;
    payload.installation = { id: 'not-a-number' };
    const result = route({ name: 'issue_comment', payload }, DEFAULT_CONFIG);
    expect(result.kind === 'run' && result.intent.command).toBe('plan');
    expect(result.kind === 'run' && 'installationId' in result.intent).toBe(false);
  });

  it('ignores unknown events by name, even with a command in them', () => {
    const discussion = webhookExample<{ comment: { body: string } }>('discussion_comment', 'created');
    discussion.comment.body = '/agency:plan';
    expect(route({ name: 'discussion_comment', payload: discussion }, DEFAULT_CONFIG)).toEqual({
      kind: 'ignore',
      reason: 'discussion_comment.created: event not handled',
    });
    expect(route({ name: 'push', payload: webhookExample('push') }, DEFAULT_CONFIG)).toEqual({
      kind: 'ignore',
      reason: 'push: event not handled',
    });
  });

  it('ignores actions outside ROUTED_EVENTS by name', () => {
    expect(ROUTED_EVENTS).toContain('issue_comment.edited');
    const deleted = webhookExample<IssueCommentPayload>('issue_comment', 'deleted');
    deleted.comment.body = '/agency:plan';
    expect(route({ name: 'issue_comment', payload: deleted }, DEFAULT_CONFIG)).toEqual({
      kind: 'ignore',
      reason: 'issue_comment.deleted: action not handled',
    });
  });

  it('survives a payload that throws when read', () => {
    const payload = {
      get action(): string {
        throw new Error('boom');
      },
    };
    const result = route({ name: 'issues', payload }, DEFAULT_CONFIG);
    expect(result).toEqual({ kind: 'ignore', reason: 'issues: could not route (boom)' });
  });

  it('never throws on any real example of any event', () => {
    let runs = 0;
    for (const definition of DEFINITIONS) {
      for (const payload of definition.examples) {
        const result = route({ name: definition.name, payload }, DEFAULT_CONFIG, APP);
        if (!HANDLED.includes(definition.name)) expect(result).toMatchObject({ kind: 'ignore', reason: expect.stringContaining(definition.name) });
        if (result.kind === 'run') runs++;
      }
    }
    // The real PR examples without the label still run under review.auto: paths.
    expect(runs).toBeGreaterThan(0);
  });

  it('never throws when any field of a handled payload is removed or nulled', () => {
    const payloads: [string, unknown][] = [
      ['issue_comment', commentPayload()],
      ['issues', webhookExample('issues', 'labeled')],
      ['pull_request', webhookExample('pull_request', 'labeled')],
    ];
    let cases = 0;
    for (const [name, payload] of payloads) {
      for (const path of paths(payload, 3)) {
        for (const mutate of [(p: Record<string, unknown>, k: string) => delete p[k], (p: Record<string, unknown>, k: string) => (p[k] = null)]) {
          const result = route({ name, payload: withPath(payload, path, mutate) }, DEFAULT_CONFIG, APP);
          expect(['run', 'ignore']).toContain(result.kind);
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThan(300);
  });
});
