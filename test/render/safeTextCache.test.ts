import { describe, expect, it } from 'vitest';
import { safeText } from '../../src/render/safeText.js';

// safeText keeps its results (a review repeats the same finding bodies): a kept result must be the one for
// the same text AND the same options, never one made for another requester or repository.
describe('safeText results kept between calls', () => {
  it('keeps a mention live only for the requester it was rendered for, in any order of calls', () => {
    const text = 'Asked by @alice: see https://github.com/octo/shop/pull/1 and `x`.';
    const forAlice = safeText(text, { keepMentions: ['alice'], repoUrl: 'https://github.com/octo/shop' });
    const forBob = safeText(text, { keepMentions: ['bob'], repoUrl: 'https://github.com/octo/shop' });
    const otherRepo = safeText(text, { keepMentions: ['alice'], repoUrl: 'https://github.com/octo/other' });
    expect(forAlice).toContain('Asked by @alice:');
    expect(forBob).toContain('`@alice`');
    expect(forAlice).toContain('<https://github.com/octo/shop/pull/1>');
    expect(otherRepo).not.toContain('<https://github.com/octo/shop/pull/1>');
    // Asked again: the same answers.
    expect(safeText(text, { keepMentions: ['bob'], repoUrl: 'https://github.com/octo/shop' })).toBe(forBob);
    expect(safeText(text, { keepMentions: ['alice'], repoUrl: 'https://github.com/octo/shop' })).toBe(forAlice);
  });
});
