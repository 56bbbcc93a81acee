import type { Playbook } from '../Playbook.js';

export const asyncJobsPlaybook: Playbook = {
  shape: 'background work runs on a durable queue with idempotent handlers, bounded retries and a watched dead-letter queue',
  driver: 'Background work must survive restarts and retries without doing anything twice.',
  sections: {
    jobs: {
      lead: 'Prefer the queue already in the stack; handlers must tolerate running twice.',
      items: ['Each job type documents its idempotency key and what a second run does (nothing, or the same result).'],
      questions: ['Which jobs must run in order (per account or per entity), and which can run in parallel?'],
    },
    'data-flow': {
      items: ['Jobs that change data publish their own events through the outbox, like requests do.'],
    },
    monitoring: {
      items: ['Queue depth, age of the oldest job (alert above 10 min for user-facing work), failure rate and dead-letter depth per queue.'],
    },
  },
  tradeOffs: [
    {
      topic: 'Queue technology',
      options: [
        {
          name: 'PostgreSQL table with `SKIP LOCKED`',
          pros: ['No new infrastructure', 'Enqueue in the same transaction as the change'],
          cons: ['Adds write load to the primary', 'Fits up to roughly 100 jobs per second'],
        },
        {
          name: 'Redis with BullMQ',
          pros: ['High throughput, delays, priorities and rate limits built in'],
          cons: ['Redis must be persistent and highly available', 'Needs the outbox for transactional enqueue'],
        },
        {
          name: 'A managed broker (SQS, Pub/Sub)',
          pros: ['No servers to run; scales far'],
          cons: ['Vendor-specific semantics', 'Harder to run locally and in tests'],
        },
      ],
      choice: 'PostgreSQL table with `SKIP LOCKED`',
      rationale:
        'No new infrastructure and transactional enqueue; if Redis or a broker already runs in the stack, or volume passes about 100 jobs per second, use that instead.',
    },
  ],
  risks: [
    {
      risk: 'Jobs run twice (at-least-once delivery, retries after timeouts) and duplicate side effects.',
      likelihood: 'high',
      impact: 'medium',
      mitigation: 'Idempotent handlers keyed on a job or business id, and side effects guarded by unique constraints.',
    },
  ],
  openQuestions: ['What happens to in-flight jobs during a deploy: drained, or retried on the new version?'],
  checklists: {
    implementation: ['Every job handler idempotent, with a test that runs it twice'],
    reliability: [
      'Dead-letter queue with an alert, and a documented way to replay from it',
      'Workers shut down gracefully: stop taking jobs, finish or release the current one',
    ],
  },
  decisions: [
    {
      title: 'Run background work on a durable queue with idempotent handlers',
      decision:
        'Background work is enqueued transactionally (outbox or database queue), handled idempotently with at most 5 retries and a dead-letter queue with an alert.',
      rationale: 'Delivery is at least once; only idempotent handlers make retries and redeliveries safe.',
      alternatives: ['In-process timers and promises', 'Cron scripts on one machine'],
      good: ['Work survives restarts and deploys', 'Failures are visible and replayable'],
      bad: ['A queue to operate and monitor', 'Handlers must be designed for repetition'],
      confirmation: 'Each job type has a test that runs it twice and asserts one effect; the dead-letter alert is in the runbook.',
    },
  ],
};
