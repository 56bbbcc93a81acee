/**
 * Git data (refs, blobs, trees, commits), the contents API, branches and commits, on the per-repo
 * Git model: whatever is committed through these endpoints is what the contents API reads back.
 */
import { nowIso, type GitCommit, type GitPerson, type GitTree, type GitTreeEntry } from './fakeGitHubGit.js';
import { commitToBranch, diffTrees, moveBranch } from './fakeGitHubOps.js';
import {
  bodyObject,
  HttpError,
  httpError,
  notFound,
  requireActor,
  requireRepo,
  str,
  unprocessable,
  type RouteContext,
  type RouteResult,
  type Routes,
} from './fakeGitHubRouting.js';
import type { RepoState } from './fakeGitHubState.js';

function checkProtection(repo: RepoState, branch: string): void {
  const protection = repo.protectedBranches.get(branch);
  if (protection) throw new HttpError(protection.status, { message: protection.message, documentation_url: 'https://docs.github.com/rest', status: String(protection.status) });
}

function resolveRefOrDefault(ctx: RouteContext, repo: RepoState): { ref: string; commit: GitCommit } {
  const ref = ctx.query.get('ref') ?? repo.defaultBranch;
  const commit = repo.git.resolveCommit(ref);
  if (!commit) throw notFound(`No commit found for the ref ${ref}`);
  return { ref, commit };
}

function person(value: unknown): GitPerson | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const p = value as Record<string, unknown>;
  return { name: str(p.name) ?? 'Unknown', email: str(p.email) ?? 'unknown@example.com', date: str(p.date) ?? nowIso() };
}

function wantsRaw(ctx: RouteContext): boolean {
  return /\.raw\b/.test(String(ctx.headers.accept ?? ''));
}

/**
 * The contents API's limits (https://docs.github.com/en/rest/repos/contents#get-repository-content):
 * a file over 1 MB comes back with an empty `content` and `encoding: "none"` (only the raw media type, or
 * the Git blobs API, returns it); a directory lists at most 1,000 entries (the Git trees API lists more).
 */
export const CONTENTS_MAX_FILE_BYTES = 1024 * 1024;
export const CONTENTS_MAX_DIR_ENTRIES = 1000;

