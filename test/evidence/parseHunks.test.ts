import { describe, expect, it } from 'vitest';
import { formatHunk, newSideLines, nextLine, parseHunks, readHunks } from '../../src/evidence/parseHunks.js';
import { diffFileFromPatch, parseUnifiedDiff } from '../../src/evidence/parseUnifiedDiff.js';

const lines = (patch: string) => parseHunks(patch).map((h) => h.lines.map((l) => [l.kind, l.oldLine, l.newLine, l.text]));

describe('parseHunks: the one hunk parser', () => {
  it('reads counts, the section after the second @@, and numbers each line on its sides', () => {
    const hunks = parseHunks('@@ -10,3 +12,4 @@ export function total(order) {\n const a = 1;\n-const b = 2;\n+const b = 3;\n+const c = 4;\n return a;');
    expect(hunks).toHaveLength(1);
    expect(hunks[0]).toMatchObject({ oldStart: 10, oldLines: 3, newStart: 12, newLines: 4, section: 'export function total(order) {' });
    expect(lines('@@ -10,3 +12,4 @@ x\n const a = 1;\n-const b = 2;\n+const b = 3;\n+const c = 4;\n return a;')).toEqual([
      [
        ['context', 10, 12, 'const a = 1;'],
        ['del', 11, null, 'const b = 2;'],
        ['add', null, 13, 'const b = 3;'],
        ['add', null, 14, 'const c = 4;'],
        ['context', 12, 15, 'return a;'],
      ],
    ]);
  });

  it('marks the line before "\\ No newline at end of file" and does not count the marker as a line', () => {
    const [hunk] = parseHunks('@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file');
    expect(hunk?.lines).toEqual([
      { kind: 'context', text: 'a', oldLine: 1, newLine: 1 },
      { kind: 'del', text: 'b', oldLine: 2, newLine: null, noNewline: true },
      { kind: 'add', text: 'B', oldLine: null, newLine: 2, noNewline: true },
    ]);
    expect(formatHunk(hunk!)).toBe('@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file');
  });

  it('reads a CRLF patch like an LF one, with no carriage return left in any text or section', () => {
    const lf = '@@ -1,2 +1,2 @@ def f():\n keep\n-old\n+new';
    expect(parseHunks(lf.replace(/\n/g, '\r\n') + '\r\n')).toEqual(parseHunks(lf));
    expect(parseHunks(lf.replace(/\n/g, '\r\n'))[0]?.section).toBe('def f():');
  });

  it('reads an empty line inside a body as context whose leading space an editor stripped', () => {
    expect(lines('@@ -1,3 +1,3 @@\n a\n\n-c\n+C')).toEqual([
      [
        ['context', 1, 1, 'a'],
        ['context', 2, 2, ''],
        ['del', 3, null, 'c'],
        ['add', null, 3, 'C'],
      ],
    ]);
  });

  it('ignores junk after the last hunk: body lines are read by the counts, not by their marks', () => {
    const patch = '@@ -1 +1,2 @@\n a\n+b\n+not part of the hunk\n-nor this\n\n-- \n2.43.0\n';
    expect(lines(patch)).toEqual([
      [
        ['context', 1, 1, 'a'],
        ['add', null, 2, 'b'],
      ],
    ]);
    // The same file inside a `git format-patch` mail: the signature after the hunk is not content either.
    const [file] = parseUnifiedDiff(`From 1 Mon Sep 17 00:00:00 2001\nSubject: x\n\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n${patch}`);
    expect(file).toMatchObject({ path: 'f', additions: 1, deletions: 0, patch: '@@ -1 +1,2 @@\n a\n+b' });
  });

  it('takes a missing count as one line (`@@ -1 +1 @@`), on either side', () => {
    expect(parseHunks('@@ -1 +1 @@\n-a\n+b')[0]).toMatchObject({ oldStart: 1, oldLines: 1, newStart: 1, newLines: 1, section: '' });
    expect(parseHunks('@@ -0,0 +1 @@\n+only')[0]).toMatchObject({ oldStart: 0, oldLines: 0, newStart: 1, newLines: 1 });
    expect(lines('@@ -3 +3,2 @@ s\n-x\n+y\n+z\n+junk')).toEqual([
      [
        ['del', 3, null, 'x'],
        ['add', null, 3, 'y'],
        ['add', null, 4, 'z'],
      ],
    ]);
  });

  it('keeps a body line that looks like a header (`--- x`, `@@ …`) as content, and reads the next hunk after it', () => {
    const patch = '@@ -1,2 +1,2 @@\n--- a/not-a-file\n+@@ -9 +9 @@ not a hunk\n ctx\n@@ -20 +20 @@\n-p\n+q';
    const hunks = parseHunks(patch);
    expect(hunks.map((h) => h.newStart)).toEqual([1, 20]);
    expect(newSideLines(hunks)).toEqual([
      { line: 1, text: '@@ -9 +9 @@ not a hunk', added: true },
      { line: 2, text: 'ctx', added: false },
      { line: 20, text: 'q', added: true },
    ]);
  });

  it('is what a DiffFile carries: hunks parsed once when the file is made, added lines and counts taken from them', () => {
    const file = diffFileFromPatch('a.ts', 'modified', '@@ -1,2 +1,2 @@ f\r\n a\r\n-b\r\n+B\r\n\\ No newline at end of file\r\n');
    expect(file.hunks).toEqual(parseHunks(file.patch));
    expect(file).toMatchObject({ added: [{ line: 2, text: 'B' }], additions: 1, deletions: 1 });
    expect(parseHunks('')).toEqual([]);
    expect(parseHunks('not a diff\n+x')).toEqual([]);
  });

  it('reads hunks in place at an offset of the whole diff, and says where the line after them starts', () => {
    const diff = 'diff --git a/a b/a\n@@ -1 +1,2 @@ f\n-x\n+y\n+z\n@@ -9 +10 @@\n q\ntrailing junk\n';
    const at = diff.indexOf('@@');
    const read = readHunks(diff, at);
    expect(read?.hunks.map((h) => [h.section, h.lines.map((l) => `${l.kind}:${l.text}`)])).toEqual([
      ['f', ['del:x', 'add:y', 'add:z']],
      ['', ['context:q']],
    ]);
    expect(diff.slice(read!.end)).toBe('trailing junk\n');
    expect(readHunks(diff, 0)).toBeUndefined();
    // A body that runs to the end of the text, with no newline after its last line: the end is past the text.
    expect(readHunks('@@ -1 +1 @@\n+a', 0)?.end).toBe('@@ -1 +1 @@\n+a'.length + 1);
  });

  it('steps from line to line by offsets: past the last line is the length plus one', () => {
    expect(nextLine('ab\ncd', 0)).toBe(3);
    expect(nextLine('ab\ncd', 3)).toBe(6);
    expect(nextLine('ab\n', 3)).toBe(4);
  });
});
