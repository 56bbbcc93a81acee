import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../src/domain/groupDigits.js';

describe('groupDigits', () => {
  it('writes whole numbers as toLocaleString("en-US") does', () => {
    const values = [0, 7, 42, 999, 1000, 1001, 12_345, 999_999, 1_000_000, 39_335, 65_536, 2 ** 31, Number.MAX_SAFE_INTEGER, -1, -1000, -1_234_567];
    for (let v = 1; v < 1e15; v = v * 7 + 3) values.push(v, -v);
    for (const v of values) expect(groupDigits(v), String(v)).toBe(v.toLocaleString('en-US'));
    expect(groupDigits(1_234_567)).toBe('1,234,567');
  });

  it('leaves fractions, -0 and numbers past 2^53 to toLocaleString', () => {
    for (const v of [1234.5678, -0, 0.5, 2 ** 60, Number.NaN, Number.POSITIVE_INFINITY]) expect(groupDigits(v), String(v)).toBe(v.toLocaleString('en-US'));
  });
});
