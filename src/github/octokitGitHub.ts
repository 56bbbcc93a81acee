import type { ProbotOctokit } from 'probot';
import type { Permission } from '../config/configSchema.js';
import { PERMISSIONS } from '../config/configSchema.js';
import { safeEnd } from '../domain/safeEnd.js';
import { CHECK_OUTPUT_MAX_BYTES, cutUtf8 } from './cutUtf8.js';
import type { CommentData, DirEntry, GitHub, IssueData, PullData, PullFile, PullRef } from './GitHub.js';

/** What the port uses of an Octokit: Probot's installation client and @octokit/rest (the Action) both fit. */
type Octokit = Pick<ProbotOctokit, 'rest' | 'paginate'>;

function status(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error ? Number((error as { status: unknown }).status) : undefined;
}

function toComment(c: { id: number; body?: string | null; user: { login: string; type?: string } | null; html_url: string }): CommentData {
  return { id: c.id, body: c.body ?? '', author: c.user?.login ?? '', authorType: c.user?.type ?? 'User', url: c.html_url };
}

function toPullFile(f: { filename: string; previous_filename?: string; status: string; patch?: string; additions: number; deletions: number }): PullFile {
  const status: PullFile['status'] =
    f.status === 'added' || f.status === 'removed' || f.status === 'renamed' ? f.status : 'modified';
  return { path: f.filename, previousPath: f.previous_filename, status, patch: f.patch, additions: f.additions, deletions: f.deletions };
}

/** The contents API lists at most this many entries of a directory (https://docs.github.com/en/rest/repos/contents#get-repository-content). */
const CONTENTS_MAX_DIR_ENTRIES = 1000;

/** Where ADR numbers are reserved: hidden refs, one per number. */
const ADR_NUMBER_REFS = 'refs/agency/adr-numbers/';

function message(error: unknown): string {
  const data = typeof error === 'object' && error !== null && 'response' in error ? (error as { response?: { data?: unknown } }).response?.data : undefined;
  const text = typeof data === 'object' && data !== null && 'message' in data ? String((data as { message: unknown }).message) : '';
  return text || (error instanceof Error ? error.message : String(error));
}

function toPullRef(p: { number: number; html_url: string; head: { ref: string } }): PullRef {
  return { number: p.number, url: p.html_url, headRef: p.head.ref };
}

export interface OctokitGitHubOptions {
  botLogin?: string;
  /**
   * The issue or pull request as the webhook payload carried it: `issue(n)` / `pull(n)` answer from it
   * instead of asking again (the payload is the state the event was accepted at, which pins the head sha).
   */
  known?: { issue?: IssueData; pull?: PullData };
}

/**
 * The GitHub port over an Octokit (Probot's installation client, or a token client in the Action).
 * One instance serves one job: an issue's comments are listed once and kept up to date by the job's own
 * writes, so finding the living comment, gathering the discussion and upserting cost one listing.
 */
