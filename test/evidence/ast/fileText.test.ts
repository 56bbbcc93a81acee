import { describe, expect, it } from 'vitest';
import { fileText } from '../../../src/evidence/ast/fileText.js';

describe('fileText', () => {
  it('tells a text with a character outside the BMP from one without', () => {
    expect(fileText('f("a😀b")').outsideBmp).toBe(true);
    expect(fileText('f("aéb")').outsideBmp).toBe(false);
  });

  it('keeps one file at a time: the same facts while the rules ask about it, fresh ones for the next file', () => {
    const first = fileText('query(a)');
    first.lacks.set('zz', true);
    expect(fileText('query(a)')).toBe(first);
    const next = fileText('query(b)');
    expect(next).not.toBe(first);
    expect(next.lacks.size).toBe(0);
  });
});