function contentsOf(ctx: RouteContext, repo: RepoState, ref: string, tree: GitTree, path: string): RouteResult {
  const clean = path.replace(/^\/+|\/+$/g, '');
  const entry = clean === '' ? undefined : tree.files.get(clean);
  if (entry) {
    const content = repo.git.blobs.get(entry.sha)?.content ?? Buffer.alloc(0);
    if (wantsRaw(ctx)) return { status: 200, raw: content, contentType: 'text/plain; charset=utf-8' };
    if (content.length > CONTENTS_MAX_FILE_BYTES) {
      return { status: 200, body: { ...ctx.shapes.contentEntry(repo, ref, clean, 'file', entry.sha, content.length), content: '', encoding: 'none' } };
    }
    const base64 = content.toString('base64').replace(/(.{60})/g, '$1\n');
    return {
      status: 200,
      body: { ...ctx.shapes.contentEntry(repo, ref, clean, 'file', entry.sha, content.length), content: base64 + (base64.endsWith('\n') ? '' : '\n'), encoding: 'base64' },
    };
  }
  const dir = repo.git.subtree(tree, clean);
  if (!dir) throw notFound();
  const children = new Map<string, { type: 'file' | 'dir'; sha: string; size: number }>();
  for (const [file, fileEntry] of dir.files) {
    const [first, ...rest] = file.split('/');
    if (first === undefined) continue;
    const childPath = clean === '' ? first : `${clean}/${first}`;
    if (rest.length === 0) {
      children.set(childPath, { type: 'file', sha: fileEntry.sha, size: repo.git.blobs.get(fileEntry.sha)?.content.length ?? 0 });
    } else if (!children.has(childPath)) {
      children.set(childPath, { type: 'dir', sha: repo.git.subtree(tree, childPath)?.sha ?? '', size: 0 });
    }
  }
  const listing = [...children.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .slice(0, CONTENTS_MAX_DIR_ENTRIES)
    .map(([childPath, child]) => ctx.shapes.contentEntry(repo, ref, childPath, child.type, child.sha, child.size));
  return { status: 200, body: listing };
}

function treeFromInput(ctx: RouteContext, repo: RepoState): GitTree {
  const body = bodyObject(ctx);
  let files = new Map<string, GitTreeEntry>();
  const baseTree = str(body.base_tree);
  if (baseTree !== undefined) {
    const base = repo.git.trees.get(baseTree) ?? (repo.git.commits.get(baseTree) ? repo.git.treeOf(repo.git.commits.get(baseTree) as GitCommit) : undefined);
    if (!base) throw unprocessable('Invalid request.\n\nbase_tree is not a valid tree SHA.', [{ resource: 'Tree', field: 'base_tree', code: 'invalid' }]);
    files = new Map(base.files);
  }
  const entries = Array.isArray(body.tree) ? body.tree : [];
  for (const raw of entries) {
    const entry = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const path = (str(entry.path) ?? '').replace(/^\/+/, '');
    const mode = str(entry.mode) ?? '100644';
    const type = str(entry.type) ?? 'blob';
    if (entry.sha === null) {
      // Deleting a file (or every file under a directory).
      for (const existing of [...files.keys()]) if (existing === path || existing.startsWith(`${path}/`)) files.delete(existing);
      continue;
    }
    if (type === 'tree') {
      const sub = repo.git.trees.get(str(entry.sha) ?? '');
      if (!sub) throw unprocessable(`Invalid request.\n\ntree.sha ${String(entry.sha)} is not a valid tree`);
      for (const existing of [...files.keys()]) if (existing.startsWith(`${path}/`)) files.delete(existing);
      for (const [subPath, subEntry] of sub.files) files.set(`${path}/${subPath}`, subEntry);
      continue;
    }
    if (typeof entry.content === 'string') {
      files.set(path, { mode, sha: repo.git.putBlob(Buffer.from(entry.content, 'utf8')).sha });
    } else if (typeof entry.sha === 'string') {
      if (!repo.git.blobs.has(entry.sha)) throw unprocessable(`Invalid request.\n\ntree.sha ${entry.sha} is not a valid blob`);
      files.set(path, { mode, sha: entry.sha });
    } else {
      throw unprocessable('Invalid request.\n\nMust supply either tree.sha or tree.content.');
    }
  }
  return repo.git.putTree(files);
}

function branchJson(ctx: RouteContext, repo: RepoState, name: string, commit: GitCommit): Record<string, unknown> {
  const api = `${ctx.api}/repos/${repo.fullName}`;
  return {
    name,
    commit: ctx.shapes.commit(repo, commit),
    _links: { self: `${api}/branches/${name}`, html: `https://github.com/${repo.fullName}/tree/${name}` },
    protected: repo.protectedBranches.has(name),
    protection: { enabled: repo.protectedBranches.has(name), required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] } },
    protection_url: `${api}/branches/${name}/protection`,
  };
}

