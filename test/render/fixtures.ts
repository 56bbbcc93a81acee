import type { EngineInfo } from '../../src/domain/Model.js';
import type { Finding } from '../../src/domain/findingSchema.js';
import type { Plan } from '../../src/domain/planSchema.js';
import type { Review } from '../../src/domain/reviewSchema.js';
import type { ReviewMeta } from '../../src/render/renderReview.js';

/** Hand-written fixtures shaped like real results for one feature: asynchronous order exports. */

export const REPO_URL = 'https://github.com/acme/shop-api';

export const CLAUDE_INFO: EngineInfo = {
  engine: 'claude',
  model: 'claude-sonnet-5-5',
  usage: { inputTokens: 18_432, outputTokens: 3_917, cacheReadTokens: 12_288, cacheWriteTokens: 0 },
};

export const OFFLINE_INFO: EngineInfo = { engine: 'offline' };

export const FALLBACK_INFO: EngineInfo = { engine: 'offline', fallbackReason: 'model overloaded' };

export const PLAN: Plan = {
  summary:
    'Merchants export their orders as CSV without blocking the API: `POST /v1/exports` enqueues a job, a worker streams rows from a read replica into object storage, and the client polls `GET /v1/exports/{id}` for a short-lived download URL. The design keeps the export off the request path and bounds every resource it uses.',
  assumptions: [
    'Exports are per merchant and cover at most 24 months of orders (about 2M rows for the largest merchant).',
    'A read replica with under 5 s of lag is available for reporting queries.',
    'S3-compatible object storage is already used for invoices.',
  ],
  sections: [
    {
      kind: 'data-model',
      summary: 'One `export_jobs` table tracks each export; orders get a covering index for the export query.',
      items: [
        '`export_jobs(id uuid pk, merchant_id bigint not null, status text not null, filters jsonb not null, row_count int, object_key text, error text, created_at timestamptz not null default now(), finished_at timestamptz)`',
        'Index `export_jobs (merchant_id, created_at desc)` for the history page.',
        'Index `orders (merchant_id, created_at) include (status, total_cents, currency)`, created `CONCURRENTLY`.',
        'Keep `status` as a `text` with a `CHECK (status in (\'queued\',\'running\',\'done\',\'failed\'))` rather than a Postgres enum, so adding a state needs no table rewrite.',
      ],
      questions: ['Do exports need to include refunded line items, or only the order totals?'],
    },
    {
      kind: 'api',
      summary: 'Two endpoints, both idempotent from the client’s point of view.',
      items: [
        '`POST /v1/exports` with `{ "from": "2024-01-01", "to": "2024-06-30", "format": "csv" }` → `202 Accepted`, `Location: /v1/exports/{id}`.',
        'An `Idempotency-Key` header returns the same job for 24 h instead of starting a second export.',
        '`GET /v1/exports/{id}` → `{ status, rowCount, downloadUrl?, expiresAt? }`; the URL is presigned for 15 min.',
        'Errors follow RFC 9457 (`application/problem+json`); `429` with `Retry-After` when a merchant already has 3 running exports.',
      ],
      questions: [],
    },
    {
      kind: 'auth',
      summary: 'Only merchant staff with the `orders:export` scope may start or read an export, and only for their own merchant.',
      items: [
        'Check `job.merchant_id = token.merchant_id` on every read; return `404`, not `403`, for other merchants’ jobs.',
        'Presigned URLs are single-object and expire after 15 minutes; never log them.',
      ],
      questions: ['Should support staff be able to export on a merchant’s behalf?'],
    },
    {
      kind: 'jobs',
      summary: 'A dedicated `exports` queue with a concurrency of 4 per worker keeps long exports from starving webhooks.',
      items: [
        'Stream rows with a server-side cursor in pages of 5,000; never load the whole result in memory.',
        'Multipart upload in 8 MiB parts; abort the upload on failure.',
        'Retry transient failures 3 times with exponential backoff (30 s, 2 min, 8 min); mark `failed` after that.',
      ],
      questions: [],
    },
    {
      kind: 'monitoring',
      summary: 'Export health is visible before merchants notice.',
      items: [
        'Metrics: `exports_started_total`, `exports_failed_total{reason}`, `export_duration_seconds` histogram, `export_rows` histogram.',
        'Alert when the p95 duration exceeds 10 min or the failure rate exceeds 5 % over 30 min.',
      ],
      questions: [],
    },
  ],
  tradeOffs: [
    {
      topic: 'Where the CSV is built',
      options: [
        {
          name: 'Worker streams to object storage',
          pros: ['Request path stays fast', 'Survives API restarts'],
          cons: ['Needs a queue and storage lifecycle rules'],
        },
        {
          name: 'Stream the CSV in the HTTP response',
          pros: ['No queue, no storage'],
          cons: ['Ties up an API worker for minutes', 'A dropped connection restarts the export'],
        },
      ],
      choice: 'Worker streams to object storage',
      rationale: 'Large merchants take several minutes to export; holding HTTP connections that long breaks under load balancer timeouts (60 s).',
    },
  ],
  risks: [
    {
      risk: 'The export query saturates the replica during business hours.',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'Covering index, 5,000-row pages and at most 3 running exports per merchant.',
    },
    {
      risk: 'Presigned URLs leak through logs or referrers.',
      likelihood: 'low',
      impact: 'high',
      mitigation: 'Redact `X-Amz-Signature` in logs; 15-minute expiry.',
    },
    {
      risk: 'Replica lag makes the newest orders missing from an export.',
      likelihood: 'medium',
      impact: 'low',
      mitigation: 'Document that exports reflect data up to `created_at` of the job minus 1 minute.',
    },
  ],
  openQuestions: ['How long must exported files be kept: 7 days, or as long as the audit policy requires?'],
  checklists: {
    implementation: [
      'Migration: create `export_jobs` and the `orders` covering index with `CREATE INDEX CONCURRENTLY`.',
      'Endpoints `POST /v1/exports` and `GET /v1/exports/{id}` with OpenAPI entries.',
      'Worker on the `exports` queue with cursor paging and multipart upload.',
    ],
    security: ['Scope check `orders:export` and merchant ownership on both endpoints.', 'Redact presigned URLs in logs.'],
    performance: ['`EXPLAIN ANALYZE` the export query on a copy of the largest merchant.'],
    reliability: ['Abort multipart uploads on failure; lifecycle rule deletes incomplete uploads after 1 day.'],
  },
  proposedDecisions: [
    {
      title: 'Run long exports as background jobs on a dedicated queue',
      decision: 'Exports, reports and other requests that may take over 5 s run on a dedicated queue and return `202 Accepted` with a status resource.',
      rationale: 'Keeps API latency predictable and survives deploys.',
      alternatives: ['Stream the response from the API process', 'Run exports from a cron job'],
    },
    {
      title: 'Use text columns with CHECK constraints instead of Postgres enums',
      decision: 'Status-like columns are `text` with a `CHECK` constraint.',
      rationale: 'Adding a value to a Postgres enum cannot run inside a transaction on older versions and is awkward to roll back; a CHECK constraint can be replaced with `NOT VALID` + `VALIDATE`.',
      alternatives: ['Postgres enum types', 'A lookup table with a foreign key'],
    },
  ],
  decisionConflicts: [
    {
      adr: 'ADR-0004 Serve reporting queries from the analytics warehouse',
      explanation: 'This plan reads the export from the OLTP read replica; ADR-0004 routes reporting reads to the warehouse.',
    },
  ],
};

