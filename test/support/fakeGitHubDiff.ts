/**
 * Unified diff helpers for the fake GitHub: where a review comment may be placed in a file's patch
 * (as GitHub resolves `line`/`side`/`position`), and small patches for files compared between trees.
 */

export type DiffSide = 'LEFT' | 'RIGHT';

export interface PatchLine {
  /** 1-based position below the first `@@` header, as GitHub's deprecated `position` counts. */
  position: number;
  hunk: number;
  kind: 'context' | 'add' | 'delete' | 'header';
  leftLine?: number;
  rightLine?: number;
  text: string;
}

export interface ParsedPatch {
  lines: PatchLine[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Lines of a patch; a trailing newline adds no line, an empty line inside is an empty context line. */
function patchLines(patch: string): string[] {
  const lines = patch.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function parsePatch(patch: string | undefined): ParsedPatch {
  const lines: PatchLine[] = [];
  if (!patch) return { lines };
  let left = 0;
  let right = 0;
  let hunk = -1;
  let position = 0;
  let seenHeader = false;
  for (const text of patchLines(patch)) {
    const header = HUNK_HEADER.exec(text);
    if (header) {
      hunk += 1;
      left = Number(header[1]);
      right = Number(header[3]);
      // The first header is position 0; later headers take a position like any other line.
      if (seenHeader) {
        position += 1;
        lines.push({ position, hunk, kind: 'header', text });
      }
      seenHeader = true;
      continue;
    }
    if (!seenHeader) continue;
    if (text.startsWith('\\')) continue; // "\ No newline at end of file"
    position += 1;
    const sign = text[0];
    if (sign === '+') {
      lines.push({ position, hunk, kind: 'add', rightLine: right, text });
      right += 1;
    } else if (sign === '-') {
      lines.push({ position, hunk, kind: 'delete', leftLine: left, text });
      left += 1;
    } else {
      lines.push({ position, hunk, kind: 'context', leftLine: left, rightLine: right, text });
      left += 1;
      right += 1;
    }
  }
  return { lines };
}

/** The patch line a review comment lands on, or undefined when GitHub could not resolve it. */
export function findLine(parsed: ParsedPatch, line: number, side: DiffSide): PatchLine | undefined {
  return parsed.lines.find((entry) =>
    side === 'RIGHT'
      ? entry.kind !== 'delete' && entry.kind !== 'header' && entry.rightLine === line
      : entry.kind !== 'add' && entry.kind !== 'header' && entry.leftLine === line,
  );
}

export function findPosition(parsed: ParsedPatch, position: number): PatchLine | undefined {
  return parsed.lines.find((entry) => entry.position === position && entry.kind !== 'header');
}

/** The `diff_hunk` GitHub returns with a review comment: the hunk header up to the commented line. */
export function diffHunkFor(patch: string, target: PatchLine): string {
  const out: string[] = [];
  let hunk = -1;
  let position = 0;
  let seenHeader = false;
  for (const text of patchLines(patch)) {
    if (HUNK_HEADER.test(text)) {
      hunk += 1;
      if (seenHeader) position += 1;
      seenHeader = true;
      if (hunk === target.hunk) out.push(text);
      continue;
    }
    if (!seenHeader || text.startsWith('\\')) continue;
    position += 1;
    if (hunk === target.hunk) out.push(text);
    if (position >= target.position) break;
  }
  return out.join('\n');
}

/** A unified diff of two texts (LCS on lines, 3 lines of context), with the counts GitHub reports. */
export function makePatch(before: string | undefined, after: string | undefined): { patch: string; additions: number; deletions: number } {
  const a = splitLines(before);
  const b = splitLines(after);
  // LCS table; files in tests are small. Large inputs fall back to "replace everything".
  const ops: { kind: ' ' | '+' | '-'; text: string }[] = [];
  if (a.length * b.length > 4_000_000) {
    for (const text of a) ops.push({ kind: '-', text });
    for (const text of b) ops.push({ kind: '+', text });
  } else {
    const width = b.length + 1;
    const table = new Uint32Array((a.length + 1) * width);
    for (let i = a.length - 1; i >= 0; i -= 1) {
      for (let j = b.length - 1; j >= 0; j -= 1) {
        table[i * width + j] =
          a[i] === b[j] ? (table[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
      }
    }
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        ops.push({ kind: ' ', text: a[i] ?? '' });
        i += 1;
        j += 1;
      } else if (j < b.length && (i >= a.length || (table[i * width + j + 1] ?? 0) >= (table[(i + 1) * width + j] ?? 0))) {
        ops.push({ kind: '+', text: b[j] ?? '' });
        j += 1;
      } else {
        ops.push({ kind: '-', text: a[i] ?? '' });
        i += 1;
      }
    }
  }
  const additions = ops.filter((op) => op.kind === '+').length;
  const deletions = ops.filter((op) => op.kind === '-').length;
  return { patch: hunks(ops), additions, deletions };
}

function splitLines(text: string | undefined): string[] {
  if (text === undefined || text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function hunks(ops: { kind: ' ' | '+' | '-'; text: string }[]): string {
  const context = 3;
  const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return '';
  // Group change indexes whose context windows overlap.
  const groups: [number, number][] = [];
  for (const index of changed) {
    const last = groups[groups.length - 1];
    if (last && index - last[1] <= context * 2) last[1] = index;
    else groups.push([index, index]);
  }
  const out: string[] = [];
  for (const [first, lastChange] of groups) {
    const start = Math.max(0, first - context);
    const end = Math.min(ops.length - 1, lastChange + context);
    let left = 1;
    let right = 1;
    for (let k = 0; k < start; k += 1) {
      if (ops[k]?.kind !== '+') left += 1;
      if (ops[k]?.kind !== '-') right += 1;
    }
    const slice = ops.slice(start, end + 1);
    const leftCount = slice.filter((op) => op.kind !== '+').length;
    const rightCount = slice.filter((op) => op.kind !== '-').length;
    // Like git: the count is left out when it is 1.
    const range = (start: number, count: number) => (count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`);
    out.push(`@@ -${range(left, leftCount)} +${range(right, rightCount)} @@`);
    for (const op of slice) out.push(op.kind + op.text);
  }
  return out.join('\n');
}
