import type { AddedLine, DiffFile, DiffFileStatus, Hunk } from './DiffFile.js';
import { nextLine, parseHunks, readHunks } from './parseHunks.js';

export type { DiffFile, DiffFileStatus } from './DiffFile.js';

/** The header lines, hunks and hunk text (as written: one slice of the diff per run of hunks) of one file in a multi-file diff. */
interface Block {
  header: string[];
  hunks: Hunk[];
  patch: string[];
}

/**
 * Parses `git diff` (or plain `diff -u`) output into files. Line endings are normalised first, so a diff
 * saved with CRLF parses like one with LF. Binary files, renames and mode-only changes come out with an
 * empty patch.
 */
export function parseUnifiedDiff(diff: string): DiffFile[] {
  const text = diff.includes('\r') ? diff.replace(/\r\n?/g, '\n') : diff;
  return splitBlocks(text).map(fileFromBlock);
}

/**
 * Builds a file from GitHub's per-file `patch` (hunks only, no headers). GitHub omits `patch` for binary
 * files and for diffs too large to show: pass `binary: true` when the caller knows the file is binary.
 * `hunks`, when given, are the patch's hunks already parsed (by `parseUnifiedDiff`): used, not parsed again.
 */
export function diffFileFromPatch(
  path: string,
  status: DiffFileStatus | 'copied' | 'changed' | 'unchanged',
  patch: string | undefined,
  opts: { oldPath?: string; binary?: boolean; hunks?: Hunk[] } = {},
): DiffFile {
  // Most patches need neither repair: no copy of their text then.
  const raw = patch ?? '';
  const text = raw.includes('\r') || raw.endsWith('\n') ? raw.replace(/\r\n?/g, '\n').replace(/\n+$/, '') : raw;
  const normalised: DiffFileStatus = status === 'copied' ? 'added' : status === 'changed' || status === 'unchanged' ? 'modified' : status;
  return {
    path,
    ...(opts.oldPath !== undefined && opts.oldPath !== path ? { oldPath: opts.oldPath } : {}),
    status: normalised,
    binary: opts.binary ?? false,
    ...fromHunks(text, opts.hunks ?? parseHunks(text)),
  };
}

/**
 * Splits the diff into one block per file, in one pass over the text: lines are found in place, and only
 * header lines are cut out of it. Hunks are read by `readHunks`, which consumes each body by its line
 * counts, so a content line that happens to look like a header (`--- x`) never starts a new file.
 */
function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (let at = 0; at <= text.length; ) {
    const read = readHunks(text, at);
    if (read) {
      if (!current) blocks.push((current = { header: [], hunks: [], patch: [] }));
      // Loops, not `push(...)`: spreading a 200,000-line hunk as arguments overflows the stack.
      for (const hunk of read.hunks) current.hunks.push(hunk);
      // The hunks as written: one slice of the diff, without the newline after their last line.
      current.patch.push(text.slice(at, read.end - 1));
      at = read.end;
      continue;
    }
    const next = nextLine(text, at);
    const startsFile =
      text.startsWith('diff ', at) ||
      (text.startsWith('--- ', at) &&
        text.startsWith('+++ ', next) &&
        (!current || current.hunks.length > 0 || current.header.some((h) => h.startsWith('--- '))));
    if (startsFile) {
      blocks.push((current = { header: [text.slice(at, next - 1)], hunks: [], patch: [] }));
    } else if (current && current.hunks.length === 0) {
      current.header.push(text.slice(at, next - 1));
    }
    // Anything else (commit message, trailing blank lines) is not part of a file.
    at = next;
  }
  return blocks;
}

