import type { ProbotOctokit } from 'probot';
import type { Permission } from '../config/configSchema.js';
import { PERMISSIONS } from '../config/configSchema.js';
import type { CommentData, GitHub, PullFile } from './GitHub.js';

type Octokit = ProbotOctokit;

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

/** The GitHub port over an Octokit (Probot's installation client, or a token client in the Action). */
export function octokitGitHub(octokit: Octokit, owner: string, repo: string, opts: { botLogin?: string } = {}): GitHub {
  let login = opts.botLogin;
  let defaultBranch: string | undefined;
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
        return data.map((e) => ({ name: e.name, path: e.path, sha: e.sha, type: e.type === 'file' || e.type === 'dir' ? e.type : 'other' }));
      } catch (error) {
        if (status(error) === 404) return [];
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
      const all = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 });
      return all.slice(-max).map(toComment);
    },
    async createComment(number, body) {
      const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body });
      return toComment(data);
    },
    async updateComment(commentId, body) {
      const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
      return toComment(data);
    },
    async reactToComment(commentId, content) {
      await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content });
    },
    async pull(number) {
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
    async compare(base, head) {
      try {
        const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${base}...${head}` });
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
        title: a.title.slice(0, 255),
        message: a.message.slice(0, 64000),
      });
      const output = (annotations: typeof check.annotations) => ({
        title: check.title,
        summary: check.summary.slice(0, 65535),
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
  };
}
