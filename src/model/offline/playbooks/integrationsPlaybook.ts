import type { Playbook } from '../Playbook.js';

export const integrationsPlaybook: Playbook = {
  shape: 'each third party sits behind one client module with timeouts, retries and a circuit breaker, and inbound webhooks are verified, stored and processed off the request path',
  driver: 'A slow or failing third party must not take our service down, and forged webhooks must be rejected.',
  sections: {
    'data-flow': {
      lead: 'Isolate each third party behind one client and handle its webhooks asynchronously.',
      items: [
        'Inbound webhooks: verify the HMAC signature with a constant-time comparison, reject timestamps older than 5 min, store the raw payload, answer 2xx within 2 s, process from a queue, and deduplicate on the sender\'s event id.',
        'Outbound webhooks, if we send them: payloads signed with HMAC-SHA256 and a per-subscriber secret, retried with backoff for up to 24 h, endpoints disabled after 3 days of failures, and a delivery log subscribers can replay.',
        'One client module per provider: pinned API version, typed responses, timeouts and retries in one place.',
      ],
      questions: ['Do we receive webhooks, send them, or both?'],
    },
    'error-handling': {
      items: [
        'Third-party calls: 5 s timeout, a token bucket kept below their documented rate limit, `Retry-After` honoured, and a circuit breaker so their outage degrades one feature, not the service.',
      ],
    },
    jobs: {
      items: ['Webhook payloads and outbound sync work are processed by jobs, so a provider outage leaves a backlog instead of errors.'],
    },
    monitoring: {
      items: ['Per-provider call latency, error rate and circuit state; webhook intake rate and signature failures.'],
    },
  },
  tradeOffs: [
    {
      topic: 'Calling third parties in the request path',
      options: [
        {
          name: 'Asynchronous through a queue',
          pros: ['Provider outages become delays, not errors', 'Retries without user-facing latency'],
          cons: ['Eventual consistency; the user sees a pending state'],
        },
        {
          name: 'Synchronous in the request',
          pros: ['Immediate result for the user'],
          cons: ['Our latency and availability become theirs'],
        },
      ],
      choice: 'Asynchronous through a queue',
      rationale: 'Only calls whose answer the user needs right now stay synchronous, with a strict timeout and a fallback.',
    },
  ],
  risks: [
    {
      risk: 'A third party\'s slowness or outage cascades into our API.',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'Timeouts, circuit breakers, asynchronous processing and a degraded mode for the feature.',
    },
    {
      risk: 'Forged or replayed webhooks change our data.',
      likelihood: 'low',
      impact: 'high',
      mitigation: 'Signature and timestamp checks, event id deduplication, and re-fetching the object from the provider before acting on it.',
    },
  ],
  openQuestions: ['Which provider API versions are pinned, and who watches their deprecation notices?'],
  checklists: {
    implementation: ['One client module per provider with a pinned API version'],
    security: [
      'Webhook signatures verified with a constant-time comparison; stale timestamps rejected',
      'Provider credentials in a secret manager with least-privilege scopes and rotation',
      'Calls to user-supplied URLs go through an egress filter that blocks private and metadata addresses (SSRF)',
    ],
    performance: ['Provider rate limits respected with a token bucket'],
    reliability: ['Circuit breaker and timeout per provider; webhook processing retried from a queue'],
  },
  decisions: [
    {
      title: 'Process inbound webhooks asynchronously after signature verification',
      decision:
        'Webhook endpoints verify the signature and timestamp, store the raw event, answer 2xx at once and process the event from a queue, deduplicated on the sender\'s event id.',
      rationale: 'Senders retry on slow answers and deliver at least once; fast acknowledgement and idempotent processing handle both.',
      alternatives: ['Process the webhook inline before answering', 'Poll the provider instead of receiving webhooks'],
      good: ['No sender retries caused by our slowness', 'Failed processing can be retried from the stored event'],
      bad: ['Processing lags intake by seconds', 'Stored raw events need a retention period'],
      confirmation: 'Tests send unsigned, stale and duplicate events and assert they are rejected or processed once.',
    },
  ],
};
