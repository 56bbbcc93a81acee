import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/config/formatPath.js';

describe('formatPath', () => {
  it.each([
    [[], ''],
    [['review', 'maxInlineComments'], 'review.maxInlineComments'],
    [['commands', 2], 'commands[2]'],
    [['paths', 'ignore', 0], 'paths.ignore[0]'],
    [['a b', 'c'], '["a b"].c'],
    [['review', 'max.inline'], 'review["max.inline"]'],
    [['k'.repeat(60)], `["${'k'.repeat(40)}…"]`],
  ] as const)('%j → %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});
