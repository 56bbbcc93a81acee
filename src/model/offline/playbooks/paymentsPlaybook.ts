import type { Playbook } from '../Playbook.js';

export const paymentsPlaybook: Playbook = {
  shape: 'money-moving calls are idempotent end to end, the provider\'s signed webhooks drive payment state, and a daily reconciliation proves the ledger matches the provider',
  driver: 'Money must never move twice for one customer action, and every payment must be traceable to the provider\'s records.',
  assumptions: [
    'A PCI DSS compliant provider (hosted fields or hosted checkout) collects card data, so card numbers never reach our servers and the PCI scope stays at SAQ A.',
  ],
  sections: {
    'data-model': {
      lead: 'Money is stored as integer minor units with its currency, and payment state changes are append-only events.',
      items: [
        'Amounts as `bigint` minor units (cents) plus `currency char(3)` (ISO 4217); never floating point; totals computed server-side from line items, not taken from the client.',
        '`payments` with an explicit state machine (`pending`, `requires_action`, `succeeded`, `failed`, `canceled`, `refunded`, `partially_refunded`): a `CHECK` on the status and the allowed transitions in one module.',
        'Append-only `payment_events` (ledger entries) with the provider\'s event id `UNIQUE`, so a replayed webhook cannot apply twice.',
        '`provider_payment_id` stored with a `UNIQUE` index to join our records to the provider\'s during reconciliation.',
      ],
      questions: [
        'Is more than one currency needed, and if so who converts and at which rate and time?',
        'Are partial captures and partial refunds in scope?',
      ],
    },
    api: {
      lead: 'Every money-moving endpoint requires an idempotency key.',
      items: [
        '`POST /v1/payments` and `POST /v1/payments/{id}/refunds` require `Idempotency-Key`; keys are kept 24 h with a hash of the request, and the same key with a different body gets 422.',
        'Our idempotency key is passed on to the provider\'s own idempotency mechanism, so a retried call can never charge twice.',
        'When the outcome is asynchronous (3-D Secure, bank debits) the API answers 202 with the payment `pending`; clients poll or get notified.',
      ],
      questions: ['Which refunds need a second person\'s approval (for example above an amount threshold)?'],
    },
    auth: {
      items: [
        'Only the paying account\'s members may read its payments; refunds need a dedicated permission and are always audit-logged.',
      ],
    },
    'data-flow': {
      lead: 'The provider\'s webhooks, not the browser redirect, are the source of truth for payment state.',
      items: [
        'Webhook intake: verify the provider\'s signature, reject events older than 5 min, store the raw event, answer 2xx within 2 s, and process it from a queue.',
        'State changes apply only forward along the state machine, so out-of-order events (a late `pending` after `succeeded`) are ignored.',
        '`payment.succeeded` and `payment.failed` are published through the outbox, so fulfilment and receipts never run for an uncommitted payment.',
      ],
    },
    jobs: {
      items: [
        'A daily reconciliation job compares our ledger with the provider\'s balance transactions and settlement report and alerts on any difference.',
        'A sweeper re-queries payments stuck in `pending` for more than 15 min instead of waiting forever for a webhook.',
      ],
    },
    'error-handling': {
      items: [
        'After a timeout on a charge, never retry blindly: retry with the same idempotency key, or ask the provider for the payment\'s state first.',
        'Provider decline codes are mapped to a few client-facing codes (`card_declined`, `insufficient_funds`, `authentication_required`); the raw code is logged, not shown.',
      ],
    },
    monitoring: {
      items: [
        'Payment success rate per provider and method, alerting when it falls 5 points below its 7-day baseline for 15 min.',
        'Webhook processing lag (p95 under 60 s) and reconciliation differences (expected: zero).',
      ],
    },
  },
  tradeOffs: [
    {
      topic: 'Source of truth for payment state',
      options: [
        {
          name: 'Provider webhooks, with a polling sweeper as backstop',
          pros: ['Covers asynchronous methods (3-D Secure, bank debits, disputes)', 'What providers design for'],
          cons: ['Needs signature checks, deduplication and out-of-order handling'],
        },
        {
          name: 'Polling the provider API',
          pros: ['No public endpoint to secure'],
          cons: ['Slower, spends the provider rate limit, misses events between polls'],
        },
        {
          name: 'The synchronous API response only',
          pros: ['Simplest'],
          cons: ['Wrong for any asynchronous outcome; refunds and disputes never arrive'],
        },
      ],
      choice: 'Provider webhooks, with a polling sweeper as backstop',
      rationale: 'Payments complete asynchronously often enough that only webhooks see every outcome; the sweeper covers lost deliveries.',
    },
  ],
  risks: [
    {
      risk: 'A customer is charged twice because a request or a webhook was retried.',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'Idempotency keys from the client through to the provider, unique provider event ids, and a reconciliation job that alerts on any difference.',
    },
    {
      risk: 'Card data reaches our servers or logs and widens the PCI scope.',
      likelihood: 'low',
      impact: 'high',
      mitigation: 'Hosted fields or hosted checkout only; request and provider payload logging allow-listed; a test that no card-like number is logged.',
    },
  ],
  openQuestions: [
    'Which provider, and which payment methods (cards, wallets, bank debits)?',
    'Who handles disputes and chargebacks, and must the system record them?',
    'Is SAQ A (hosted fields or checkout) the PCI scope target?',
  ],
  checklists: {
    implementation: [
      'Amounts stored as integer minor units with an ISO 4217 currency',
      '`Idempotency-Key` required on payment and refund creation and passed on to the provider',
      'Daily reconciliation job against the provider, alerting on any difference',
    ],
    security: [
      'Provider webhooks: signature verified, stale events (over 5 min) rejected, event ids deduplicated',
      'No card numbers or CVV in our requests, logs or analytics (hosted fields or checkout)',
      'Refunds need a dedicated permission and are audit-logged',
    ],
    performance: ['Provider calls have a 10 s timeout and never run inside a database transaction'],
    reliability: [
      'Retried provider calls reuse the same idempotency key',
      'Payments pending for more than 15 min are re-checked by a sweeper',
    ],
  },
  decisions: [
    {
      title: 'Require idempotency keys on all money-moving endpoints',
      decision:
        'Payment and refund creation require an `Idempotency-Key` header; the key and response are kept 24 h and the key is passed on to the payment provider.',
      rationale: 'Clients and networks retry; without a key a retry can charge a customer twice.',
      alternatives: ['Deduplicate on request content within a time window', 'Rely on the provider alone to deduplicate'],
      good: ['Client retries are always safe', 'The same key traces one action across our logs and the provider\'s'],
      bad: ['Clients must generate and keep a key per action', 'A key store with a 24 h retention to run'],
      confirmation: 'API tests send the same request twice with one key and assert a single charge at the provider fake.',
    },
    {
      title: 'Treat provider webhooks as the source of truth for payment state',
      decision:
        'Payment state changes are applied from verified provider webhooks, processed asynchronously and idempotently, with a sweeper polling payments pending over 15 min.',
      rationale: 'Many payment outcomes are asynchronous; webhooks are the only channel that reports all of them.',
      alternatives: ['Poll the provider API', 'Trust the synchronous API response and the browser redirect'],
      good: ['Correct state for asynchronous methods, refunds and disputes', 'Fulfilment reacts to confirmed payments only'],
      bad: ['A public webhook endpoint to secure and monitor', 'Eventual consistency: state lags the provider by seconds'],
      confirmation: 'Tests replay, reorder and forge webhook events and assert the payment state stays correct.',
    },
  ],
};
