import type { Agent } from '../../src/domain/Agent.js';
import type { Adr } from '../../src/domain/adrSchema.js';
import { ClaudeModel, type ClaudeModelOptions } from '../../src/model/claude/ClaudeModel.js';
import type { Finding } from '../../src/domain/findingSchema.js';
import type { AdrRequest, PlanRequest, ReviewRequest, Subject } from '../../src/domain/Model.js';
import type { Plan } from '../../src/domain/planSchema.js';
import type { Review } from '../../src/domain/reviewSchema.js';
import type { FakeClaude } from '../support/fakeClaude.js';

export const TEST_API_KEY = 'sk-ant-api03-TEST-KEY-f4k3-0000-never-log-me';

export const agent: Agent = {
  name: 'backend-architect',
  description: 'Designs scalable backend systems and reviews backend changes.',
  prompt: 'You are a senior backend architect. Prefer boring, proven technology. Think about data first.',
  source: 'agents/backend-architect.md',
};

export const issue: Subject = {
  kind: 'issue',
  number: 42,
  title: 'Add order history endpoint',
  body: 'Customers need to list their past orders, newest first, 50 per page.',
  comments: [{ author: 'alice', body: 'Orders table has 40M rows; keep it fast.' }],
};

export const pullRequest: Subject = {
  kind: 'pull_request',
  number: 7,
  title: 'Add orders.customer_id index',
  body: 'Speeds up the order history query.',
  comments: [],
};

export const decisions = [
  {
    id: 'ADR-0003',
    title: 'Use PostgreSQL for orders',
    status: 'accepted',
    decision: 'Orders live in PostgreSQL 16.',
    path: '.agency/decisions/0003-use-postgresql-for-orders.md',
  },
];

export const planData: Plan = {
  summary: 'A keyset-paginated GET /customers/{id}/orders backed by an index on (customer_id, created_at desc).',
  assumptions: ['Orders are immutable once placed'],
  sections: [
    {
      kind: 'data-model',
      summary: 'One composite index.',
      items: ['CREATE INDEX CONCURRENTLY orders_customer_created ON orders (customer_id, created_at DESC)'],
      questions: [],
    },
  ],
  tradeOffs: [],
  risks: [{ risk: 'Index build locks', likelihood: 'low', impact: 'medium', mitigation: 'Build concurrently' }],
  openQuestions: ['Do we need totals?'],
  checklists: { implementation: ['Add index'], security: ['Check ownership'], performance: ['EXPLAIN'], reliability: [] },
  proposedDecisions: [
    { title: 'Use keyset pagination for order history', decision: 'Keyset on created_at', rationale: 'Stable pages', alternatives: ['Offset'] },
  ],
  decisionConflicts: [],
};

export const adrData: Adr = {
  title: 'Use keyset pagination for order history',
  context: 'Offset pagination degrades on 40M rows.',
  drivers: ['Latency', 'Stable pages'],
  options: [{ name: 'Keyset', pros: ['Fast'], cons: ['No page numbers'] }],
  outcome: { chosen: 'Keyset', justification: 'Constant time per page' },
  consequences: { good: ['Fast'], bad: ['No jump to page'] },
  confirmation: 'A test checks the query plan uses the index.',
  moreInformation: '',
};

export const squawkFinding: Finding = {
  severity: 'major',
  category: 'migration',
  title: 'Index built without CONCURRENTLY',
  body: 'Creating an index locks writes to the table.',
  path: 'db/migrations/0042_orders_index.sql',
  line: 3,
  endLine: null,
  suggestion: null,
  source: { kind: 'squawk', id: 'require-concurrent-index-creation', url: 'https://squawkhq.com/docs/require-concurrent-index-creation' },
};

export const secretFinding: Finding = {
  severity: 'blocker',
  category: 'security',
  title: 'AWS access key committed',
  body: 'Rotate the key and remove it from history.',
  path: 'config/settings.py',
  line: 12,
  endLine: null,
  suggestion: null,
  source: { kind: 'secretlint', id: '@secretlint/secretlint-rule-aws', url: null },
};

export function reviewData(findings: Finding[] = []): Review {
  return {
    summary: 'The index is right; build it concurrently.',
    verdict: 'comment',
    findings,
    checklist: [{ item: 'Migration is reversible', status: 'pass', note: null }],
    notReviewed: [],
    decisionConflicts: [],
  };
}

export function planRequest(overrides: Partial<PlanRequest> = {}): PlanRequest {
  return { agent, focus: 'plan', subject: issue, decisions, ...overrides };
}

export function reviewRequest(overrides: Partial<ReviewRequest> = {}): ReviewRequest {
  return {
    agent,
    focus: 'review',
    subject: pullRequest,
    diff: {
      files: [
        {
          path: 'db/migrations/0042_orders_index.sql',
          status: 'added',
          patch: '@@ -0,0 +1,3 @@\n+-- order history\n+\n+CREATE INDEX orders_customer_created ON orders (customer_id, created_at DESC);',
        },
      ],
      notReviewed: [{ path: 'package-lock.json', reason: 'ignored' }],
      coverage: { reviewedLines: 3, totalLines: 3 },
    },
    evidence: [squawkFinding, secretFinding],
    decisions,
    ...overrides,
  };
}

export function adrRequest(overrides: Partial<AdrRequest> = {}): AdrRequest {
  return {
    agent,
    subject: issue,
    title: 'Use keyset pagination for order history',
    proposed: planData.proposedDecisions[0],
    decisions,
    ...overrides,
  };
}

export function claudeFor(fake: FakeClaude, overrides: Partial<ClaudeModelOptions> = {}): ClaudeModel {
  return new ClaudeModel({
    apiKey: TEST_API_KEY,
    baseURL: fake.url,
    model: 'claude-sonnet-5-5',
    maxOutputTokens: 4096,
    inputTokenBudget: 60_000,
    timeoutMs: 5_000,
    maxRetries: 2,
    ...overrides,
  });
}

/** The text of the user turn of a recorded request. */
export function userText(body: { messages: { content: unknown }[] } | undefined): string {
  const content = body?.messages[0]?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((block: { text?: string }) => block.text ?? '').join('');
  return '';
}