export function finding(overrides: Partial<Finding>): Finding {
  return {
    severity: 'minor',
    category: 'api',
    title: 'A finding',
    body: 'Why it matters.',
    path: null,
    line: null,
    endLine: null,
    suggestion: null,
    source: { kind: 'model', id: 'judgment', url: null },
    ...overrides,
  };
}

export const FINDINGS: Finding[] = [
  finding({
    severity: 'minor',
    category: 'api',
    title: 'Export status endpoint returns 403 for other merchants’ jobs',
    body: 'Returning `403` confirms that the export id exists. Return `404` for jobs of other merchants, as the plan says.',
    path: 'src/routes/exports.ts',
    line: 58,
    source: { kind: 'model', id: 'judgment', url: null },
  }),
  finding({
    severity: 'blocker',
    category: 'migration',
    title: 'Adding a required column without a default rewrites and locks `orders`',
    body: 'On Postgres 11+ a `NOT NULL` column needs a constant default to avoid a table rewrite; without one the `ALTER TABLE` fails on a non-empty table.',
    path: 'db/migrations/20240611120000_add_export_status.sql',
    line: 3,
    endLine: null,
    suggestion: "ALTER TABLE orders ADD COLUMN export_status text NOT NULL DEFAULT 'none';",
    source: { kind: 'squawk', id: 'adding-required-field', url: 'https://squawkhq.com/docs/adding-required-field' },
  }),
  finding({
    severity: 'major',
    category: 'migration',
    title: 'Index created without CONCURRENTLY blocks writes',
    body: '`CREATE INDEX` takes a `SHARE` lock on `orders` for the whole build; checkout writes would wait.',
    path: 'db/migrations/20240611120000_add_export_status.sql',
    line: 5,
    endLine: 6,
    suggestion: 'CREATE INDEX CONCURRENTLY orders_merchant_created_idx\n  ON orders (merchant_id, created_at) INCLUDE (status, total_cents, currency);',
    source: { kind: 'squawk', id: 'require-concurrent-index-creation', url: 'https://squawkhq.com/docs/require-concurrent-index-creation' },
  }),
  finding({
    severity: 'blocker',
    category: 'security',
    title: 'AWS access key committed',
    body: 'An AWS access key id is committed in plain text. Revoke it now, then load credentials from the environment.',
    path: 'config/staging.env',
    line: 4,
    source: {
      kind: 'secretlint',
      id: '@secretlint/secretlint-rule-aws',
      url: 'https://github.com/secretlint/secretlint/tree/master/packages/@secretlint/secretlint-rule-aws',
    },
  }),
  finding({
    severity: 'major',
    category: 'security',
    title: 'SQL built by string concatenation',
    body: 'The `status` filter comes from the query string and is concatenated into SQL. Pass it as a parameter.',
    path: 'src/repositories/orderRepository.ts',
    line: 42,
    suggestion: "  const rows = await db.query('SELECT id, total_cents FROM orders WHERE merchant_id = $1 AND status = $2', [merchantId, status]);",
    source: { kind: 'rule', id: 'sql-concatenation', url: null },
  }),
  finding({
    severity: 'nit',
    category: 'observability',
    title: 'Add a runbook entry for failed exports',
    body: 'On-call will need to know how to re-run a failed export and how to clean up an aborted multipart upload.',
    source: { kind: 'model', id: 'judgment', url: null },
  }),
];

