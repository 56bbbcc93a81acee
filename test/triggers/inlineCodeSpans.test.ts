import { describe, expect, it } from 'vitest';
import { inlineCodeSpans } from '../../src/markdown/inlineCodeSpans.js';

describe('inlineCodeSpans', () => {
  it('finds spans from the opening to just after the closing run', () => {
    expect(inlineCodeSpans('a `b` c')).toEqual([{ start: 2, end: 5 }]);
  });

  it('closes only on a run of the same length', () => {
    const text = '``a ` b`` c';
    expect(inlineCodeSpans(text)).toEqual([{ start: 0, end: 9 }]);
  });

  it('leaves an unmatched run as text and keeps scanning', () => {
    expect(inlineCodeSpans('`` x `y`')).toEqual([{ start: 5, end: 8 }]);
  });

  it('does not open a span on an escaped backtick', () => {
    expect(inlineCodeSpans('\\`a` b')).toEqual([]);
  });

  it('spans line breaks', () => {
    expect(inlineCodeSpans('a `b\nc` d')).toEqual([{ start: 2, end: 7 }]);
  });
});
