import type { Playbook } from '../Playbook.js';

export const multiTenancyPlaybook: Playbook = {
  shape: 'tenants share one schema with a `tenant_id` on every tenant-owned row, taken from the authenticated principal and enforced by PostgreSQL row-level security',
  driver: 'No tenant may ever see or change another tenant\'s data, even through a buggy query.',
  assumptions: ['Tenants share one database and schema (pooled model); isolation is enforced per row.'],
  sections: {
    'data-model': {
      lead: 'Every tenant-owned table carries a non-null `tenant_id`, and the database enforces the isolation.',
      items: [
        '`tenant_id NOT NULL REFERENCES tenants` on every tenant-owned table; composite indexes start with it, e.g. `(tenant_id, created_at DESC, id)`.',
        'Uniqueness is per tenant: `UNIQUE (tenant_id, slug)` rather than a global `UNIQUE (slug)`.',
        'Row-level security as the backstop: a policy `tenant_id = current_setting(\'app.tenant_id\')::uuid` on each table, set per transaction with `SET LOCAL`; the application role neither owns the tables nor has `BYPASSRLS`.',
      ],
      questions: [
        'Could a single tenant grow past about 10% of all rows or traffic, and need its own database later?',
        'Can one user belong to several tenants?',
      ],
    },
    auth: {
      items: [
        'The tenant comes from the authenticated principal (token claim or membership lookup), never from a client-supplied header or body field alone.',
        'Support staff reach another tenant only through an explicit, time-limited and audited impersonation path.',
      ],
      questions: ['Which roles exist inside a tenant, and who administers a tenant?'],
    },
    caching: {
      onlyIfPresent: true,
      items: ['Every cache key includes the tenant id; a key without one is a cross-tenant leak waiting to happen.'],
    },
    jobs: {
      onlyIfPresent: true,
      items: ['Jobs carry the tenant id and set the same row-level security context as requests; per-tenant concurrency caps keep one tenant from filling the queue.'],
    },
    monitoring: {
      items: ['Metrics and logs tagged with the tenant (top 50 tenants by volume, others grouped, to bound cardinality) so noisy neighbours show up.'],
    },
    scaling: {
      lead: 'Protect tenants from each other before scaling out.',
      items: [
        'Per-tenant rate limits and caps on expensive operations, so one large tenant cannot degrade the rest.',
        'Track per-tenant row counts and load; move a tenant that outgrows the pool to its own database or shard only when measurements call for it.',
      ],
    },
  },
  tradeOffs: [
    {
      topic: 'Tenant isolation model',
      options: [
        {
          name: 'Shared schema with `tenant_id` and row-level security',
          pros: ['One schema and one migration path', 'Cheap per tenant; cross-tenant operations stay simple'],
          cons: ['Isolation relies on RLS and discipline', 'Noisy neighbours share resources'],
        },
        {
          name: 'Schema per tenant',
          pros: ['Stronger logical separation', 'Per-tenant restore is easier'],
          cons: ['Every migration runs N times', 'Catalog and connection overhead beyond a few thousand tenants'],
        },
        {
          name: 'Database per tenant',
          pros: ['Strongest isolation', 'Per-tenant region, sizing and compliance'],
          cons: ['Highest operating cost', 'Cross-tenant reporting and migrations get hard'],
        },
      ],
      choice: 'Shared schema with `tenant_id` and row-level security',
      rationale: 'It keeps one migration path and low cost per tenant while RLS guards against a missing filter; a large tenant can still move out later.',
    },
  ],
  risks: [
    {
      risk: 'A query without the tenant filter returns or changes another tenant\'s rows.',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'RLS on every tenant table, the tenant taken from the token, and tests that act as tenant A and assert tenant B\'s rows are invisible.',
    },
    {
      risk: 'One large tenant degrades everyone else (noisy neighbour).',
      likelihood: 'medium',
      impact: 'medium',
      mitigation: 'Per-tenant rate limits and job concurrency caps, and per-tenant metrics to spot the pattern early.',
    },
  ],
  openQuestions: ['Does any customer contractually need physical isolation (own database or region)?'],
  checklists: {
    implementation: [
      '`tenant_id NOT NULL` with a foreign key on every tenant-owned table; indexes lead with `tenant_id`',
      'Tenant resolved from the authenticated principal in one middleware',
    ],
    security: [
      'Row-level security enabled and forced on tenant tables; the application role has no `BYPASSRLS`',
      'A cross-tenant test for every new endpoint: tenant A cannot read or modify tenant B\'s records',
    ],
    performance: ['Per-tenant limits on expensive operations (exports, bulk writes)'],
    reliability: ['Per-tenant metrics show which tenant drives load'],
  },
  decisions: [
    {
      title: 'Isolate tenants with a tenant_id column and row-level security',
      decision:
        'All tenants share one schema; every tenant-owned table has a non-null `tenant_id` and PostgreSQL row-level security policies keyed on the tenant set per transaction.',
      rationale: 'One schema keeps migrations and operations simple; RLS makes a forgotten filter fail closed.',
      alternatives: ['Schema per tenant', 'Database per tenant'],
      good: ['A missing `WHERE tenant_id` no longer leaks data', 'One migration path for all tenants'],
      bad: ['Every connection must set the tenant context, including jobs and scripts', 'RLS policies add some planning cost to queries'],
      confirmation: 'An integration test suite runs every endpoint as a second tenant and expects 404s; CI checks that new tables have RLS enabled.',
    },
  ],
};
