import { vi } from 'vitest';
import type { CommentData, GitHub } from '../../src/github/GitHub.js';

/** A GitHub port whose writes are recorded; comments() answers the given list. */
export function stubGitHub(comments: CommentData[] = []) {
  const writes: { method: string; args: unknown[] }[] = [];
  const record =
    (method: string, result: unknown = undefined) =>
    (...args: unknown[]) => {
      writes.push({ method, args });
      return Promise.resolve(typeof result === 'function' ? (result as (...a: unknown[]) => unknown)(...args) : result);
    };
  const comment = (id: number, body: string): CommentData => ({ id, body, author: 'agency-architect[bot]', authorType: 'Bot', url: `u/${id}` });
  const github = {
    owner: 'acme',
    repo: 'api',
    botLogin: () => Promise.resolve('agency-architect[bot]'),
    defaultBranch: vi.fn(() => Promise.resolve('main')),
    readFile: () => Promise.resolve(undefined),
    listDir: () => Promise.resolve([]),
    permission: () => Promise.resolve('write' as const),
    issue: () => Promise.reject(new Error('unused')),
    comments: () => Promise.resolve(comments),
    createComment: record('createComment', (_n: unknown, body: string) => comment(900, body)),
    updateComment: record('updateComment', (id: number, body: string) => comment(id, body)),
    reactToComment: record('reactToComment'),
    pull: () => Promise.reject(new Error('unused')),
    pullFiles: () => Promise.resolve({ files: [], truncated: false }),
    compare: () => Promise.resolve(undefined),
    reviewComments: () => Promise.resolve([]),
    createReview: record('createReview', { id: 1, url: 'r' }),
    createCheckRun: record('createCheckRun', { id: 1, url: 'c' }),
    // ADR methods of the port, and methods a later change may add: guarded by name and argument shape.
    createBranch: record('createBranch', true),
    updateBranch: record('updateBranch', { ok: true }),
    createCommit: record('createCommit', { sha: 'abc', url: 'c' }),
    reserveAdrNumber: record('reserveAdrNumber', true),
    createPull: record('createPull', { number: 99, url: 'p', headRef: 'agency/adr-1', existed: false }),
    getBranchHead: () => Promise.resolve('sha'),
    listBranches: () => Promise.resolve([]),
    listAdrNumberReservations: () => Promise.resolve([]),
    getAdrNumberReservation: () => Promise.resolve(undefined),
    listOpenPulls: () => Promise.resolve([]),
    findPull: () => Promise.resolve(undefined),
    commitFiles: record('commitFiles', { sha: 'abc' }),
    openPullRequest: record('openPullRequest', { number: 99, url: 'p' }),
  };
  return { github: github as unknown as GitHub, writes };
}
