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
  const hunks: Hunk[] = [];
  for (let at = 0; at <= patch.length; ) {
    const read = readHunks(patch, at);
    if (read) {
      for (const hunk of read.hunks) hunks.push(hunk);
      at = read.end;
    } else {
      at = nextLine(patch, at);
    }
  }
  return hunks;
}

/**
 * The hunks whose header is the line starting at offset `from` of `text`, and the offset of the first line
 * after them (past `text.length` when they run to its end); undefined when that line is no hunk header.
 * Lines are found in place, not split out: only each body line's text is cut from the diff. Each body is
 * read by its header's counts, so a content line that looks like a header (`--- x`, `diff …`, `@@ …`)
 * stays content; an empty line inside a body is context whose leading space an editor stripped;
 * `\ No newline at end of file` marks the line before it. A line ending in CR is read without it.
 */
export function readHunks(text: string, from: number): { hunks: Hunk[]; end: number } | undefined {
  const hunks: Hunk[] = [];
  let at = from;
  for (;;) {
    if (at > text.length || !text.startsWith('@@', at)) break;
    const header = HUNK_HEADER.exec(text.slice(at, lineEnd(text, at)));
    if (!header) break;
    at = nextLine(text, at);
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
    while (at <= text.length && (oldLeft > 0 || newLeft > 0 || text.charCodeAt(at) === BACKSLASH)) {
      const newline = text.indexOf('\n', at);
      const stop = newline === -1 ? text.length : newline;
      const end = stop > at && text.charCodeAt(stop - 1) === CR ? stop - 1 : stop;
      const c = at < end ? text.charCodeAt(at) : 0;
      if (c === BACKSLASH) {
        const last = hunk.lines[hunk.lines.length - 1];
        if (last) last.noNewline = true;
      } else if (c === PLUS) {
        hunk.lines.push({ kind: 'add', text: text.slice(at + 1, end), oldLine: null, newLine: newLine++ });
        newLeft--;
      } else if (c === MINUS) {
        hunk.lines.push({ kind: 'del', text: text.slice(at + 1, end), oldLine: oldLine++, newLine: null });
        oldLeft--;
      } else {
        hunk.lines.push({ kind: 'context', text: at < end ? text.slice(at + 1, end) : '', oldLine: oldLine++, newLine: newLine++ });
        oldLeft--;
        newLeft--;
      }
      at = stop + 1;
    }
    hunks.push(hunk);
  }
  return hunks.length > 0 ? { hunks, end: at } : undefined;
}

/** The offset of the line after the one starting at `at`; `text.length + 1` after the last line. */
export function nextLine(text: string, at: number): number {
  const newline = text.indexOf('\n', at);
  return newline === -1 ? text.length + 1 : newline + 1;
}

/** Where the line starting at `at` ends: before its newline, and before a CR that precedes it. */
function lineEnd(text: string, at: number): number {
  const newline = text.indexOf('\n', at);
  const end = newline === -1 ? text.length : newline;
  return end > at && text.charCodeAt(end - 1) === CR ? end - 1 : end;
}

const BACKSLASH = 92;
const PLUS = 43;
const MINUS = 45;
const CR = 13;

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
