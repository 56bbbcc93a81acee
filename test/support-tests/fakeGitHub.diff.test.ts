import { describe, expect, it } from 'vitest';
import { diffHunkFor, findLine, findPosition, makePatch, parsePatch } from '../support/fakeGitHubDiff.js';

describe('fake GitHub: diff helpers', () => {
  const patch = ['@@ -1,3 +1,4 @@', ' a', '-b', '+B', '+C', ' c', '@@ -20,2 +21,2 @@ function tail() {', ' x', '-y', '+Y'].join('\n');

  it('maps right and left lines and positions across hunks', () => {
    const parsed = parsePatch(patch);
    expect(findLine(parsed, 3, 'RIGHT')).toMatchObject({ kind: 'add', position: 4, hunk: 0 });
    expect(findLine(parsed, 2, 'LEFT')).toMatchObject({ kind: 'delete', position: 2 });
    expect(findLine(parsed, 4, 'RIGHT')).toMatchObject({ kind: 'context', leftLine: 3 });
    expect(findLine(parsed, 5, 'RIGHT')).toBeUndefined();
    // The second header takes position 6; the lines below it follow.
    expect(findLine(parsed, 22, 'RIGHT')).toMatchObject({ kind: 'add', position: 9, hunk: 1 });
    expect(findPosition(parsed, 6)).toBeUndefined();
    expect(findPosition(parsed, 7)).toMatchObject({ kind: 'context', rightLine: 21 });
    const target = findLine(parsed, 22, 'RIGHT');
    expect(target && diffHunkFor(patch, target)).toBe('@@ -20,2 +21,2 @@ function tail() {\n x\n-y\n+Y');
  });

  it('treats an empty line inside a hunk as an empty context line', () => {
    const parsed = parsePatch('@@ -1,3 +1,3 @@\n a\n\n-b\n+B');
    expect(findLine(parsed, 2, 'RIGHT')).toMatchObject({ kind: 'context' });
    expect(findLine(parsed, 3, 'RIGHT')).toMatchObject({ kind: 'add' });
  });

  it('makes unified patches whose right-side lines resolve', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const after = before.replace('line 3\n', 'line three\n').replace('line 18\n', 'line 18\nline 18b\n');
    const { patch: made, additions, deletions } = makePatch(before, after);
    expect([additions, deletions]).toEqual([2, 1]);
    expect(made.split('\n').filter((line) => line.startsWith('@@'))).toEqual(['@@ -1,6 +1,6 @@', '@@ -16,5 +16,6 @@']);
    const parsed = parsePatch(made);
    expect(findLine(parsed, 3, 'RIGHT')).toMatchObject({ kind: 'add', text: '+line three' });
    expect(findLine(parsed, 19, 'RIGHT')).toMatchObject({ kind: 'add', text: '+line 18b' });
    expect(makePatch(undefined, 'x\n')).toEqual({ patch: '@@ -0,0 +1 @@\n+x', additions: 1, deletions: 0 });
    expect(makePatch('same\n', 'same\n').patch).toBe('');
  });
});
