import { describe, expect, it } from 'vitest';
import { closestKey } from '../../src/config/closestKey.js';

const KEYS = ['label', 'paths', 'commands', 'permission', 'allowBots', 'model', 'review', 'adr', 'limits'];

describe('closestKey', () => {
  it.each([
    ['reveiw', 'review'],
    ['lable', 'label'],
    ['comands', 'commands'],
    ['permissions', 'permission'],
    ['allow_bots', 'allowBots'],
    ['Model', 'model'],
    ['limit', 'limits'],
    ['adrs', 'adr'],
  ])('%s → %s', (typo, meant) => {
    expect(closestKey(typo, KEYS)).toBe(meant);
  });

  it.each(['deploy', 'x', 'ab', '', 'settings', 'z'.repeat(200)])('no guess for %j', (key) => {
    expect(closestKey(key, KEYS)).toBeUndefined();
  });

  it('prefers the nearest of several candidates', () => {
    expect(closestKey('drafs', ['drafts', 'draft', 'crafts'])).toBe('drafts');
    expect(closestKey('raft', ['drafts', 'draft'])).toBe('draft');
  });
});
