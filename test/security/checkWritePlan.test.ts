import { describe, expect, it } from 'vitest';
import type { Write } from '../../src/domain/Write.js';
import { checkWritePlan, type PlanScope } from '../../src/security/checkWritePlan.js';
import { SecurityError } from '../../src/security/SecurityError.js';

const scope: PlanScope = { number: 7, triggerCommentId: 70, botComments: new Set([700]), adr: { dirs: ['.agency/decisions/'], mode: 'pr' } };
const comment = (extra: Partial<Extract<Write, { kind: 'comment' }>> = {}): Write => ({ kind: 'comment', number: 7, family: 'plan', body: 'x', ...extra });
const adr = (dir: string, mode: 'pr' | 'direct' = 'pr'): Write => ({
  kind: 'adr',
  dir,
  mode,
  title: 'T',
  adr: { title: 'T', context: '', drivers: [], options: [], outcome: { chosen: '', justification: '' }, consequences: { good: [], bad: [] }, confirmation: '', moreInformation: '' },
  meta: { status: 'accepted', date: '2026-12-02', deciders: [], links: {} },
  requester: 'lead',
});

describe('checkWritePlan: the whole plan is checked before its first write', () => {
  it('accepts writes to the triggering thread, the app\'s own comment, the trigger comment and the ADR directory', () => {
    expect(() =>
      checkWritePlan(
        [
          { kind: 'reaction', commentId: 70, content: 'eyes' },
          comment({ commentId: 700 }),
          { kind: 'review', number: 7, commitId: 'abc', event: 'COMMENT', body: '', comments: [] },
          adr('.agency/decisions'),
          { kind: 'adr-log', number: 7, family: 'adr', heading: '', previous: [], problems: [], footer: '' },
        ],
        scope,
      ),
    ).not.toThrow();
  });

  it.each<[string, Write]>([
    ['another issue', comment({ number: 8 })],
    ["someone else's comment", comment({ commentId: 701 })],
    ['a reaction on another comment', { kind: 'reaction', commentId: 71, content: '+1' }],
    ['a review on another pull request', { kind: 'review', number: 9, commitId: 'abc', event: 'COMMENT', body: '', comments: [] }],
    ['a dismissal on another pull request', { kind: 'dismiss-review', number: 9, reviewId: 1, message: '', ifRefused: '' }],
    ['an ADR outside the directory', adr('docs')],
    ['an ADR committed directly when the config says pull requests', adr('.agency/decisions', 'direct')],
  ])('refuses the whole plan for %s, even when the bad write comes last', (_name, bad) => {
    expect(() => checkWritePlan([comment(), bad], scope)).toThrow(SecurityError);
  });
});