function fileFromBlock(block: Block): DiffFile {
  let oldPath: string | undefined;
  let newPath: string | undefined;
  let renameFrom: string | undefined;
  let renameTo: string | undefined;
  let isNew = false;
  let isDeleted = false;
  let isCopy = false;
  let binary = false;
  let gitLine: string | undefined;
  for (const line of block.header) {
    if (line.startsWith('diff --git ')) gitLine = line.slice('diff --git '.length);
    else if (line.startsWith('--- ')) oldPath = headerPath(line.slice(4), 'a/');
    else if (line.startsWith('+++ ')) newPath = headerPath(line.slice(4), 'b/');
    else if (line.startsWith('rename from ')) renameFrom = unquote(line.slice('rename from '.length));
    else if (line.startsWith('rename to ')) renameTo = unquote(line.slice('rename to '.length));
    else if (line.startsWith('copy to ')) isCopy = true;
    else if (line.startsWith('new file mode')) isNew = true;
    else if (line.startsWith('deleted file mode')) isDeleted = true;
    else if (line === 'GIT binary patch' || /^Binary files .* differ$/.test(line)) binary = true;
  }
  const fromGit = gitLine === undefined ? undefined : pathsFromGitLine(gitLine);
  const before = renameFrom ?? (oldPath === '/dev/null' ? undefined : oldPath) ?? fromGit?.[0];
  const after = renameTo ?? (newPath === '/dev/null' ? undefined : newPath) ?? fromGit?.[1];
  if (oldPath === '/dev/null') isNew = true;
  if (newPath === '/dev/null') isDeleted = true;

  let status: DiffFileStatus = 'modified';
  if (isNew || isCopy) status = 'added';
  else if (isDeleted) status = 'removed';
  else if (before !== undefined && after !== undefined && before !== after) status = 'renamed';

  const path = (status === 'removed' ? (before ?? after) : (after ?? before)) ?? '';
  const stats = binary ? fromHunks('', []) : fromHunks(block.patch.join('\n'), block.hunks);
  return {
    path,
    ...(status === 'renamed' && before !== undefined ? { oldPath: before } : {}),
    status,
    binary,
    ...stats,
  };
}

/** The hunk-derived fields of a file: added lines and counts come from the hunks, not a second scan. */
function fromHunks(patch: string, hunks: Hunk[]): Pick<DiffFile, 'patch' | 'hunks' | 'added' | 'additions' | 'deletions'> {
  return { patch, hunks, ...hunkStats(hunks) };
}

/**
 * Added lines and counts, computed once per hunks array: the CLI's parsed files come back to the review
 * as pull-request files carrying the same hunks, and 40,000 added lines are not listed twice.
 */
function hunkStats(hunks: Hunk[]): HunkStats {
  const known = statsOf.get(hunks);
  if (known) return known;
  let additions = 0;
  let deletions = 0;
  // One pass, one object per added line (a 40,000-line diff made three arrays of them before).
  const added: AddedLine[] = [];
  for (const hunk of hunks) {
    for (const l of hunk.lines) {
      if (l.kind === 'add') {
        additions++;
        if (l.newLine !== null) added.push({ line: l.newLine, text: l.text });
      } else if (l.kind === 'del') deletions++;
    }
  }
  const stats = { added, additions, deletions };
  statsOf.set(hunks, stats);
  return stats;
}

type HunkStats = Pick<DiffFile, 'added' | 'additions' | 'deletions'>;
const statsOf = new WeakMap<Hunk[], HunkStats>();

/** A `---`/`+++` path: unquoted, without its `a/`/`b/` prefix or a trailing timestamp. */
function headerPath(raw: string, prefix: string): string {
  let path = raw.startsWith('"') ? unquote(raw.replace(/\t.*$/, '')) : raw.replace(/\t.*$/, '');
  if (path !== '/dev/null' && path.startsWith(prefix)) path = path.slice(prefix.length);
  return path;
}

/** `a/p b/p` with the same path on both sides (spaces allowed), or two quoted paths. */
function pathsFromGitLine(rest: string): [string, string] | undefined {
  const quoted = /^("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/.exec(rest);
  if (rest.startsWith('"') && quoted) {
    return [strip(unquote(quoted[1] as string), 'a/'), strip(unquote(quoted[2] as string), 'b/')];
  }
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest[half] === ' ') {
    const left = rest.slice(0, half);
    const right = rest.slice(half + 1);
    if (left.slice(2) === right.slice(2)) return [strip(left, 'a/'), strip(right, 'b/')];
  }
  return undefined;
}

function strip(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** Git quotes unusual paths C-style, with octal escapes for UTF-8 bytes. */
function unquote(value: string): string {
  if (!(value.length >= 2 && value.startsWith('"') && value.endsWith('"'))) return value;
  const bytes: number[] = [];
  const body = value.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch === '\\' && i + 1 < body.length) {
      const octal = /^[0-7]{3}/.exec(body.slice(i + 1, i + 4));
      if (octal) {
        bytes.push(parseInt(octal[0], 8));
        i += 3;
        continue;
      }
      const next = body[i + 1] as string;
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
      continue;
    }
    bytes.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
