import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { DiffFile } from '../evidence/DiffFile.js';
import type { DirEntry, GitHub, PullFile } from '../github/GitHub.js';

/** The head of a local review: reads at this ref come from `readAtHead` (git), never the working tree. */
export const LOCAL_HEAD = 'local-head';
export const LOCAL_BASE = 'local-base';
export const LOCAL_NUMBER = 1;
export const LOCAL_BOT = 'agency-architect[bot]';

export interface LocalSubject {
  title: string;
  body: string;
  /** The diff of a local review; absent for an issue. */
  files?: DiffFile[];
}

export interface LocalGitHubOptions {
  /** The repository the CLI stands in: config, agents and ADRs are read from its working tree. */
  cwd: string;
  subject: LocalSubject;
  /** A file's text at the reviewed head (`git show HEAD:path`); undefined when unknown (a diff read from a file). */
  readAtHead?: (path: string) => Promise<string | undefined>;
}

function refused(method: string): never {
  // The CLI wraps this port in the capturing proxy: a write reaching here is a bug, not a user error.
  throw new Error(`${method}: the local repository is read-only`);
}

function toPullFile(f: DiffFile): PullFile {
  return {
    path: f.path,
    ...(f.oldPath ? { previousPath: f.oldPath } : {}),
    status: f.status,
    // The parsed hunks travel with the patch: the review does not parse the diff a second time.
    ...(f.binary || f.patch === '' ? {} : { patch: f.patch, hunks: f.hunks }),
    additions: f.additions,
    deletions: f.deletions,
  };
}

/**
 * The GitHub port over the local checkout and the CLI's inputs (an issue text or a diff), so the CLI runs
 * the same pipeline as the App and the Action. Reads of the default branch are the working tree; there is
 * no discussion, the user is an admin of their own checkout, and writes are never sent anywhere.
 */
export function localGitHub(options: LocalGitHubOptions): GitHub {
  const root = resolve(options.cwd);
  const { subject } = options;
  const isPull = subject.files !== undefined;
  const inside = (path: string): string | undefined => {
    const full = resolve(root, path);
    const rel = relative(root, full);
    return rel.startsWith('..') || isAbsolute(rel) ? undefined : full;
  };
  const issue = { number: LOCAL_NUMBER, title: subject.title, body: subject.body, url: '', isPullRequest: isPull, author: 'local' };
  return {
    owner: 'local',
    repo: root.split(/[\\/]/).pop() || 'repository',
    botLogin: async () => LOCAL_BOT,
    defaultBranch: async () => 'main',
    async readFile(path, ref) {
      if (ref === LOCAL_HEAD) return options.readAtHead?.(path);
      const full = inside(path);
      return full === undefined ? undefined : readFile(full, 'utf8').catch(() => undefined);
    },
    async listDir(path): Promise<DirEntry[]> {
      const full = inside(path);
      if (full === undefined) return [];
      const entries = await readdir(full, { withFileTypes: true }).catch(() => []);
      return Promise.all(
        entries.map(async (e) => {
          const child = path ? `${path.replace(/\/+$/, '')}/${e.name}` : e.name;
          const type = e.isDirectory() ? ('dir' as const) : e.isFile() ? ('file' as const) : ('other' as const);
          // The sha keys parse caches: the content's hash, like a blob sha.
          const sha = type === 'file' ? createHash('sha1').update(await readFile(resolve(full, e.name))).digest('hex') : '';
          return { name: e.name, path: child, type, sha };
        }),
      );
    },
    permission: async () => 'admin',
    issue: async () => issue,
    comments: async () => [],
    pull: async () => ({
      number: LOCAL_NUMBER,
      title: subject.title,
      body: subject.body,
      url: '',
      headSha: LOCAL_HEAD,
      baseSha: LOCAL_BASE,
      baseRef: 'main',
      draft: false,
      labels: [],
      author: 'local',
    }),
    pullFiles: async () => ({ files: (subject.files ?? []).map(toPullFile), truncated: false }),
    getPullHead: async () => LOCAL_HEAD,
    listReviews: async () => [],
    compare: async () => undefined,
    reviewComments: async () => [],
    getBranchHead: async (branch) => (branch === 'main' ? LOCAL_BASE : undefined),
    listBranches: async () => [],
    listAdrNumberReservations: async () => [],
    getAdrNumberReservation: async () => undefined,
    listOpenPulls: async () => [],
    findPull: async () => undefined,
    createComment: () => refused('createComment'),
    updateComment: () => refused('updateComment'),
    reactToComment: () => refused('reactToComment'),
    createReview: () => refused('createReview'),
    createCheckRun: () => refused('createCheckRun'),
    dismissReview: () => refused('dismissReview'),
    createCommit: () => refused('createCommit'),
    reserveAdrNumber: () => refused('reserveAdrNumber'),
    createBranch: () => refused('createBranch'),
    updateBranch: () => refused('updateBranch'),
    createPull: () => refused('createPull'),
  };
}
