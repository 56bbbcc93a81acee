import type { DecisionTemplate, Playbook } from './Playbook.js';

/** Expand/contract is the default decision: almost every backend change touches the schema. */
export const EXPAND_CONTRACT_DECISION: DecisionTemplate = {
  title: 'Ship schema changes as expand/contract migrations',
  decision:
    'Every schema change is split into backward-compatible steps (expand, backfill, switch, contract) released separately, so the previous release always runs against the migrated schema.',
  rationale:
    'Deploys and rollbacks never need downtime or a coordinated code-and-schema switch, and locks on large tables stay short.',
  alternatives: ['Migrate and deploy in one step with a maintenance window', 'Schema changes applied by hand outside the release process'],
  good: ['Zero-downtime deploys and safe rollbacks', 'Long backfills run in the background without blocking releases'],
  bad: ['A change needs two or three releases to complete', 'Temporary dual writes or compatibility code must be removed later'],
  confirmation:
    'A migration linter (e.g. squawk) runs in CI on every migration, and the previous release is tested against the migrated schema.',
};

/** Advice that applies to any backend change, whatever the concerns. */
export const BASE_PLAYBOOK: Playbook = {
  shape: 'a constrained, indexed schema changed through expand/contract migrations, a versioned and paginated API, and failures bounded by timeouts and retries',
  driver: 'Changes must deploy and roll back without downtime.',
  assumptions: [
    'PostgreSQL is the primary store and the service runs as several stateless instances behind a load balancer; translate the advice if the stack differs.',
    'The existing authentication and deployment setup is reused rather than redesigned.',
    'The figures below (page sizes, TTLs, SLOs, retry limits) are starting defaults to confirm against measured traffic.',
  ],
  sections: {},
  tradeOffs: [
    {
      topic: 'Pagination of list endpoints',
      options: [
        {
          name: 'Cursor (keyset) pagination',
          pros: ['Constant cost per page however deep', 'Stable under concurrent inserts'],
          cons: ['No jumping to page N', 'The sort key must be unique (add the id)'],
        },
        {
          name: 'Offset pagination',
          pros: ['Simple, allows page numbers'],
          cons: ['Cost grows with the offset', 'Rows shift between pages while data changes'],
        },
      ],
      choice: 'Cursor (keyset) pagination',
      rationale: 'Lists grow; keyset queries keep the same cost on page 1 and page 1,000 and never skip or repeat rows.',
    },
  ],
  risks: [
    {
      risk: 'A migration takes a long lock on a busy table and stalls production traffic.',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'Expand/contract steps, `CREATE INDEX CONCURRENTLY`, a 5 s `lock_timeout`, and a rehearsal on a production-sized copy.',
    },
    {
      risk: 'A new query path without a matching index becomes slow as the table grows.',
      likelihood: 'medium',
      impact: 'medium',
      mitigation: 'Review `EXPLAIN` output for every new query in the PR and alert on slow queries (e.g. `pg_stat_statements` mean time over 100 ms).',
    },
  ],
  openQuestions: [
    'Which existing services and tables does this change touch, and who owns them?',
    'Can it ship behind a feature flag and roll out gradually (internal users, then a percentage)?',
  ],
  checklists: {
    implementation: [
      'Migrations are backward-compatible (expand/contract) and reviewed with a migration linter',
      'OpenAPI description written and reviewed before the handlers',
      'Integration tests run against a real PostgreSQL for queries and migrations',
      'Feature behind a flag for a staged rollout',
    ],
    security: [
      'Every input validated by schema at the edge (types, lengths, enums)',
      'Object-level authorization on every read and write (no IDOR)',
      'Parameterized queries only; no SQL built by string concatenation',
      'No secrets, tokens or personal data in logs',
    ],
    performance: [
      'Every new query path has an index; `EXPLAIN` checked on production-sized data',
      'List endpoints paginated (default 50, maximum 200)',
      'No N+1 queries: related data loaded with joins or batched lookups',
    ],
    reliability: [
      'Timeouts on every outbound call; retries with backoff and jitter, at most 5 attempts',
      'Metrics, SLO alerts and a runbook in place before launch',
      'Rollback tested: the previous release runs against the migrated schema',
    ],
  },
  decisions: [EXPAND_CONTRACT_DECISION],
};
