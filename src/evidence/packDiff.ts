import picomatch from 'picomatch';
import type { PackedDiff, PackedFile } from '../domain/Model.js';
import { backendRank } from './backendRank.js';
import type { DiffFile, Hunk, HunkLine } from './DiffFile.js';
import { estimateTokens } from './estimateTokens.js';
import { formatHunk, formatHunkLine } from './parseHunks.js';
import { redactSecrets } from './redactSecrets.js';

export interface PackDiffOptions {
  backend: readonly string[];
  ignore: readonly string[];
  tokenBudget: number;
  maxFiles: number;
}

/** Tokens for a file's framing in the prompt (path, status, fences). */
const FILE_OVERHEAD = 12;
/** The limits bound the reviewer only: collectEvidence runs on every changed file before packing. */
const STILL_CHECKED = 'squawk, the secret scan and the code rules still checked it';
/** Below this, cutting a hunk short is not worth it: the model would see a fragment without context. */
const MIN_PARTIAL_TOKENS = 120;

/**
 * Fits a diff into the model's input budget: ignored and binary files are left out, the rest is read in
 * order of backend relevance, whole files while they fit, then the hunks of the file that fits only in
 * part. Everything left out is listed with its reason; every packed patch is redacted.
 */
export function packDiff(files: readonly DiffFile[], opts: PackDiffOptions): PackedDiff {
  const ignored = opts.ignore.length > 0 ? picomatch([...opts.ignore], { dot: true }) : () => false;
  const backend = opts.backend.length > 0 ? picomatch([...opts.backend], { dot: true }) : () => false;
  const packed: PackedFile[] = [];
  const notReviewed: PackedDiff['notReviewed'] = [];
  let totalLines = 0;
  let reviewedLines = 0;

  const candidates: { file: DiffFile; key: number }[] = [];
  for (const file of files) {
    totalLines += file.additions + file.deletions;
    if (ignored(file.path)) notReviewed.push({ path: file.path, reason: 'ignored (paths.ignore: lockfile, generated, vendored or binary)' });
    else if (file.binary) notReviewed.push({ path: file.path, reason: 'binary file' });
    // GitHub sends no patch for binary files or diffs too large to show, while still counting their lines.
    else if (file.patch === '' && file.additions + file.deletions > 0) notReviewed.push({ path: file.path, reason: 'no diff available (binary, or too large to show)' });
    else {
      // Deleted files go last: their names tell most of the story, their content least.
      const key = (file.status === 'removed' ? 100 : 0) + backendRank(file.path) * 2 + (backend(file.path) ? 0 : 1);
      candidates.push({ file, key });
    }
  }
  candidates.sort((a, b) => a.key - b.key || (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0));

  let budget = opts.tokenBudget;
  candidates.forEach(({ file }, index) => {
    if (index >= opts.maxFiles) {
      notReviewed.push({ path: file.path, reason: `over the limit of ${opts.maxFiles} ${opts.maxFiles === 1 ? 'file' : 'files'} (limits.maxFilesPerReview); ${STILL_CHECKED}` });
      return;
    }
    const framing = FILE_OVERHEAD + estimateTokens(file.path);
    // Sizes are judged on the raw patch and only what is kept is redacted: masking barely changes a
    // length, and redacting files that will not be sent would be most of the cost on a large diff.
    if (framing + estimateTokens(file.patch) <= budget) {
      const patch = redactSecrets(file.patch).text;
      packed.push({ path: file.path, status: file.status, patch });
      budget -= framing + estimateTokens(patch);
      reviewedLines += file.additions + file.deletions;
      return;
    }
    const partial = budget > framing ? packHunks(file.hunks, budget - framing) : undefined;
    if (!partial || partial.kept.length === 0) {
      notReviewed.push({ path: file.path, reason: `over the token budget (model.inputTokenBudget); ${STILL_CHECKED}` });
      return;
    }
    const patch = redactSecrets(partial.kept.join('\n')).text;
    packed.push({ path: file.path, status: file.status, patch });
    budget -= framing + estimateTokens(patch);
    reviewedLines += partial.changed;
    if (partial.leftOut.length > 0) notReviewed.push({ path: file.path, reason: `over the token budget: ${partial.leftOut.join(', ')} not read by the reviewer; ${STILL_CHECKED}` });
  });

  return { files: packed, notReviewed, coverage: { reviewedLines, totalLines } };
}

/** Whole hunks while they fit, then the head of the next one if enough budget is left. */
function packHunks(hunks: readonly Hunk[], budget: number): { kept: string[]; leftOut: string[]; changed: number } {
  const kept: string[] = [];
  const leftOut: string[] = [];
  let tokens = 0;
  let changed = 0;
  let full = false;
  for (const hunk of hunks) {
    const text = formatHunk(hunk);
    const cost = estimateTokens(text) + 1;
    if (!full && cost <= budget - tokens) {
      kept.push(text);
      tokens += cost;
      changed += hunk.lines.filter(isChange).length;
      continue;
    }
    if (!full && budget - tokens >= MIN_PARTIAL_TOKENS) {
      const head = truncateHunk(hunk, (budget - tokens) * 4);
      if (head) {
        kept.push(head.text);
        tokens += estimateTokens(head.text) + 1;
        changed += head.changed;
        if (head.rest) leftOut.push(head.rest);
        full = true;
        continue;
      }
    }
    full = true;
    leftOut.push(describe(hunk.newStart, hunk.newLines, hunk.oldStart));
  }
  return { kept, leftOut, changed };
}

function isChange(line: HunkLine): boolean {
  return line.kind !== 'context';
}

/** The first lines of a hunk that fit in `chars`, under a header recounted to match. */
function truncateHunk(hunk: Hunk, chars: number): { text: string; changed: number; rest: string | undefined } | undefined {
  const keep: HunkLine[] = [];
  let size = formatHunk({ ...hunk, lines: [] }).length + 1;
  let oldCount = 0;
  let newCount = 0;
  let changed = 0;
  for (const line of hunk.lines) {
    const length = formatHunkLine(line).length;
    if (size + length + 1 > chars) break;
    keep.push(line);
    size += length + 1;
    if (line.kind !== 'del') newCount++;
    if (line.kind !== 'add') oldCount++;
    if (isChange(line)) changed++;
  }
  if (changed === 0) return undefined;
  const text = formatHunk({ ...hunk, oldLines: oldCount, newLines: newCount, lines: keep });
  const restCount = hunk.newLines - newCount;
  return { text, changed, rest: keep.length < hunk.lines.length ? describe(hunk.newStart + newCount, restCount, hunk.oldStart + oldCount) : undefined };
}

function describe(newStart: number, newCount: number, oldStart: number): string {
  if (newCount <= 0) return `deleted lines from old line ${oldStart}`;
  return newCount === 1 ? `line ${newStart}` : `lines ${newStart}–${newStart + newCount - 1}`;
}
