import { afterEach, describe, expect, it } from 'vitest';
import type { Agent } from '../../src/domain/Agent.js';
import type { DecisionRef, PackedFile, ReviewRequest } from '../../src/domain/Model.js';
import { DECISIONS_ITEM, offlineReview } from '../../src/model/offline/offlineReview.js';
import { findReviewConflicts } from '../../src/model/offline/reviewConflictRules.js';
import type { PullFileInput } from '../support/fakeGitHub.js';
import { startTestApp, type TestApp } from '../support/startTestApp.js';

const agent: Agent = { name: 'backend-architect', description: 'test', prompt: 'test', source: 'test' };
const file = (path: string, lines: string[]): PackedFile => ({ path, status: 'added', patch: [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n') });
const decision = (id: string, title: string, text: string, status = 'accepted'): DecisionRef => ({ id, title, status, decision: text });

function review(decisions: DecisionRef[], files: PackedFile[]) {
  const request: ReviewRequest = {
    agent,
    focus: 'review',
    subject: { kind: 'pull_request', number: 3, title: 'x', body: '', comments: [] },
    diff: { files, notReviewed: [], coverage: { reviewedLines: 1, totalLines: 1 } },
    evidence: [],
    decisions,
  };
  return offlineReview(request);
}

describe('offline review against accepted decisions', () => {
  it('names the ADR an added line contradicts and fails the checklist item', () => {
    const r = review(
      [decision('ADR-0002', 'PostgreSQL only', 'Use PostgreSQL as the only database for all services.')],
      [file('src/db.ts', ["import mongoose from 'mongoose';", 'export const db = mongoose;'])],
    );
    expect(r.decisionConflicts).toEqual([{ adr: 'ADR-0002 PostgreSQL only', explanation: expect.stringContaining('`src/db.ts:1`') }]);
    expect(r.decisionConflicts[0]!.explanation).toContain('mongoose');
    expect(r.checklist.find((c) => c.item === DECISIONS_ITEM)).toMatchObject({ status: 'fail', note: expect.stringContaining('ADR-0002') });
  });

  it('flags ORMs against "no ORM" and sequential keys against UUID primary keys', () => {
    const conflicts = findReviewConflicts(
      [decision('ADR-0003', 'No ORM', 'Do not use an ORM; write SQL with a query builder.'), decision('ADR-0004', 'UUID primary keys', 'All tables use UUID primary keys.')],
      [file('src/repo.ts', ["import { PrismaClient } from '@prisma/client';"]), file('db/migrations/001.sql', ['CREATE TABLE t (id serial PRIMARY KEY);'])],
    );
    expect(conflicts.map((c) => c.adr)).toEqual(['ADR-0003 No ORM', 'ADR-0004 UUID primary keys']);
    expect(conflicts[1]!.explanation).toContain('`db/migrations/001.sql:1`');
  });

  it('stays quiet for proposed decisions, removed lines and unrelated changes', () => {
    expect(findReviewConflicts([decision('ADR-0005', 'No ORM', 'Avoid ORMs.', 'proposed')], [file('a.ts', ["import 'typeorm';"])])).toEqual([]);
    expect(findReviewConflicts([decision('ADR-0006', 'No ORM', 'Avoid ORMs.')], [{ path: 'a.ts', status: 'modified', patch: "@@ -1 +1 @@\n-import 'typeorm';\n+import pg from 'pg';" }])).toEqual([]);
    const r = review([decision('ADR-0007', 'Use cursor pagination', 'Lists use cursors.')], [file('src/a.ts', ['export const x = 1;'])]);
    expect(r.decisionConflicts).toEqual([]);
    expect(r.checklist.find((c) => c.item === DECISIONS_ITEM)).toMatchObject({ status: 'check', note: expect.stringContaining('ADR-0007') });
    expect(review([], []).checklist.find((c) => c.item === DECISIONS_ITEM)?.status).toBe('n/a');
  });
});

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('a pull request contradicting an accepted ADR, through the app', () => {
  it('the review names the ADR read from the default branch', async () => {
    const a = await startTestApp({ offline: true });
    t = a;
    a.gh.setPermission(a.owner, a.repo, 'dev', 'write');
    a.gh.setFile(
      a.owner,
      a.repo,
      'main',
      '.agency/decisions/0001-postgresql-only.md',
      '---\nnumber: 1\ntitle: PostgreSQL only\nstatus: accepted\ndate: 2024-05-01\n---\n# 0001. PostgreSQL only\n\n## Decision Outcome\n\nChosen option: **PostgreSQL only**. Use PostgreSQL as the only database.\n',
    );
    const lines = ["import mongoose from 'mongoose';", "export const Order = mongoose.model('Order', new mongoose.Schema({}));"];
    const files: PullFileInput[] = [
      { filename: 'src/orders/model.ts', status: 'added', patch: [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n'), additions: lines.length, deletions: 0, content: `${lines.join('\n')}\n` },
    ];
    const pull = a.gh.addPullRequest({ owner: a.owner, repo: a.repo, number: 12, title: 'Orders in Mongo', body: '', user: 'dev', labels: ['backend'], files });
    await a.send(
      'pull_request',
      a.payload('pull_request', 'opened', (p) => {
        p.number = 12;
        p.pull_request.number = 12;
        p.pull_request.title = 'Orders in Mongo';
        p.pull_request.draft = false;
        p.pull_request.state = 'open';
        p.pull_request.head = { ...p.pull_request.head, sha: pull.headSha, ref: pull.headRef };
        p.pull_request.base = { ...p.pull_request.base, sha: pull.baseSha, ref: pull.baseRef };
        p.pull_request.labels = [{ ...(p.pull_request.labels?.[0] ?? {}), name: 'backend' }];
        p.pull_request.user = { ...p.pull_request.user, login: 'dev', type: 'User' };
        p.sender = { ...p.sender, login: 'dev', type: 'User' };
      }),
    );
    await a.waitForOutcomes(1);
    const bodies = [
      ...a.gh.comments(a.owner, a.repo, 12).map((c) => c.body),
      ...a.gh.reviews(a.owner, a.repo, 12).map((r) => r.body ?? ''),
    ].join('\n');
    expect(bodies).toContain('ADR-0001 PostgreSQL only');
    expect(bodies).toMatch(/Consistent with recorded decisions/);
    a.gh.assertNoViolations();
  });
});