export const REVIEW: Review = {
  summary:
    'Adds the `export_jobs` table, the export endpoints and the worker. The design matches the plan, but the migration would lock `orders` and a staging credential is committed; both must be fixed before merging.',
  verdict: 'request-changes',
  findings: FINDINGS,
  checklist: [
    { item: 'Migrations are safe to run on a live database', status: 'fail', note: 'see the two squawk findings' },
    { item: 'Authorization checked on every new endpoint', status: 'pass', note: null },
    { item: 'No secrets in the diff', status: 'fail', note: '`config/staging.env`' },
    { item: 'New queries are covered by an index', status: 'pass', note: null },
    { item: 'GraphQL schema changes are backward compatible', status: 'n/a', note: null },
    { item: 'Export worker retries are idempotent', status: 'check', note: 'confirm a retried job overwrites the same object key' },
  ],
  notReviewed: ['src/generated/openapi.ts: generated client, skipped by the model'],
  decisionConflicts: [
    {
      adr: 'ADR-0004 Serve reporting queries from the analytics warehouse',
      explanation: '`orderRepository.exportRows` reads from the OLTP replica.',
    },
  ],
};

export const REVIEW_META: ReviewMeta = {
  marker: { family: 'review', shas: ['9f8e7d6c5b4a39281706f5e4d3c2b1a098765432', '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d'] },
  info: CLAUDE_INFO,
  repoUrl: REPO_URL,
  requester: 'dana-lead',
  coverage: { reviewedLines: 1234, totalLines: 5678 },
  notReviewed: [
    { path: 'package-lock.json', reason: 'ignored (lockfile)' },
    { path: 'src/legacy/reportBuilder.ts', reason: 'over the input token budget' },
  ],
  shas: ['9f8e7d6c5b4a39281706f5e4d3c2b1a098765432', '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d'],
  incremental: { from: '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432', to: '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d' },
};
