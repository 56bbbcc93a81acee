import { describe, expect, it } from 'vitest';
import { describeValue } from '../../src/config/describeValue.js';

describe('describeValue', () => {
  it.each([
    [undefined, undefined, 'nothing'],
    [null, 'string', 'an empty value'],
    ['write', 'string', '"write"'],
    ['write', 'integer', '"write" (a string)'],
    [500, 'integer', '500'],
    [2.5, 'integer', '2.5 (not a whole number)'],
    [2.5, 'number', '2.5'],
    [42, 'string', '42 (a number)'],
    [Infinity, 'number', '.inf'],
    [Number.NaN, 'number', '.nan'],
    [true, 'boolean', 'true'],
    [false, 'list', 'false (a boolean)'],
    [[1], 'list', 'a list of 1 item'],
    [{ a: 1, b: 2 }, 'string', 'a mapping of 2 fields'],
    [new Date(0), 'string', 'a date'],
    ['say "hi"\n', 'string', '"say \\"hi\\"\\n"'],
  ] as const)('%j (expected %s) → %s', (value, expected, text) => {
    expect(describeValue(value, expected)).toBe(text);
  });

  it('cuts long strings at 40 characters without splitting an emoji', () => {
    const text = '😀'.repeat(50);
    expect(describeValue(text, 'string')).toBe(`"${'😀'.repeat(40)}…" (50 characters)`);
  });
});
