import type { PlanSectionKind } from '../../domain/planSchema.js';

export interface SectionDefault {
  /** Included in every plan, whatever the concerns (most backend work touches these). */
  always: boolean;
  summary: string;
  items: string[];
  questions: string[];
}

/** The sound defaults of each plan section, used whenever the section is in the plan. */
export const SECTION_DEFAULTS: Record<PlanSectionKind, SectionDefault> = {
  'data-model': {
    always: true,
    summary:
      'Keep the data in the primary relational store with its invariants enforced by the database, and change the schema only through backward-compatible expand/contract migrations.',
    items: [
      'Keys and timestamps: UUIDv7 or bigint identity primary keys; `created_at` and `updated_at` as `timestamptz NOT NULL DEFAULT now()`.',
      'Invariants live in the schema as well as the code: `NOT NULL`, `CHECK`, `UNIQUE` and foreign keys on every new table.',
      'Index every foreign key and every new query path (filter and sort columns together, e.g. `(owner_id, created_at DESC, id)`); check each new query with `EXPLAIN (ANALYZE, BUFFERS)` on production-sized data.',
      'Expand/contract migrations: add the new column or table, backfill in batches of at most 1,000 rows, switch reads and writes, and drop the old shape one release later.',
      'Migration safety: `CREATE INDEX CONCURRENTLY`, `lock_timeout` of about 5 s on migration sessions, no column rewrite or `NOT NULL` on a large table in one step.',
    ],
    questions: [
      'How many rows at launch and in 12 months, and what is the read/write ratio?',
      'Which fields never change after creation, and which need a change history?',
    ],
  },
  api: {
    always: true,
    summary:
      'Expose a versioned, resource-oriented JSON API described in OpenAPI 3.1, with every input validated at the edge and one error format.',
    items: [
      'Version in the path (`/v1/...`): only additive changes inside a version; a breaking change gets `/v2` and at least 6 months of overlap with `Deprecation` and `Sunset` headers on the old one.',
      'Cursor pagination on every list endpoint: opaque cursor, default page size 50, maximum 200, stable order on `(created_at, id)`.',
      'One error body for every failure (RFC 9457 problem details plus a request id): 400 invalid input, 401 unauthenticated, 403 forbidden, 404 unknown or not visible, 409 conflict, 422 business rule, 429 rate limited.',
      'Creating endpoints accept an `Idempotency-Key` header; the key, a hash of the request and the response are kept for 24 h so a client retry returns the first result.',
      'Request bodies validated by schema: unknown fields rejected, strings capped (e.g. 10,000 characters for free text), bodies capped at 1 MB.',
      'Concurrent updates detected with a `version` column or `ETag`/`If-Match`; a stale write gets 409 or 412 instead of silently overwriting.',
    ],
    questions: [
      'Who calls this API (our web app, mobile clients, third parties)? That decides how strict versioning must be.',
      'Which operations will clients retry, and so must be idempotent?',
    ],
  },
  auth: {
    always: false,
    summary:
      'Authenticate every request at the edge and authorize every resource access in one policy layer, denying by default.',
    items: [
      'Reuse the existing identity provider; access tokens live at most 15 min, refresh tokens rotate on use; signature, issuer, audience and expiry are checked on every request.',
      'Authorize the object, not just the route: every read and write checks that the caller may act on that record (answer 404 for records outside their scope) to rule out IDOR.',
      'One policy function per resource type, unit-tested with an allow/deny matrix of roles and actions.',
      'Service-to-service calls use their own least-privilege credentials; no shared admin keys.',
      'Security-relevant actions (permission changes, exports, deletions) go to an audit log kept at least 1 year.',
    ],
    questions: ['Which roles exist and what may each of them do? Write the permission matrix before the code.'],
  },
  'data-flow': {
    always: false,
    summary:
      'Keep the synchronous path to what the user waits for; side effects leave through durable events written in the same transaction as the change.',
    items: [
      'Request path: validate, authorize, write in one transaction, respond; emails, webhooks and other side effects are queued, never done inline.',
      'Transactional outbox: domain events go into an `outbox` table in the same transaction as the state change; a relay publishes them at least once (polling every 1 s is enough to start).',
      'Consumers are idempotent: they record processed event ids (kept 7 days or more) because delivery is at-least-once.',
      'Events carry id, type, schema version, `occurred_at`, the owning account or tenant, and the minimum payload; consumers ignore fields they do not know.',
    ],
    questions: ['Which steps must finish before the user gets an answer, and which can complete a few seconds later?'],
  },
  caching: {
    always: false,
    summary:
      'Cache hot reads in Redis with cache-aside, explicit TTLs and invalidation on write; the database stays the source of truth.',
    items: [
      'Cache-aside: read Redis, on a miss read the database and set the key with a TTL; on write, commit to the database first, then delete the key (do not rewrite it).',
      'TTLs: about 60 s for data that changes often, 5 to 15 min for reference data, with ±10% jitter so keys do not expire together.',
      'Versioned keys such as `v1:{account}:{entity}:{id}`; bumping the prefix invalidates a whole shape after a format change.',
      'Stampede protection for hot keys: one rebuild at a time per key (lock with a 5 s timeout) or serve stale while one request refreshes.',
      'Measure the hit ratio; below about 80% after a week, the cache costs more than it saves.',
    ],
    questions: [
      'How stale may each cached read be: seconds, or minutes?',
      'Which measured read load (requests per second, p95) is the cache meant to relieve?',
    ],
  },
  jobs: {
    always: false,
    summary:
      'Run background work on a durable queue with idempotent handlers, bounded retries and a dead-letter queue that someone watches.',
    items: [
      'A durable queue: the one already in the stack (e.g. BullMQ on Redis, SQS), or a PostgreSQL table with `FOR UPDATE SKIP LOCKED` below roughly 100 jobs per second; jobs carry ids and handlers reload current state.',
      'Jobs are enqueued through the outbox (or in the same transaction for a database-backed queue), so a rolled-back change never leaves a job behind.',
      'Retries with exponential backoff and jitter, at most 5 attempts, then a dead-letter queue; alert when it is non-empty for 15 min.',
      'Each job has a timeout (e.g. 5 min) shorter than its lock or visibility timeout, and each queue a concurrency limit (start with 10 workers).',
      'Recurring jobs are scheduled once across replicas (a single scheduler or a distributed lock), and each run is safe to repeat.',
    ],
    questions: ['How long may it take from the triggering event to the job being done: seconds, minutes or hours?'],
  },
  'error-handling': {
    always: true,
    summary:
      'Reject bad input early, retry only transient failures with backoff, bound every remote call with a timeout, and make retried operations idempotent.',
    items: [
      'A timeout on every outbound call: 2 s to connect and 5 s in total by default for dependencies in the request path; no call without a deadline.',
      'Retry only transient failures (timeouts, connection resets, 429, 502, 503, 504): exponential backoff from 200 ms with full jitter, at most 5 attempts, honouring `Retry-After`.',
      'A circuit breaker per downstream dependency: open after 50% failures over at least 20 calls in 30 s, probe again after 30 s.',
      'Multi-row writes in one transaction, and no remote call while a database transaction is open.',
      'Stable, documented error codes clients can branch on (e.g. `quota_exceeded`); never return stack traces, SQL or internal hostnames.',
    ],
    questions: ['Which failures may degrade gracefully (stale or partial data) and which must fail the request?'],
  },
  monitoring: {
    always: true,
    summary:
      'Ship the feature with metrics, structured logs and traces from the first release, and alert on SLO burn rather than on single errors.',
    items: [
      'SLOs for the new endpoints: 99.9% availability over 30 days; reads p95 under 300 ms and p99 under 1 s; writes p95 under 500 ms.',
      'Rate, errors and a duration histogram per endpoint and per dependency; database pool saturation (connections in use versus pool size).',
      'Structured JSON logs with request id, account id, route, status and duration; W3C `traceparent` propagated through HTTP calls and queued jobs (OpenTelemetry).',
      'Burn-rate alerts: page when 2% of the monthly error budget burns in 1 h, open a ticket at 5% in 6 h.',
      'One dashboard for the feature and a short runbook linked from each alert.',
    ],
    questions: ['Who is on call for this feature, and what latency does a user actually notice here?'],
  },
  scaling: {
    always: false,
    summary:
      'Keep application instances stateless and scale them out; scale the database with indexes, pooling and read replicas before reaching for partitioning.',
    items: [
      'Stateless instances behind the load balancer, autoscaled on CPU (target about 60%) or on queue depth for workers.',
      'Connection pooling (PgBouncer in transaction mode or the driver pool), keeping total connections under 80% of `max_connections`.',
      'A load test at 2× the expected peak (k6 or Artillery) before launch, recording the throughput at which p95 leaves the SLO.',
      'Read replicas for heavy reads that tolerate about 1 s of lag; partition only tables heading past roughly 100 million rows.',
    ],
    questions: ['What are the expected peak requests per second and the data volume in 12 months?'],
  },
};
