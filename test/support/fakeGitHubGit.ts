/**
 * A small Git object model for the fake GitHub: blobs, flat trees (file path → blob), commits and
 * refs, per repository. Enough for the git data API, the contents API and compare.
 */
import { createHash } from 'node:crypto';

export interface GitBlob {
  sha: string;
  content: Buffer;
}

export interface GitTreeEntry {
  mode: string;
  sha: string;
}

/** A tree is stored flat: every file path under it with its blob. Directories are implied. */
export interface GitTree {
  sha: string;
  files: Map<string, GitTreeEntry>;
}

export interface GitPerson {
  name: string;
  email: string;
  date: string;
}

export interface GitCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: GitPerson;
  committer: GitPerson;
}

export function gitBlobSha(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class GitStore {
  readonly blobs = new Map<string, GitBlob>();
  readonly trees = new Map<string, GitTree>();
  readonly commits = new Map<string, GitCommit>();
  /** `heads/main` → commit sha; also `tags/v1`. */
  readonly refs = new Map<string, string>();
  private counter = 0;

  constructor(private readonly label: string) {}

  putBlob(content: Buffer): GitBlob {
    const sha = gitBlobSha(content);
    const blob = { sha, content };
    this.blobs.set(sha, blob);
    return blob;
  }

  /** Stores a tree (and its subdirectories, so their shas can be fetched too). */
  putTree(files: Map<string, GitTreeEntry>): GitTree {
    const sorted = [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const hash = createHash('sha1').update('tree\0');
    for (const [path, entry] of sorted) hash.update(`${entry.mode} ${path}\0${entry.sha}\n`);
    const sha = hash.digest('hex');
    const existing = this.trees.get(sha);
    if (existing) return existing;
    const tree = { sha, files: new Map(sorted) };
    this.trees.set(sha, tree);
    return tree;
  }

  /** The subtree under a directory path ('' is the tree itself); undefined when it has no files. */
  subtree(tree: GitTree, dir: string): GitTree | undefined {
    if (dir === '') return tree;
    const prefix = dir.replace(/\/+$/, '') + '/';
    const files = new Map<string, GitTreeEntry>();
    for (const [path, entry] of tree.files) if (path.startsWith(prefix)) files.set(path.slice(prefix.length), entry);
    return files.size === 0 ? undefined : this.putTree(files);
  }

  emptyTree(): GitTree {
    return this.putTree(new Map());
  }

  putCommit(input: { tree: string; parents: string[]; message: string; author?: GitPerson; committer?: GitPerson; sha?: string }): GitCommit {
    this.counter += 1;
    const person = input.author ?? { name: 'Fake Author', email: 'author@example.com', date: nowIso() };
    const sha =
      input.sha ??
      createHash('sha1')
        .update(`commit ${this.label} ${this.counter}\0tree ${input.tree}\n${input.parents.map((p) => `parent ${p}\n`).join('')}\n${input.message}`)
        .digest('hex');
    const commit: GitCommit = {
      sha,
      tree: input.tree,
      parents: input.parents,
      message: input.message,
      author: person,
      committer: input.committer ?? person,
    };
    this.commits.set(sha, commit);
    return commit;
  }

  /** Resolves a branch name, `heads/x`, `refs/heads/x`, tag, or a (possibly abbreviated) commit sha. */
  resolveCommit(ref: string): GitCommit | undefined {
    const clean = ref.replace(/^refs\//, '');
    const viaRef = this.refs.get(clean) ?? this.refs.get(`heads/${clean}`) ?? this.refs.get(`tags/${clean}`);
    if (viaRef) return this.commits.get(viaRef);
    const exact = this.commits.get(ref);
    if (exact) return exact;
    if (/^[0-9a-f]{7,39}$/i.test(ref)) {
      const matches = [...this.commits.keys()].filter((sha) => sha.startsWith(ref.toLowerCase()));
      if (matches.length === 1 && matches[0]) return this.commits.get(matches[0]);
    }
    return undefined;
  }

  treeOf(commit: GitCommit): GitTree {
    return this.trees.get(commit.tree) ?? this.emptyTree();
  }

  /** Text of a file in a tree, or undefined. */
  read(tree: GitTree, path: string): Buffer | undefined {
    const entry = tree.files.get(path);
    return entry ? this.blobs.get(entry.sha)?.content : undefined;
  }

  /** A new tree: `base` with files set (string/Buffer) or removed (null). */
  withFiles(base: GitTree | undefined, changes: Map<string, Buffer | null>): GitTree {
    const files = new Map(base?.files ?? []);
    for (const [path, content] of changes) {
      if (content === null) files.delete(path);
      else files.set(path, { mode: '100644', sha: this.putBlob(content).sha });
    }
    return this.putTree(files);
  }

  isAncestor(ancestor: string, descendant: string): boolean {
    const seen = new Set<string>();
    const stack = [descendant];
    while (stack.length > 0) {
      const sha = stack.pop() as string;
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      const commit = this.commits.get(sha);
      if (commit) stack.push(...commit.parents);
    }
    return false;
  }

  /** Commits reachable from `head` but not from `base`, oldest first. */
  commitsBetween(base: string, head: string): GitCommit[] {
    const excluded = new Set<string>();
    const walk = (start: string, into: Set<string>) => {
      const stack = [start];
      while (stack.length > 0) {
        const sha = stack.pop() as string;
        if (into.has(sha)) continue;
        into.add(sha);
        const commit = this.commits.get(sha);
        if (commit) stack.push(...commit.parents);
      }
    };
    walk(base, excluded);
    const included = new Set<string>();
    const stack = [head];
    const out: GitCommit[] = [];
    while (stack.length > 0) {
      const sha = stack.pop() as string;
      if (excluded.has(sha) || included.has(sha)) continue;
      included.add(sha);
      const commit = this.commits.get(sha);
      if (!commit) continue;
      out.push(commit);
      stack.push(...commit.parents);
    }
    return out.reverse();
  }
}
