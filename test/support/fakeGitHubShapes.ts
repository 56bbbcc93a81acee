/**
 * JSON shapes of the fake GitHub's responses, close to GitHub's own (the fields of the OpenAPI
 * schemas' `required` lists). API URLs point at the fake; `html_url`s at https://github.com.
 */
import { limitTreeEntries } from './fakeGitHubTreeLimit.js';
import type { GitCommit, GitPerson, GitTree } from './fakeGitHubGit.js';
import type {
  Actor,
  CheckRunState,
  CommentState,
  FakeState,
  IssueState,
  LabelState,
  PullFileInput,
  PullState,
  ReactionState,
  RepoState,
  ReviewCommentState,
  ReviewState,
} from './fakeGitHubState.js';

export const WEB = 'https://github.com';
export const DOCS = 'https://docs.github.com/rest';

type Obj = Record<string, unknown>;

function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`${kind}:${id}`).toString('base64');
}

export function appPermissions(): Record<string, string> {
  return { checks: 'write', contents: 'write', issues: 'write', metadata: 'read', pull_requests: 'write' };
}

export function makeShapes(api: string, state: FakeState) {
  const repoApi = (repo: RepoState) => `${api}/repos/${repo.fullName}`;
  const repoWeb = (repo: RepoState) => `${WEB}/${repo.fullName}`;

  function user(actor: Actor): Obj {
    const bot = actor.type === 'Bot';
    const login = actor.login;
    const userApi = `${api}/users/${encodeURIComponent(login)}`;
    return {
      login,
      id: actor.id,
      node_id: nodeId(bot ? 'Bot' : 'User', actor.id),
      avatar_url: bot ? `https://avatars.githubusercontent.com/in/${state.appId}?v=4` : `https://avatars.githubusercontent.com/u/${actor.id}?v=4`,
      gravatar_id: '',
      url: userApi,
      html_url: bot ? `${WEB}/apps/${state.appSlug}` : `${WEB}/${login}`,
      followers_url: `${userApi}/followers`,
      following_url: `${userApi}/following{/other_user}`,
      gists_url: `${userApi}/gists{/gist_id}`,
      starred_url: `${userApi}/starred{/owner}{/repo}`,
      subscriptions_url: `${userApi}/subscriptions`,
      organizations_url: `${userApi}/orgs`,
      repos_url: `${userApi}/repos`,
      events_url: `${userApi}/events{/privacy}`,
      received_events_url: `${userApi}/received_events`,
      type: actor.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  function app(): Obj {
    const owner = [...state.repos.values()][0]?.owner ?? { login: 'agency', id: 1, type: 'Organization' as const };
    return {
      id: state.appId,
      slug: state.appSlug,
      client_id: `Iv1.fake${state.appId}`,
      node_id: nodeId('App', state.appId),
      owner: user(owner),
      name: state.appSlug
        .split('-')
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join(' '),
      description: 'Fake GitHub App used by tests',
      external_url: `${WEB}/apps/${state.appSlug}`,
      html_url: `${WEB}/apps/${state.appSlug}`,
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
      permissions: appPermissions(),
      events: ['issues', 'issue_comment', 'pull_request', 'pull_request_review_comment'],
      installations_count: state.installations.size,
    };
  }

  function installation(id: number, account: Actor): Obj {
    return {
      id,
      account: user(account),
      access_tokens_url: `${api}/app/installations/${id}/access_tokens`,
      repositories_url: `${api}/installation/repositories`,
      html_url: `${WEB}/settings/installations/${id}`,
      app_id: state.appId,
      app_slug: state.appSlug,
      client_id: `Iv1.fake${state.appId}`,
      target_id: account.id,
      target_type: account.type === 'Organization' ? 'Organization' : 'User',
      permissions: appPermissions(),
      events: ['issues', 'issue_comment', 'pull_request'],
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
      single_file_name: null,
      has_multiple_single_files: false,
      single_file_paths: [],
      repository_selection: 'all',
      suspended_by: null,
      suspended_at: null,
    };
  }

  function repository(repo: RepoState, permission?: { admin: boolean; push: boolean; pull: boolean }): Obj {
    const base = repoApi(repo);
    const web = repoWeb(repo);
    const open = [...repo.issues.values()].filter((issue) => issue.state === 'open').length;
    return {
      id: repo.id,
      node_id: nodeId('Repository', repo.id),
      name: repo.name,
      full_name: repo.fullName,
      private: repo.private,
      owner: user(repo.owner),
      html_url: web,
      description: null,
      fork: false,
      url: base,
      archive_url: `${base}/{archive_format}{/ref}`,
      assignees_url: `${base}/assignees{/user}`,
      blobs_url: `${base}/git/blobs{/sha}`,
      branches_url: `${base}/branches{/branch}`,
      collaborators_url: `${base}/collaborators{/collaborator}`,
      comments_url: `${base}/comments{/number}`,
      commits_url: `${base}/commits{/sha}`,
      compare_url: `${base}/compare/{base}...{head}`,
      contents_url: `${base}/contents/{+path}`,
      contributors_url: `${base}/contributors`,
      deployments_url: `${base}/deployments`,
      downloads_url: `${base}/downloads`,
      events_url: `${base}/events`,
      forks_url: `${base}/forks`,
      git_commits_url: `${base}/git/commits{/sha}`,
      git_refs_url: `${base}/git/refs{/sha}`,
      git_tags_url: `${base}/git/tags{/sha}`,
      git_url: `git://github.com/${repo.fullName}.git`,
      issue_comment_url: `${base}/issues/comments{/number}`,
      issue_events_url: `${base}/issues/events{/number}`,
      issues_url: `${base}/issues{/number}`,
      keys_url: `${base}/keys{/key_id}`,
      labels_url: `${base}/labels{/name}`,
      languages_url: `${base}/languages`,
      merges_url: `${base}/merges`,
      milestones_url: `${base}/milestones{/number}`,
      notifications_url: `${base}/notifications{?since,all,participating}`,
      pulls_url: `${base}/pulls{/number}`,
      releases_url: `${base}/releases{/id}`,
      ssh_url: `git@github.com:${repo.fullName}.git`,
      stargazers_url: `${base}/stargazers`,
      statuses_url: `${base}/statuses/{sha}`,
      subscribers_url: `${base}/subscribers`,
      subscription_url: `${base}/subscription`,
      tags_url: `${base}/tags`,
      teams_url: `${base}/teams`,
      trees_url: `${base}/git/trees{/sha}`,
      clone_url: `${web}.git`,
      mirror_url: null,
      hooks_url: `${base}/hooks`,
      svn_url: web,
      homepage: null,
      language: null,
      forks_count: 0,
      forks: 0,
      stargazers_count: 0,
      watchers_count: 0,
      watchers: 0,
      size: 0,
      default_branch: repo.defaultBranch,
      open_issues_count: open,
      open_issues: open,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: true,
      has_wiki: true,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      visibility: repo.private ? 'private' : 'public',
      pushed_at: '2024-01-01T00:00:00Z',
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
      ...(permission ? { permissions: { ...permission, triage: permission.push, maintain: permission.admin } } : {}),
      allow_rebase_merge: true,
      allow_squash_merge: true,
      allow_merge_commit: true,
      allow_auto_merge: false,
      delete_branch_on_merge: false,
      allow_forking: true,
      web_commit_signoff_required: false,
      license: null,
      network_count: 0,
      subscribers_count: 0,
    };
  }

  function label(repo: RepoState, item: LabelState): Obj {
    return {
      id: item.id,
      node_id: nodeId('Label', item.id),
      url: `${repoApi(repo)}/labels/${encodeURIComponent(item.name)}`,
      name: item.name,
      description: item.description,
      color: item.color,
      default: item.default,
    };
  }

  function labelsOf(repo: RepoState, names: string[]): Obj[] {
    return names.map((name) => repo.labels.get(name.toLowerCase())).filter((item): item is LabelState => item !== undefined).map((item) => label(repo, item));
  }

  function association(repo: RepoState, actor: Actor): string {
    if (actor.type === 'Bot') return 'NONE';
    if (actor.login.toLowerCase() === repo.owner.login.toLowerCase()) return 'OWNER';
    const permission = repo.permissions.get(actor.login.toLowerCase());
    if (permission && permission !== 'none') return repo.owner.type === 'Organization' ? 'MEMBER' : 'COLLABORATOR';
    return 'NONE';
  }

  function reactionRollup(url: string, reactions: ReactionState[]): Obj {
    const count = (content: string) => reactions.filter((reaction) => reaction.content === content).length;
    return {
      url,
      total_count: reactions.length,
      '+1': count('+1'),
      '-1': count('-1'),
      laugh: count('laugh'),
      confused: count('confused'),
      heart: count('heart'),
      hooray: count('hooray'),
      eyes: count('eyes'),
      rocket: count('rocket'),
    };
  }

  function issue(repo: RepoState, item: IssueState): Obj {
    const url = `${repoApi(repo)}/issues/${item.number}`;
    const comments = [...repo.comments.values()].filter((comment) => comment.issueNumber === item.number).length;
    const web = `${repoWeb(repo)}/${item.isPull ? 'pull' : 'issues'}/${item.number}`;
    const pull = repo.pulls.get(item.number);
    return {
      id: item.id,
      node_id: nodeId(item.isPull ? 'PullRequest' : 'Issue', item.id),
      url,
      repository_url: repoApi(repo),
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: web,
      number: item.number,
      state: item.state,
      state_reason: item.stateReason,
      title: item.title,
      body: item.body,
      user: user(item.user),
      labels: labelsOf(repo, item.labels),
      assignee: item.assignees[0] ? user(userFor(item.assignees[0])) : null,
      assignees: item.assignees.map((login) => user(userFor(login))),
      milestone: null,
      locked: item.locked,
      active_lock_reason: null,
      comments,
      ...(item.isPull
        ? {
            pull_request: {
              url: `${repoApi(repo)}/pulls/${item.number}`,
              html_url: web,
              diff_url: `${web}.diff`,
              patch_url: `${web}.patch`,
              merged_at: pull?.merged ? item.closedAt : null,
            },
            draft: pull?.draft ?? false,
          }
        : {}),
      closed_at: item.closedAt,
      created_at: item.createdAt,
      updated_at: item.updatedAt,
      closed_by: null,
      author_association: association(repo, item.user),
      reactions: reactionRollup(`${url}/reactions`, item.reactions),
      timeline_url: `${url}/timeline`,
      performed_via_github_app: null,
    };
  }

  function userFor(login: string): Actor {
    return state.users.get(login.toLowerCase()) ?? { login, id: 0, type: 'User' };
  }

  function comment(repo: RepoState, item: CommentState): Obj {
    const url = `${repoApi(repo)}/issues/comments/${item.id}`;
    const isPull = repo.issues.get(item.issueNumber)?.isPull === true;
    return {
      id: item.id,
      node_id: nodeId('IssueComment', item.id),
      url,
      html_url: `${repoWeb(repo)}/${isPull ? 'pull' : 'issues'}/${item.issueNumber}#issuecomment-${item.id}`,
      body: item.body,
      user: user(item.user),
      created_at: item.createdAt,
      updated_at: item.updatedAt,
      issue_url: `${repoApi(repo)}/issues/${item.issueNumber}`,
      author_association: association(repo, item.user),
      performed_via_github_app: item.user.type === 'Bot' ? app() : null,
      reactions: reactionRollup(`${url}/reactions`, item.reactions),
    };
  }

  function reaction(item: ReactionState): Obj {
    return {
      id: item.id,
      node_id: nodeId('Reaction', item.id),
      user: user(item.user),
      content: item.content,
      created_at: item.createdAt,
    };
  }

  function branchRef(repo: RepoState, ref: string, sha: string): Obj {
    return {
      label: `${repo.owner.login}:${ref}`,
      ref,
      sha,
      user: user(repo.owner),
      repo: repository(repo),
    };
  }

  function pullTotals(pull: PullState) {
    return {
      additions: pull.files.reduce((sum, file) => sum + file.additions, 0),
      deletions: pull.files.reduce((sum, file) => sum + file.deletions, 0),
      changed_files: pull.files.length,
    };
  }

  function pullRequest(repo: RepoState, pull: PullState, full = true): Obj {
    const item = repo.issues.get(pull.number);
    const url = `${repoApi(repo)}/pulls/${pull.number}`;
    const web = `${repoWeb(repo)}/pull/${pull.number}`;
    const issueUrl = `${repoApi(repo)}/issues/${pull.number}`;
    const reviewComments = [...repo.reviewComments.values()].filter((c) => c.pullNumber === pull.number).length;
    const comments = [...repo.comments.values()].filter((c) => c.issueNumber === pull.number).length;
    const author = item?.user ?? repo.owner;
    const simple: Obj = {
      url,
      id: pull.id,
      node_id: nodeId('PullRequest', pull.id),
      html_url: web,
      diff_url: `${web}.diff`,
      patch_url: `${web}.patch`,
      issue_url: issueUrl,
      commits_url: `${url}/commits`,
      review_comments_url: `${url}/comments`,
      review_comment_url: `${repoApi(repo)}/pulls/comments{/number}`,
      comments_url: `${issueUrl}/comments`,
      statuses_url: `${repoApi(repo)}/statuses/${pull.headSha}`,
      number: pull.number,
      state: item?.state ?? 'open',
      locked: item?.locked ?? false,
      title: item?.title ?? '',
      user: user(author),
      body: item?.body ?? null,
      labels: labelsOf(repo, item?.labels ?? []),
      milestone: null,
      active_lock_reason: null,
      created_at: item?.createdAt ?? '2024-01-01T00:00:00Z',
      updated_at: item?.updatedAt ?? '2024-01-01T00:00:00Z',
      closed_at: item?.closedAt ?? null,
      merged_at: pull.merged ? (item?.closedAt ?? null) : null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: branchRef(repo, pull.headRef, pull.headSha),
      base: branchRef(repo, pull.baseRef, pull.baseSha),
      _links: {
        self: { href: url },
        html: { href: web },
        issue: { href: issueUrl },
        comments: { href: `${issueUrl}/comments` },
        review_comments: { href: `${url}/comments` },
        review_comment: { href: `${repoApi(repo)}/pulls/comments{/number}` },
        commits: { href: `${url}/commits` },
        statuses: { href: `${repoApi(repo)}/statuses/${pull.headSha}` },
      },
      author_association: association(repo, author),
      auto_merge: null,
      draft: pull.draft,
    };
    if (!full) return simple;
    return {
      ...simple,
      merged: pull.merged,
      mergeable: true,
      rebaseable: true,
      mergeable_state: 'clean',
      merged_by: null,
      comments,
      review_comments: reviewComments,
      maintainer_can_modify: pull.maintainerCanModify,
      commits: Math.max(1, repo.git.commitsBetween(pull.baseSha, pull.headSha).length),
      ...pullTotals(pull),
    };
  }

  function diffEntry(repo: RepoState, file: PullFileInput, headSha: string): Obj {
    const blobSha = file.content !== undefined ? repo.git.putBlob(Buffer.from(file.content)).sha : fakeSha(`${headSha}:${file.filename}`);
    const encoded = file.filename.split('/').map(encodeURIComponent).join('/');
    return {
      sha: blobSha,
      filename: file.filename,
      status: file.status,
      additions: file.additions,
      deletions: file.deletions,
      changes: file.additions + file.deletions,
      blob_url: `${repoWeb(repo)}/blob/${headSha}/${encoded}`,
      raw_url: `${repoWeb(repo)}/raw/${headSha}/${encoded}`,
      contents_url: `${repoApi(repo)}/contents/${encoded}?ref=${headSha}`,
      ...(file.patch !== undefined ? { patch: file.patch } : {}),
      ...(file.previous_filename !== undefined ? { previous_filename: file.previous_filename } : {}),
    };
  }

  function review(repo: RepoState, item: ReviewState): Obj {
    const web = `${repoWeb(repo)}/pull/${item.pullNumber}#pullrequestreview-${item.id}`;
    const pullUrl = `${repoApi(repo)}/pulls/${item.pullNumber}`;
    return {
      id: item.id,
      node_id: nodeId('PullRequestReview', item.id),
      user: user(item.user),
      body: item.body,
      state: item.state,
      html_url: web,
      pull_request_url: pullUrl,
      author_association: association(repo, item.user),
      _links: { html: { href: web }, pull_request: { href: pullUrl } },
      ...(item.submittedAt ? { submitted_at: item.submittedAt } : {}),
      commit_id: item.commitId,
    };
  }

  function reviewComment(repo: RepoState, item: ReviewCommentState): Obj {
    const url = `${repoApi(repo)}/pulls/comments/${item.id}`;
    const web = `${repoWeb(repo)}/pull/${item.pullNumber}#discussion_r${item.id}`;
    const pullUrl = `${repoApi(repo)}/pulls/${item.pullNumber}`;
    return {
      url,
      pull_request_review_id: item.reviewId,
      id: item.id,
      node_id: nodeId('PullRequestReviewComment', item.id),
      diff_hunk: item.diffHunk,
      path: item.path,
      position: item.position,
      original_position: item.position,
      commit_id: item.commitId,
      original_commit_id: item.commitId,
      ...(item.inReplyToId !== undefined ? { in_reply_to_id: item.inReplyToId } : {}),
      user: user(item.user),
      body: item.body,
      created_at: item.createdAt,
      updated_at: item.updatedAt,
      html_url: web,
      pull_request_url: pullUrl,
      author_association: association(repo, item.user),
      _links: { self: { href: url }, html: { href: web }, pull_request: { href: pullUrl } },
      start_line: item.startLine,
      original_start_line: item.startLine,
      start_side: item.startSide,
      line: item.line,
      original_line: item.line,
      side: item.side,
      subject_type: item.subjectType,
      reactions: reactionRollup(`${url}/reactions`, []),
    };
  }

  function checkRun(repo: RepoState, item: CheckRunState): Obj {
    const url = `${repoApi(repo)}/check-runs/${item.id}`;
    const pulls = [...repo.pulls.values()].filter((pull) => pull.headSha === item.headSha);
    return {
      id: item.id,
      node_id: nodeId('CheckRun', item.id),
      head_sha: item.headSha,
      external_id: item.externalId,
      url,
      html_url: `${repoWeb(repo)}/runs/${item.id}`,
      details_url: item.detailsUrl,
      status: item.status,
      conclusion: item.conclusion,
      started_at: item.startedAt,
      completed_at: item.completedAt,
      output: {
        title: item.output.title,
        summary: item.output.summary,
        text: item.output.text,
        annotations_count: item.annotations.length,
        annotations_url: `${url}/annotations`,
      },
      name: item.name,
      check_suite: { id: item.id + 500_000 },
      app: app(),
      pull_requests: pulls.map((pull) => ({
        id: pull.id,
        number: pull.number,
        url: `${repoApi(repo)}/pulls/${pull.number}`,
        head: { ref: pull.headRef, sha: pull.headSha, repo: { id: repo.id, url: repoApi(repo), name: repo.name } },
        base: { ref: pull.baseRef, sha: pull.baseSha, repo: { id: repo.id, url: repoApi(repo), name: repo.name } },
      })),
    };
  }

  function gitRef(repo: RepoState, ref: string, sha: string): Obj {
    return {
      ref: `refs/${ref}`,
      node_id: nodeId('Ref', `${repo.id}:${ref}`),
      url: `${repoApi(repo)}/git/refs/${ref}`,
      object: { sha, type: 'commit', url: `${repoApi(repo)}/git/commits/${sha}` },
    };
  }

  function person(p: GitPerson): Obj {
    return { name: p.name, email: p.email, date: p.date };
  }

  function gitCommit(repo: RepoState, commit: GitCommit): Obj {
    return {
      sha: commit.sha,
      node_id: nodeId('Commit', commit.sha),
      url: `${repoApi(repo)}/git/commits/${commit.sha}`,
      html_url: `${repoWeb(repo)}/commit/${commit.sha}`,
      author: person(commit.author),
      committer: person(commit.committer),
      message: commit.message,
      tree: { sha: commit.tree, url: `${repoApi(repo)}/git/trees/${commit.tree}` },
      parents: commit.parents.map((sha) => ({
        sha,
        url: `${repoApi(repo)}/git/commits/${sha}`,
        html_url: `${repoWeb(repo)}/commit/${sha}`,
      })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    };
  }

  function commit(repo: RepoState, item: GitCommit, files?: Obj[]): Obj {
    const url = `${repoApi(repo)}/commits/${item.sha}`;
    return {
      url,
      sha: item.sha,
      node_id: nodeId('Commit', item.sha),
      html_url: `${repoWeb(repo)}/commit/${item.sha}`,
      comments_url: `${url}/comments`,
      commit: {
        url: `${repoApi(repo)}/git/commits/${item.sha}`,
        author: person(item.author),
        committer: person(item.committer),
        message: item.message,
        comment_count: 0,
        tree: { sha: item.tree, url: `${repoApi(repo)}/git/trees/${item.tree}` },
        verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
      },
      author: null,
      committer: null,
      parents: item.parents.map((sha) => ({ sha, url: `${repoApi(repo)}/commits/${sha}`, html_url: `${repoWeb(repo)}/commit/${sha}` })),
      ...(files ? { files, stats: { additions: sum(files, 'additions'), deletions: sum(files, 'deletions'), total: sum(files, 'changes') } } : {}),
    };
  }

  function treeJson(repo: RepoState, tree: GitTree, recursive: boolean): Obj {
    const entries: Obj[] = [];
    const dirs = new Set<string>();
    for (const [path, entry] of tree.files) {
      const parts = path.split('/');
      for (let depth = 1; depth < parts.length; depth += 1) {
        const dir = parts.slice(0, depth).join('/');
        if (recursive || depth === 1) dirs.add(dir);
      }
      if (recursive || parts.length === 1) {
        entries.push({
          path,
          mode: entry.mode,
          type: 'blob',
          sha: entry.sha,
          size: repo.git.blobs.get(entry.sha)?.content.length ?? 0,
          url: `${repoApi(repo)}/git/blobs/${entry.sha}`,
        });
      }
    }
    for (const dir of dirs) {
      const sub = repo.git.subtree(tree, dir);
      if (sub) entries.push({ path: dir, mode: '040000', type: 'tree', sha: sub.sha, url: `${repoApi(repo)}/git/trees/${sub.sha}` });
    }
    entries.sort((a, b) => (String(a.path) < String(b.path) ? -1 : 1));
    const limited = recursive ? limitTreeEntries(repo, entries) : { entries, truncated: false };
    return { sha: tree.sha, url: `${repoApi(repo)}/git/trees/${tree.sha}`, tree: limited.entries, truncated: limited.truncated };
  }

  function contentEntry(repo: RepoState, ref: string, path: string, type: 'file' | 'dir', sha: string, size: number): Obj {
    const encoded = path.split('/').map(encodeURIComponent).join('/');
    const self = `${repoApi(repo)}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
    const html = `${repoWeb(repo)}/${type === 'file' ? 'blob' : 'tree'}/${ref}/${encoded}`;
    const git = `${repoApi(repo)}/git/${type === 'file' ? 'blobs' : 'trees'}/${sha}`;
    return {
      type,
      size,
      name: path.split('/').pop() ?? path,
      path,
      sha,
      url: self,
      git_url: git,
      html_url: html,
      download_url: type === 'file' ? `https://raw.githubusercontent.com/${repo.fullName}/${ref}/${encoded}` : null,
      _links: { self, git, html },
    };
  }

  function checkRunAnnotations(item: CheckRunState): Obj[] {
    return item.annotations.map((annotation) => ({
      path: annotation.path,
      start_line: annotation.start_line,
      end_line: annotation.end_line,
      start_column: annotation.start_column ?? null,
      end_column: annotation.end_column ?? null,
      annotation_level: annotation.annotation_level,
      title: annotation.title ?? null,
      message: annotation.message,
      raw_details: annotation.raw_details ?? null,
      blob_href: '',
    }));
  }

  return {
    user,
    app,
    installation,
    repository,
    label,
    issue,
    comment,
    reaction,
    pullRequest,
    diffEntry,
    review,
    reviewComment,
    checkRun,
    checkRunAnnotations,
    gitRef,
    gitCommit,
    commit,
    treeJson,
    contentEntry,
    association,
  };
}

export type Shapes = ReturnType<typeof makeShapes>;

function sum(files: Obj[], key: string): number {
  return files.reduce((total, file) => total + (typeof file[key] === 'number' ? (file[key] as number) : 0), 0);
}

/** A stable, made-up 40-hex sha for something that has no Git object. */
export function fakeSha(seed: string): string {
  let hash = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 40; round += 1) {
    for (const char of `${seed}#${round}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
    out += hash.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}
