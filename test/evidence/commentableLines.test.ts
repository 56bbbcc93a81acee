import { describe, expect, it } from 'vitest';
import { commentableLines } from '../../src/evidence/commentableLines.js';

describe('commentableLines', () => {
  it('holds the added and context lines of every hunk, not deleted lines', () => {
    const patch = ['@@ -1,4 +1,4 @@', ' a', '-b', '+B', ' c', ' d', '@@ -40,3 +40,4 @@ function f() {', ' x', '+y', ' z', '-w', '+W'].join('\n');
    expect([...commentableLines(patch)].sort((p, q) => p - q)).toEqual([1, 2, 3, 4, 40, 41, 42, 43]);
  });

  it('counts a context line whose leading space was stripped, and ignores "\\ No newline" and trailing junk', () => {
    const patch = '@@ -1,3 +1,3 @@\n a\n\n-c\n+C\n\\ No newline at end of file\n';
    expect([...commentableLines(patch)]).toEqual([1, 2, 3]);
  });

  it('numbers a new file from 1 and is empty for an empty patch', () => {
    expect([...commentableLines('@@ -0,0 +1,2 @@\n+one\n+two')]).toEqual([1, 2]);
    expect(commentableLines('').size).toBe(0);
  });

  it('has no lines for a pure deletion hunk', () => {
    expect(commentableLines('@@ -5,2 +4,0 @@\n-gone\n-too').size).toBe(0);
  });
});
