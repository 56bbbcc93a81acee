import type { Playbook } from '../Playbook.js';

export const rateLimitingPlaybook: Playbook = {
  shape: 'clients are limited per key and per IP with a token bucket in Redis, answering 429 with `Retry-After`',
  driver: 'No single client may exhaust capacity meant for everyone.',
  sections: {
    api: {
      items: [
        'Limits per API key or user and per IP with a token bucket in Redis: e.g. 100 requests per minute for reads and 20 for writes, bursts up to 2× the rate; over the limit, 429 with `Retry-After` and `RateLimit-*` headers.',
      ],
      questions: ['Which limits protect the service from abuse, and which are product quotas that differ by plan?'],
    },
    scaling: {
      items: [
        'Coarse limits at the edge (gateway, CDN or load balancer) first; business quotas (e.g. exports per day) in the application, where the account is known.',
      ],
    },
    monitoring: {
      items: ['429s per client and limit, so legitimate clients hitting limits are noticed and limits tuned.'],
    },
  },
  tradeOffs: [
    {
      topic: 'Rate limiting algorithm',
      options: [
        {
          name: 'Token bucket',
          pros: ['Allows short bursts while holding the average', 'One small Redis script'],
          cons: ['Two parameters (rate and burst) to tune'],
        },
        {
          name: 'Fixed window counter',
          pros: ['Simplest to build and explain'],
          cons: ['Up to 2× the limit across a window boundary'],
        },
        {
          name: 'Sliding window log',
          pros: ['Exact'],
          cons: ['Memory per request; expensive at high rates'],
        },
      ],
      choice: 'Token bucket',
      rationale: 'Real clients are bursty; a token bucket tolerates bursts and still bounds the sustained rate cheaply.',
    },
  ],
  risks: [
    {
      risk: 'Limits block legitimate bursts (batch clients, retries after an outage).',
      likelihood: 'medium',
      impact: 'medium',
      mitigation: 'Burst allowance, clear `Retry-After`, per-client overrides, and monitoring of 429s before tightening.',
    },
  ],
  openQuestions: ['Do limits differ by customer plan, and who can raise a customer\'s limit?'],
  checklists: {
    implementation: ['429 responses include `Retry-After`; limits documented in the API reference'],
    security: ['Login, signup and password reset limited per account and per IP'],
    reliability: ['If Redis is unavailable the limiter fails open for reads and closed for expensive writes, by explicit choice'],
  },
  decisions: [
    {
      title: 'Rate-limit clients with a token bucket in Redis',
      decision:
        'Each API key or user and each IP gets a token bucket in Redis; requests over the limit get 429 with `Retry-After`.',
      rationale: 'It protects shared capacity while allowing normal bursts, and works across all instances.',
      alternatives: ['Fixed window counters', 'Limits only at the gateway'],
      good: ['Fair share of capacity per client', 'Abuse contained without manual action'],
      bad: ['Another Redis dependency in the request path', 'Limits need tuning and overrides'],
      confirmation: 'A test drives one client past the limit and asserts 429 with `Retry-After`, while a second client is unaffected.',
    },
  ],
};