export const gitRoutes: Routes = {
  'GET /repos/{owner}/{repo}/contents/{path}': (ctx) => {
    const repo = requireRepo(ctx);
    const { ref, commit } = resolveRefOrDefault(ctx, repo);
    return contentsOf(ctx, repo, ref, repo.git.treeOf(commit), ctx.params.path ?? '');
  },

  'PUT /repos/{owner}/{repo}/contents/{path}': (ctx) => {
    const actor = requireActor(ctx);
    const repo = requireRepo(ctx);
    const body = bodyObject(ctx);
    const branch = str(body.branch) ?? repo.defaultBranch;
    const path = (ctx.params.path ?? '').replace(/^\/+/, '');
    const head = repo.git.resolveCommit(`heads/${branch}`);
    if (!head) throw notFound(`Branch ${branch} not found`);
    checkProtection(repo, branch);
    const existing = repo.git.treeOf(head).files.get(path);
    const sha = str(body.sha);
    if (existing && sha === undefined) throw unprocessable('Invalid request.\n\n"sha" wasn\'t supplied.');
    if (existing && sha !== existing.sha) throw httpError(409, `${path} does not match ${sha ?? ''}`);
    const content = Buffer.from(str(body.content) ?? '', 'base64');
    const author = person(body.author) ?? person(body.committer) ?? { name: actor.login, email: `${actor.id}+${actor.login}@users.noreply.github.com`, date: nowIso() };
    const commit = commitToBranch(repo, branch, new Map([[path, content]]), str(body.message) ?? `Update ${path}`, { author });
    const blob = repo.git.treeOf(commit).files.get(path) as GitTreeEntry;
    return {
      status: existing ? 200 : 201,
      body: {
        content: ctx.shapes.contentEntry(repo, branch, path, 'file', blob.sha, content.length),
        commit: ctx.shapes.gitCommit(repo, commit),
      },
    };
  },

  'GET /repos/{owner}/{repo}/git/ref/{ref}': (ctx) => {
    const repo = requireRepo(ctx);
    const ref = (ctx.params.ref ?? '').replace(/^refs\//, '');
    const sha = repo.git.refs.get(ref);
    if (!sha) throw notFound();
    return { status: 200, body: ctx.shapes.gitRef(repo, ref, sha) };
  },

  'GET /repos/{owner}/{repo}/git/matching-refs/{ref}': (ctx) => {
    const repo = requireRepo(ctx);
    const prefix = (ctx.params.ref ?? '').replace(/^refs\//, '');
    const refs = [...repo.git.refs.entries()].filter(([name]) => name.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1));
    return { status: 200, body: refs.map(([name, sha]) => ctx.shapes.gitRef(repo, name, sha)) };
  },

  'POST /repos/{owner}/{repo}/git/refs': (ctx) => {
    requireActor(ctx);
    const repo = requireRepo(ctx);
    const body = bodyObject(ctx);
    const fullRef = str(body.ref) ?? '';
    const sha = str(body.sha) ?? '';
    if (!/^refs\/[^/]+\/.+/.test(fullRef)) throw unprocessable(`${fullRef} is not a valid ref name.`);
    const ref = fullRef.replace(/^refs\//, '');
    if (repo.git.refs.has(ref)) throw unprocessable('Reference already exists');
    if (!repo.git.commits.has(sha)) throw unprocessable('Object does not exist');
    if (ref.startsWith('heads/')) moveBranch(repo, ref.slice('heads/'.length), sha);
    else repo.git.refs.set(ref, sha);
    return { status: 201, body: ctx.shapes.gitRef(repo, ref, sha), headers: { location: `${ctx.api}/repos/${repo.fullName}/git/refs/${ref}` } };
  },

  'PATCH /repos/{owner}/{repo}/git/refs/{ref}': (ctx) => {
    requireActor(ctx);
    const repo = requireRepo(ctx);
    const ref = (ctx.params.ref ?? '').replace(/^refs\//, '');
    const current = repo.git.refs.get(ref);
    if (!current) throw unprocessable('Reference does not exist');
    const body = bodyObject(ctx);
    const sha = str(body.sha) ?? '';
    if (!repo.git.commits.has(sha)) throw unprocessable('Object does not exist');
    if (ref.startsWith('heads/')) checkProtection(repo, ref.slice('heads/'.length));
    if (body.force !== true && !repo.git.isAncestor(current, sha)) throw unprocessable('Update is not a fast forward');
    if (ref.startsWith('heads/')) moveBranch(repo, ref.slice('heads/'.length), sha);
    else repo.git.refs.set(ref, sha);
    return { status: 200, body: ctx.shapes.gitRef(repo, ref, sha) };
  },

  'DELETE /repos/{owner}/{repo}/git/refs/{ref}': (ctx) => {
    requireActor(ctx);
    const repo = requireRepo(ctx);
    const ref = (ctx.params.ref ?? '').replace(/^refs\//, '');
    if (!repo.git.refs.has(ref)) throw unprocessable('Reference does not exist');
    if (ref.startsWith('heads/')) checkProtection(repo, ref.slice('heads/'.length));
    repo.git.refs.delete(ref);
    return { status: 204 };
  },

  'POST /repos/{owner}/{repo}/git/blobs': (ctx) => {
    requireActor(ctx);
    const repo = requireRepo(ctx);
    const body = bodyObject(ctx);
    const encoding = str(body.encoding) ?? 'utf-8';
    const blob = repo.git.putBlob(Buffer.from(str(body.content) ?? '', encoding === 'base64' ? 'base64' : 'utf8'));
    return { status: 201, body: { sha: blob.sha, url: `${ctx.api}/repos/${repo.fullName}/git/blobs/${blob.sha}` } };
  },

  'GET /repos/{owner}/{repo}/git/blobs/{file_sha}': (ctx) => {
    const repo = requireRepo(ctx);
    const blob = repo.git.blobs.get(ctx.params.file_sha ?? '');
    if (!blob) throw notFound();
    return {
      status: 200,
      body: {
        sha: blob.sha,
        node_id: Buffer.from(`Blob:${blob.sha}`).toString('base64'),
        size: blob.content.length,
        url: `${ctx.api}/repos/${repo.fullName}/git/blobs/${blob.sha}`,
        content: blob.content.toString('base64'),
        encoding: 'base64',
      },
    };
  },

  'POST /repos/{owner}/{repo}/git/trees': (ctx) => {
    requireActor(ctx);
    const repo = requireRepo(ctx);
    const tree = treeFromInput(ctx, repo);
    return { status: 201, body: ctx.shapes.treeJson(repo, tree, false) };
  },

  'GET /repos/{owner}/{repo}/git/trees/{tree_sha}': (ctx) => {
    const repo = requireRepo(ctx);
    // `HEAD` names the default branch, as in git (the docs: "The SHA1 value or ref (branch or tag) name of the tree").
    const key = ctx.params.tree_sha === 'HEAD' ? `heads/${repo.defaultBranch}` : (ctx.params.tree_sha ?? '');
    const commit = repo.git.trees.has(key) ? undefined : repo.git.resolveCommit(key);
    const tree = repo.git.trees.get(key) ?? (commit ? repo.git.treeOf(commit) : undefined);
    if (!tree) throw notFound();
    const recursive = ctx.query.get('recursive');
    return { status: 200, body: ctx.shapes.treeJson(repo, tree, recursive !== null && recursive !== '' && recursive !== '0' && recursive !== 'false') };
  },

  'POST /repos/{owner}/{repo}/git/commits': (ctx) => {
    const actor = requireActor(ctx);
    const repo = requireRepo(ctx);
    const body = bodyObject(ctx);
    const tree = str(body.tree) ?? '';
    if (!repo.git.trees.has(tree)) throw unprocessable('Tree SHA does not exist');
    const parents = Array.isArray(body.parents) ? body.parents.filter((p): p is string => typeof p === 'string') : [];
    for (const parent of parents) if (!repo.git.commits.has(parent)) throw unprocessable('Parent SHA does not exist or is not a commit object');
    const author = person(body.author) ?? { name: actor.login, email: `${actor.id}+${actor.login}@users.noreply.github.com`, date: nowIso() };
    const commit = repo.git.putCommit({ tree, parents, message: str(body.message) ?? '', author, committer: person(body.committer) ?? author });
    return { status: 201, body: ctx.shapes.gitCommit(repo, commit), headers: { location: `${ctx.api}/repos/${repo.fullName}/git/commits/${commit.sha}` } };
  },

  'GET /repos/{owner}/{repo}/git/commits/{commit_sha}': (ctx) => {
    const repo = requireRepo(ctx);
    const commit = repo.git.commits.get(ctx.params.commit_sha ?? '');
    if (!commit) throw notFound();
    return { status: 200, body: ctx.shapes.gitCommit(repo, commit) };
  },

  'GET /repos/{owner}/{repo}/commits/{ref}': (ctx) => {
    const repo = requireRepo(ctx);
    const commit = repo.git.resolveCommit(ctx.params.ref ?? '');
    if (!commit) throw unprocessable(`No commit found for SHA: ${ctx.params.ref ?? ''}`);
    const parent = commit.parents[0] ? repo.git.commits.get(commit.parents[0]) : undefined;
    const files = diffTrees(repo, parent ? repo.git.treeOf(parent) : repo.git.emptyTree(), repo.git.treeOf(commit));
    return { status: 200, body: ctx.shapes.commit(repo, commit, files.map((file) => ctx.shapes.diffEntry(repo, file, commit.sha))) };
  },

  'GET /repos/{owner}/{repo}/branches/{branch}': (ctx) => {
    const repo = requireRepo(ctx);
    const name = ctx.params.branch ?? '';
    const sha = repo.git.refs.get(`heads/${name}`);
    const commit = sha ? repo.git.commits.get(sha) : undefined;
    if (!commit) throw notFound('Branch not found');
    return { status: 200, body: branchJson(ctx, repo, name, commit) };
  },
};