export function octokitGitHub(octokit: Octokit, owner: string, repo: string, opts: OctokitGitHubOptions = {}): GitHub {
  let login = opts.botLogin;
  let defaultBranch: string | undefined;
  const commentLists = new Map<number, Promise<CommentData[]>>();
  async function createRef(ref: string, sha: string): Promise<boolean> {
    try {
      await octokit.rest.git.createRef({ owner, repo, ref, sha });
      return true;
    } catch (error) {
      if (status(error) === 422 && /already exists/i.test(message(error))) return false;
      throw error;
    }
  }
  /** A directory's entries from the Git trees API: one non-recursive tree per path segment from the ref's root. */
  async function listTree(path: string, ref: string | undefined): Promise<DirEntry[]> {
    let sha = ref ?? (defaultBranch ??= (await octokit.rest.repos.get({ owner, repo })).data.default_branch);
    const segments = path.split('/').filter((s) => s !== '');
    for (let i = 0; ; i++) {
      const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: sha });
      if (i === segments.length) {
        const prefix = segments.length > 0 ? `${segments.join('/')}/` : '';
        return data.tree.map((e) => ({
          name: e.path ?? '',
          path: `${prefix}${e.path ?? ''}`,
          sha: e.sha ?? '',
          // Symbolic links (mode 120000) and submodules are neither, as in the contents API.
          type: e.type === 'blob' && e.mode !== '120000' ? 'file' : e.type === 'tree' ? 'dir' : 'other',
        }));
      }
      const next = data.tree.find((e) => e.path === segments[i] && e.type === 'tree');
      if (!next?.sha) return [];
      sha = next.sha;
    }
  }
  async function findPull(head: string, base: string): Promise<PullRef | undefined> {
    const { data } = await octokit.rest.pulls.list({ owner, repo, state: 'open', head: `${owner}:${head}`, base, per_page: 1 });
    return data[0] ? toPullRef(data[0]) : undefined;
  }
  return {
    owner,
    repo,
    async botLogin() {
      if (!login) {
        // An installation token cannot call GET /app; the app passes its login in. A token client asks who it is.
        const { data } = await octokit.rest.users.getAuthenticated();
        login = data.login;
      }
      return login;
    },
    async defaultBranch() {
      if (!defaultBranch) defaultBranch = (await octokit.rest.repos.get({ owner, repo })).data.default_branch;
      return defaultBranch;
    },
    async readFile(path, ref) {
      try {
        const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ...(ref ? { ref } : {}) });
        if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
        // Over 1 MB the contents API answers `encoding: "none"` and no content; the blobs API serves up to
        // 100 MB (https://docs.github.com/en/rest/repos/contents#get-repository-content).
        if (data.encoding === 'none' || (data.content === '' && data.size > 0)) {
          const { data: blob } = await octokit.rest.git.getBlob({ owner, repo, file_sha: data.sha });
          return Buffer.from(blob.content, blob.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
        }
        return Buffer.from(data.content, 'base64').toString('utf8');
      } catch (error) {
        if (status(error) === 404) return undefined;
        throw error;
      }
    },
    async listDir(path, ref) {
      try {
        const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ...(ref ? { ref } : {}) });
        if (!Array.isArray(data)) return [];
        // The contents API lists at most 1,000 entries of a directory; the trees API lists them all.
        if (data.length >= CONTENTS_MAX_DIR_ENTRIES) return listTree(path, ref);
        return data.map((e) => ({ name: e.name, path: e.path, sha: e.sha, type: e.type === 'file' || e.type === 'dir' ? e.type : 'other' }));
      } catch (error) {
        if (status(error) === 404) return [];
        throw error;
      }
    },
    async readTree(ref) {
      const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: ref, recursive: 'true' });
      const files = data.tree.flatMap((e) => (e.type === 'blob' && e.path && e.sha ? [{ path: e.path, sha: e.sha, size: e.size ?? 0 }] : []));
      return { sha: data.sha, files, truncated: data.truncated };
    },
    async readBlob(sha) {
      try {
        const { data } = await octokit.rest.git.getBlob({ owner, repo, file_sha: sha });
        return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
      } catch (error) {
        if (status(error) === 404) return undefined;
        throw error;
      }
    },
    async permission(username) {
      try {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username });
        // role_name carries maintain/triage, which the legacy `permission` field folds into write/read.
        const role = data.role_name as string | undefined;
        if (role && (PERMISSIONS as readonly string[]).includes(role)) return role as Permission;
        const legacy = data.permission;
        return (PERMISSIONS as readonly string[]).includes(legacy) ? (legacy as Permission) : 'none';
      } catch (error) {
        if (status(error) === 404) return 'none';
        throw error;
      }
    },
    async issue(number) {
      if (opts.known?.issue?.number === number) return opts.known.issue;
      const { data } = await octokit.rest.issues.get({ owner, repo, issue_number: number });
      return {
        number,
        title: data.title,
        body: data.body ?? '',
        url: data.html_url,
        isPullRequest: Boolean(data.pull_request),
        author: data.user?.login ?? '',
      };
    },
    async comments(number, max) {
      let list = commentLists.get(number);
      if (!list) {
        list = octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 }).then((all) => all.map(toComment));
        list.catch(() => commentLists.delete(number));
        commentLists.set(number, list);
      }
      return (await list).slice(-max);
    },
    async createComment(number, body) {
      const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body });
      const comment = toComment(data);
      const list = commentLists.get(number);
      if (list) commentLists.set(number, list.then((all) => [...all, comment]));
      return comment;
    },
    async updateComment(commentId, body) {
      const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
      const comment = toComment(data);
      for (const [number, list] of commentLists) {
        commentLists.set(number, list.then((all) => all.map((c) => (c.id === commentId ? comment : c))));
      }
      return comment;
    },
    async reactToComment(commentId, content) {
      await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content });
    },
    async pull(number) {
      if (opts.known?.pull?.number === number) return opts.known.pull;
      const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
      return {
        number,
        title: data.title,
        body: data.body ?? '',
        url: data.html_url,
        headSha: data.head.sha,
        baseSha: data.base.sha,
        baseRef: data.base.ref,
        draft: Boolean(data.draft),
        labels: data.labels.map((l) => l.name),
        author: data.user?.login ?? '',
      };
    },
    async pullFiles(number, max) {
      const files: PullFile[] = [];
      let truncated = false;
      for await (const page of octokit.paginate.iterator(octokit.rest.pulls.listFiles, { owner, repo, pull_number: number, per_page: 100 })) {
        for (const f of page.data) {
          if (files.length >= max) {
            truncated = true;
            break;
          }
          files.push(toPullFile(f));
        }
        if (truncated) break;
      }
      return { files, truncated };
    },
    async getPullHead(number) {
      const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
      return data.head.sha;
    },
    async listReviews(number) {
      const all = await octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: number, per_page: 100 });
      return all.map((r) => ({ id: r.id, state: r.state, author: r.user?.login ?? '', commitId: r.commit_id ?? '' }));
    },
    async dismissReview(number, reviewId, text) {
      await octokit.rest.pulls.dismissReview({ owner, repo, pull_number: number, review_id: reviewId, message: text });
    },
    async compare(base, head) {
      try {
        const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${base}...${head}` });
        // GitHub keeps force-pushed commits: the old sha still compares, as "diverged" or "behind". Only a head
        // that builds on the reviewed sha makes an incremental review honest.
        if (data.status !== 'ahead' && data.status !== 'identical') return undefined;
        return (data.files ?? []).map(toPullFile);
      } catch (error) {
        if (status(error) === 404) return undefined;
        throw error;
      }
    },
    async reviewComments(number) {
      const all = await octokit.paginate(octokit.rest.pulls.listReviewComments, { owner, repo, pull_number: number, per_page: 100 });
      return all.map((c) => ({ path: c.path, line: c.line ?? null, body: c.body, author: c.user?.login ?? '' }));
    },
    async createReview(number, review) {
      const { data } = await octokit.rest.pulls.createReview({
        owner,
        repo,
        pull_number: number,
        commit_id: review.commitId,
        event: review.event,
        body: review.body,
        comments: review.comments.map((c) =>
          c.startLine !== undefined && c.startLine < c.line
            ? { path: c.path, line: c.line, start_line: c.startLine, side: 'RIGHT' as const, start_side: 'RIGHT' as const, body: c.body }
            : { path: c.path, line: c.line, side: 'RIGHT' as const, body: c.body },
        ),
      });
      return { id: data.id, url: data.html_url };
    },
    async createCheckRun(check) {
      // GitHub takes at most 50 annotations per request: create with the first batch, then append.
      const batches: (typeof check.annotations)[] = [];
      for (let i = 0; i < check.annotations.length; i += 50) batches.push(check.annotations.slice(i, i + 50));
      const toApi = (a: (typeof check.annotations)[number]) => ({
        path: a.path,
        start_line: a.startLine,
        end_line: a.endLine,
        annotation_level: a.level,
        title: a.title.slice(0, safeEnd(a.title, 255)),
        // "The maximum size is 64 KB": bytes, like the summary.
        message: cutUtf8(a.message, 64_000),
      });
      const output = (annotations: typeof check.annotations) => ({
        title: check.title,
        // GitHub counts the summary in bytes (65,535), not characters.
        summary: cutUtf8(check.summary, CHECK_OUTPUT_MAX_BYTES),
        annotations: annotations.map(toApi),
      });
      const { data } = await octokit.rest.checks.create({
        owner,
        repo,
        name: check.name,
        head_sha: check.headSha,
        status: 'completed',
        conclusion: check.conclusion,
        output: output(batches[0] ?? []),
      });
      for (const batch of batches.slice(1)) {
        await octokit.rest.checks.update({ owner, repo, check_run_id: data.id, output: output(batch) });
      }
      return { id: data.id, url: data.html_url ?? '' };
    },
    async getBranchHead(branch) {
      try {
        const { data } = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` });
        return data.object.sha;
      } catch (error) {
        if (status(error) === 404) return undefined;
        throw error;
      }
    },
    async listBranches(prefix) {
      // matching-refs answers [] (not 404) when nothing matches.
      const refs = await octokit.paginate(octokit.rest.git.listMatchingRefs, { owner, repo, ref: `heads/${prefix}`, per_page: 100 });
      return refs.map((r) => r.ref.replace(/^refs\/heads\//, '')).filter((name) => name.startsWith(prefix));
    },
    async createCommit(input) {
      const { data: parent } = await octokit.rest.git.getCommit({ owner, repo, commit_sha: input.parent });
      // Inline contents: GitHub stores each as a blob. No author or committer: GitHub then signs the commit
      // of an app installation (shown "Verified"), which repositories requiring signed commits accept.
      const { data: tree } = await octokit.rest.git.createTree({
        owner,
        repo,
        base_tree: parent.tree.sha,
        tree: input.files.map((f) => ({ path: f.path, mode: '100644' as const, type: 'blob' as const, content: f.content })),
      });
      const { data } = await octokit.rest.git.createCommit({ owner, repo, message: input.message, tree: tree.sha, parents: [input.parent] });
      return { sha: data.sha, url: data.html_url };
    },
    async listAdrNumberReservations() {
      const refs = await octokit.paginate(octokit.rest.git.listMatchingRefs, { owner, repo, ref: ADR_NUMBER_REFS.replace(/^refs\//, ''), per_page: 100 });
      return refs.map((r) => /^refs\/agency\/adr-numbers\/(\d{1,9})$/.exec(r.ref)?.[1]).filter((n): n is string => n !== undefined).map(Number);
    },
    async getAdrNumberReservation(adrNumber) {
      try {
        const { data } = await octokit.rest.git.getRef({ owner, repo, ref: `${ADR_NUMBER_REFS.replace(/^refs\//, '')}${String(adrNumber).padStart(4, '0')}` });
        return data.object.sha;
      } catch (error) {
        if (status(error) === 404) return undefined;
        throw error;
      }
    },
    async reserveAdrNumber({ adrNumber, sha }) {
      if (!Number.isSafeInteger(adrNumber) || adrNumber < 1 || adrNumber > 999_999_999) throw new RangeError(`bad ADR number ${adrNumber}`);
      return createRef(`${ADR_NUMBER_REFS}${String(adrNumber).padStart(4, '0')}`, sha);
    },
    createBranch: (branch, sha) => createRef(`refs/heads/${branch}`, sha),
    async updateBranch(branch, sha) {
      try {
        await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: false });
        return { ok: true };
      } catch (error) {
        const code = status(error);
        const text = message(error);
        if (code === 422 && /fast[\s-]?forward/i.test(text)) return { ok: false, reason: 'not-fast-forward', status: code, message: text };
        // Branch protection and rulesets answer 422 ("Protected branch update failed", "Repository rule
        // violations found") or 403/409 depending on the rule.
        if (code === 403 || code === 409 || code === 422) return { ok: false, reason: 'refused', status: code, message: text };
        throw error;
      }
    },
    async listOpenPulls(headPrefix) {
      const pulls = await octokit.paginate(octokit.rest.pulls.list, { owner, repo, state: 'open', per_page: 100 });
      return pulls
        .filter((p) => p.head.ref.startsWith(headPrefix) && (p.head.repo?.full_name ?? `${owner}/${repo}`).toLowerCase() === `${owner}/${repo}`.toLowerCase())
        .map(toPullRef);
    },
    findPull,
    async createPull(input) {
      try {
        const { data } = await octokit.rest.pulls.create({ owner, repo, head: input.head, base: input.base, title: input.title, body: input.body });
        return { ...toPullRef(data), existed: false };
      } catch (error) {
        if (status(error) !== 422) throw error;
        const existing = await findPull(input.head, input.base);
        if (existing) return { ...existing, existed: true };
        throw error;
      }
    },
  };
}
