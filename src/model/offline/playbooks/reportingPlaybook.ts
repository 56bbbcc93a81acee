import type { Playbook } from '../Playbook.js';

export const reportingPlaybook: Playbook = {
  shape: 'reports read from rollup tables on a read replica instead of scanning live tables, and large exports run as background jobs that stream to object storage',
  driver: 'Reports and exports must not slow down the transactional workload.',
  sections: {
    'data-model': {
      lead: 'Serve reports from purpose-built rollups, not from aggregates over the live tables on every request.',
      items: [
        'Rollup tables (e.g. daily totals per account) refreshed incrementally every 5 to 15 min, or materialized views refreshed with `REFRESH MATERIALIZED VIEW CONCURRENTLY`.',
        'Heavy report queries run on a read replica with a `statement_timeout` (e.g. 30 s), never on the primary.',
        'Timestamps stored in UTC; every report takes an explicit time zone that defines its days and months.',
      ],
      questions: [
        'How fresh must report figures be: live, 15 min, or daily?',
        'Which time zone defines a day for each customer?',
      ],
    },
    api: {
      items: [
        'Exports are asynchronous: `POST /v1/exports` answers 202 with an export id; `GET /v1/exports/{id}` returns the status and, when done, a download URL valid 15 min.',
        'Bounded requests: at most 366 days per report query and 1 million rows per export; larger needs go to the data warehouse.',
      ],
    },
    jobs: {
      items: [
        'Export jobs read with a server-side cursor in batches of 1,000 to 5,000 rows and stream the file to object storage, never holding it in memory.',
        'At most 2 running exports per account; finished export files expire after 7 days.',
      ],
    },
    caching: {
      onlyIfPresent: true,
      items: ['Report results cached per (account, report, parameters) for 5 min, keyed with the rollup refresh time.'],
    },
    scaling: {
      items: [
        'When the replica can no longer serve the reports, stream changes (CDC, e.g. Debezium) into a columnar store or warehouse (ClickHouse, BigQuery) instead of adding indexes to the primary.',
      ],
    },
    monitoring: {
      items: ['Export duration and failure rate, rollup freshness (alert when older than 2 refresh intervals) and replica lag.'],
    },
  },
  tradeOffs: [
    {
      topic: 'Where report figures are computed',
      options: [
        {
          name: 'Live aggregate queries on the primary',
          pros: ['Always fresh', 'Nothing new to build'],
          cons: ['Slow on large tables', 'Competes with transactions for the primary'],
        },
        {
          name: 'Rollup tables on a read replica',
          pros: ['Fast, predictable queries', 'Same database and skills'],
          cons: ['Minutes of lag', 'Refresh jobs to run and watch'],
        },
        {
          name: 'A separate warehouse fed by CDC',
          pros: ['Scales to large history and ad hoc analysis'],
          cons: ['New infrastructure and cost', 'More lag and a second data model'],
        },
      ],
      choice: 'Rollup tables on a read replica',
      rationale: 'It isolates reporting load from transactions at low cost; the warehouse is the next step once volumes or questions outgrow it.',
    },
  ],
  risks: [
    {
      risk: 'Report queries compete with transactional traffic and slow the product down.',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'Rollups, a read replica with a statement timeout, and per-account limits on concurrent exports.',
    },
    {
      risk: 'Large exports exhaust memory or time out.',
      likelihood: 'medium',
      impact: 'medium',
      mitigation: 'Stream rows with a cursor straight into object storage, cap rows per export, and run exports as jobs.',
    },
  ],
  openQuestions: ['Which reports and export formats are needed first, and how many rows does the largest export hold?'],
  checklists: {
    implementation: [
      'Exports run as jobs that stream to object storage; the API returns 202 and an export id',
      'Rollup refresh job with a freshness metric',
    ],
    security: [
      'CSV cells starting with `=`, `+`, `-`, `@`, tab or carriage return are prefixed with `\'` (formula injection)',
      'Export download links expire within 15 min and are checked against the requester\'s access',
    ],
    performance: ['Report queries run on a replica with a 30 s statement timeout'],
    reliability: ['Failed exports retried, then reported to the user with a reason'],
  },
  decisions: [
    {
      title: 'Serve reports from rollup tables on a read replica',
      decision:
        'Report queries read pre-aggregated rollup tables refreshed every 5 to 15 min, on a read replica with a 30 s statement timeout.',
      rationale: 'Aggregating live tables on each request does not scale and competes with transactions on the primary.',
      alternatives: ['Live aggregate queries on the primary', 'A separate data warehouse fed by CDC'],
      good: ['Fast, predictable report queries', 'No reporting load on the primary'],
      bad: ['Figures lag by up to one refresh interval', 'Rollup jobs to maintain when the schema changes'],
      confirmation: 'Report endpoints use the replica connection (asserted in tests) and a freshness alert watches the rollups.',
    },
    {
      title: 'Generate exports asynchronously into object storage',
      decision:
        'Exports are background jobs that stream rows into object storage and hand the user a download link valid 15 min.',
      rationale: 'Large exports cannot finish inside an HTTP request without holding memory and connections.',
      alternatives: ['Synchronous streaming download', 'Email the file as an attachment'],
      good: ['Exports of any size within the cap', 'The API stays responsive'],
      bad: ['Users wait and need a notification or a status view', 'Stored export files to expire and secure'],
      confirmation: 'A test exports more rows than fit in the request timeout and asserts a complete file with constant memory use.',
    },
  ],
};
