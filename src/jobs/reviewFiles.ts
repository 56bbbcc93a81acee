import { COMPARE_MAX_FILES, type PullFile, type ReadGitHub } from '../github/GitHub.js';
import { groupDigits } from '../domain/groupDigits.js';

/** GitHub lists at most 3,000 files of a pull request. */
export const GITHUB_MAX_FILES = 3000;

export interface ReviewFiles {
  /** The files this review reads: the new commits' on an incremental review, else the pull request's. */
  files: PullFile[];
  truncated: boolean;
  /** Incremental from the last reviewed sha, or full and why (shown in the comment); undefined for a first review. */
  incremental?: { from: string; to: string } | { fullBecause: string };
  /** The pull request's own patches (inline comments are resolved on them), when they differ from `files`. */
  pullPatches?: Map<string, string>;
  /** For carrying earlier findings forward: what the new commits changed, and the pull request's paths. */
  carry?: { changed: PullFile[]; inPull: Set<string> | undefined };
  pullPaths?: Set<string>;
}

/**
 * Which files a review reads. On synchronize only the commits since the last reviewed sha; a full review
 * when those cannot be listed (GitHub's compare lists at most 300 files; a force-push removed the sha).
 */
export async function reviewFiles(github: ReadGitHub, number: number, event: string, lastSha: string | undefined, headSha: string): Promise<ReviewFiles> {
  if (event !== 'pull_request.synchronize' || !lastSha) return { ...(await github.pullFiles(number, GITHUB_MAX_FILES)) };
  const compared = await github.compare(lastSha, headSha);
  if (!compared) {
    const incremental = { fullBecause: `the last reviewed commit ${lastSha.slice(0, 7)} is no longer in the branch (force-push), so this is a full review` };
    return { ...(await github.pullFiles(number, GITHUB_MAX_FILES)), incremental };
  }
  if (compared.length >= COMPARE_MAX_FILES) {
    const max = groupDigits(COMPARE_MAX_FILES);
    const incremental = { fullBecause: `the commits since ${lastSha.slice(0, 7)} change ${max} files or more, and GitHub's compare API lists at most ${max}, so this is a full review` };
    return { ...(await github.pullFiles(number, GITHUB_MAX_FILES)), incremental };
  }
  const pullList = await github.pullFiles(number, GITHUB_MAX_FILES);
  const truncated = pullList.truncated;
  // After a merge of the base branch, compare(last...head) also lists what the base branch changed:
  // only files of this pull request are reviewed.
  const inPull = new Set(pullList.files.map((f) => f.path));
  return {
    files: truncated ? compared : compared.filter((f) => inPull.has(f.path)),
    truncated,
    incremental: { from: lastSha, to: headSha },
    pullPatches: new Map(pullList.files.flatMap((f) => (f.patch === undefined ? [] : [[f.path, f.patch] as const]))),
    carry: { changed: compared, inPull: truncated ? undefined : inPull },
    pullPaths: inPull,
  };
}
