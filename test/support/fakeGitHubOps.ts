/**
 * Operations on the fake GitHub's state shared by the routes and the seeding helpers: committing
 * files to a branch, moving branches (pull requests follow their head branch), diffing trees.
 */
import { makePatch } from './fakeGitHubDiff.js';
import type { GitCommit, GitTree } from './fakeGitHubGit.js';
import type { PullFileInput, RepoState } from './fakeGitHubState.js';

const TEXT_LIMIT = 1_000_000;

/** Files that differ between two trees, as GitHub's diff entries with generated patches. */
export function diffTrees(repo: RepoState, base: GitTree, head: GitTree): PullFileInput[] {
  const paths = new Set([...base.files.keys(), ...head.files.keys()]);
  const files: PullFileInput[] = [];
  for (const path of [...paths].sort()) {
    const before = base.files.get(path);
    const after = head.files.get(path);
    if (before?.sha === after?.sha) continue;
    const beforeText = before ? repo.git.blobs.get(before.sha)?.content.toString('utf8') : undefined;
    const afterText = after ? repo.git.blobs.get(after.sha)?.content.toString('utf8') : undefined;
    const tooBig = (beforeText?.length ?? 0) + (afterText?.length ?? 0) > TEXT_LIMIT;
    const { patch, additions, deletions } = tooBig ? { patch: undefined, additions: 0, deletions: 0 } : makePatch(beforeText, afterText);
    files.push({
      filename: path,
      status: !before ? 'added' : !after ? 'removed' : 'modified',
      additions,
      deletions,
      ...(patch !== undefined && patch !== '' ? { patch } : {}),
      ...(afterText !== undefined ? { content: afterText } : {}),
    });
  }
  return files;
}

export function diffCommits(repo: RepoState, base: GitCommit, head: GitCommit): PullFileInput[] {
  return diffTrees(repo, repo.git.treeOf(base), repo.git.treeOf(head));
}

/**
 * Points `heads/<branch>` at a commit. Open pull requests whose head is that branch follow it, and
 * their files become the difference from their base branch, as on GitHub after a push.
 */
export function moveBranch(repo: RepoState, branch: string, sha: string): void {
  repo.git.refs.set(`heads/${branch}`, sha);
  for (const pull of repo.pulls.values()) {
    const issue = repo.issues.get(pull.number);
    if (issue?.state !== 'open') continue;
    if (pull.headRef === branch && pull.headSha !== sha) {
      (pull.filesByHead ??= new Map()).set(pull.headSha, pull.files);
      pull.headSha = sha;
      pull.headHistory.push(sha);
      const head = repo.git.commits.get(sha);
      const base = repo.git.resolveCommit(pull.baseRef) ?? repo.git.commits.get(pull.baseSha);
      if (head && base) {
        pull.baseSha = base.sha;
        pull.files = diffCommits(repo, base, head);
      }
    }
  }
}

/** A new commit on `branch` (created from the default branch if missing) with files set or removed. */
export function commitToBranch(
  repo: RepoState,
  branch: string,
  changes: Map<string, Buffer | null>,
  message: string,
  options: { author?: { name: string; email: string; date: string } } = {},
): GitCommit {
  const current = repo.git.resolveCommit(`heads/${branch}`) ?? repo.git.resolveCommit(`heads/${repo.defaultBranch}`);
  const tree = repo.git.withFiles(current ? repo.git.treeOf(current) : undefined, changes);
  const commit = repo.git.putCommit({ tree: tree.sha, parents: current ? [current.sha] : [], message, ...(options.author ? { author: options.author } : {}) });
  moveBranch(repo, branch, commit.sha);
  return commit;
}

/** Applies a pull request file list (with `content`) on top of a tree. */
export function applyPullFiles(repo: RepoState, base: GitTree | undefined, files: PullFileInput[]): GitTree {
  const changes = new Map<string, Buffer | null>();
  for (const file of files) {
    if (file.previous_filename && file.status === 'renamed') changes.set(file.previous_filename, null);
    if (file.status === 'removed') changes.set(file.filename, null);
    else if (file.content !== undefined) changes.set(file.filename, Buffer.from(file.content));
  }
  return repo.git.withFiles(base, changes);
}
