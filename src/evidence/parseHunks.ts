import type { Hunk, HunkLine } from './DiffFile.js';

export type { Hunk, HunkLine } from './DiffFile.js';

/** `@@ -oldStart[,oldLines] +newStart[,newLines] @@ section`; a missing count means one line. */
const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

const NO_NEWLINE = '\\ No newline at end of file';

/**
 * The hunks of one file's patch (GitHub's per-file `patch`, or the hunks of one file of `git diff`).
 * The one reader of hunk headers and bodies: everything else reads `DiffFile.hunks`, or calls this where
 * only a patch string exists. Lines outside a hunk body (junk after the last hunk, a trailing newline)
 * are skipped; CRLF line ends are read as LF.
 */
export function parseHunks(patch: string): Hunk[] {
  const lines = patch.split('\n');
  const hunks: Hunk[] = [];
  for (let i = 0; i < lines.length; ) {
    const read = readHunks(lines, i);
    if (read) {
      hunks.push(...read.hunks);
      i = read.end;
    } else {
      i++;
    }
  }
  return hunks;
}

/**
 * The hunks that start at `lines[from]`, and the index of the first line after them; undefined when that
 * line is no hunk header. Each body is read by its header's counts, so a content line that looks like a
 * header (`--- x`, `diff …`, `@@ …`) stays content; an empty line inside a body is context whose leading
 * space an editor stripped; `\ No newline at end of file` marks the line before it.
 */
export function readHunks(lines: readonly string[], from: number): { hunks: Hunk[]; end: number } | undefined {
  const hunks: Hunk[] = [];
  let i = from;
  for (;;) {
    const headerLine = i < lines.length ? withoutCr(lines[i] as string) : '';
    const header = headerLine.startsWith('@@') ? HUNK_HEADER.exec(headerLine) : null;
    if (!header) break;
    i++;
    const hunk: Hunk = {
      oldStart: Number(header[1]),
      oldLines: header[2] === undefined ? 1 : Number(header[2]),
      newStart: Number(header[3]),
      newLines: header[4] === undefined ? 1 : Number(header[4]),
      section: header[5] ?? '',
      lines: [],
    };
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    let oldLeft = hunk.oldLines;
    let newLeft = hunk.newLines;
    while (i < lines.length && (oldLeft > 0 || newLeft > 0 || withoutCr(lines[i] as string).startsWith('\\'))) {
      const line = withoutCr(lines[i++] as string);
      const c = line[0];
      if (c === '\\') {
        const last = hunk.lines[hunk.lines.length - 1];
        if (last) last.noNewline = true;
      } else if (c === '+') {
        hunk.lines.push({ kind: 'add', text: line.slice(1), oldLine: null, newLine: newLine++ });
        newLeft--;
      } else if (c === '-') {
        hunk.lines.push({ kind: 'del', text: line.slice(1), oldLine: oldLine++, newLine: null });
        oldLeft--;
      } else {
        hunk.lines.push({ kind: 'context', text: line.slice(1), oldLine: oldLine++, newLine: newLine++ });
        oldLeft--;
        newLeft--;
      }
    }
    hunks.push(hunk);
  }
  return hunks.length > 0 ? { hunks, end: i } : undefined;
}

/** A line visible on the new (right) side of a patch: added, or unchanged context. */
export interface NewSideLine {
  line: number;
  text: string;
  added: boolean;
}

/** The new-side lines of the hunks, in order: what a reader of the change's result sees. */
export function newSideLines(hunks: readonly Hunk[]): NewSideLine[] {
  const out: NewSideLine[] = [];
  for (const hunk of hunks) {
    for (const l of hunk.lines) if (l.newLine !== null) out.push({ line: l.newLine, text: l.text, added: l.kind === 'add' });
  }
  return out;
}

/** A file's hunks: the ones parsed with it (a `DiffFile`), else parsed from its patch (a packed file). */
export function hunksOf(file: { patch: string; hunks?: readonly Hunk[] }): readonly Hunk[] {
  return file.hunks ?? parseHunks(file.patch);
}

/** A hunk back in unified-diff form, counts always written (as `git apply` reads them). */
export function formatHunk(hunk: Hunk): string {
  const header = `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@${hunk.section === '' ? '' : ` ${hunk.section}`}`;
  return [header, ...hunk.lines.map(formatHunkLine)].join('\n');
}

/** One body line with its mark, and the marker line after it when its side ends without a newline. */
export function formatHunkLine(line: HunkLine): string {
  const mark = line.kind === 'add' ? '+' : line.kind === 'del' ? '-' : ' ';
  return line.noNewline ? `${mark}${line.text}\n${NO_NEWLINE}` : `${mark}${line.text}`;
}

function withoutCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
