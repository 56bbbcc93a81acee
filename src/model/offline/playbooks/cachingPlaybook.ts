import type { Playbook } from '../Playbook.js';

export const cachingPlaybook: Playbook = {
  shape: 'hot reads use Redis cache-aside with explicit TTLs, scoped keys and invalidation on write',
  driver: 'Reads must stay fast under load without serving data that is stale beyond what users accept, or someone else\'s data.',
  sections: {
    caching: {
      lead: 'Cache only measured hot paths, and only what may be served a little stale.',
      items: [
        'Cache keys include everything the answer depends on (account, user or role, parameters); permission-sensitive answers live at most 60 s.',
        'HTTP caching where it fits: `ETag` with `If-None-Match` on reads, `Cache-Control: private` for per-user data, CDN only for public data.',
      ],
    },
    monitoring: {
      items: ['Cache hit ratio, Redis memory and evictions, and latency with and without the cache.'],
    },
  },
  tradeOffs: [
    {
      topic: 'Where to cache',
      options: [
        {
          name: 'Shared Redis cache-aside',
          pros: ['One copy for all instances; explicit invalidation works'],
          cons: ['A network hop and another dependency to keep available'],
        },
        {
          name: 'In-process LRU',
          pros: ['Fastest; no dependency'],
          cons: ['Each instance has its own copy; invalidation across instances is hard'],
        },
        {
          name: 'HTTP or CDN caching',
          pros: ['Removes requests entirely'],
          cons: ['Only for public or per-user-private responses; purging is coarse'],
        },
      ],
      choice: 'Shared Redis cache-aside',
      rationale: 'Invalidation on write must reach every instance; an in-process LRU suits only immutable reference data.',
    },
  ],
  risks: [
    {
      risk: 'The cache serves stale data after a write, or one user\'s data to another.',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'Delete keys after commit, include the scope (account, user) in every key, and keep TTLs short for permission-sensitive data.',
    },
    {
      risk: 'A popular key expires and many requests rebuild it at once (stampede).',
      likelihood: 'medium',
      impact: 'medium',
      mitigation: 'One rebuild per key under a lock, jittered TTLs and stale-while-revalidate for the hottest keys.',
    },
  ],
  openQuestions: ['Which reads are hot today (measured), and what is their p95 without a cache?'],
  checklists: {
    implementation: ['Cache invalidation on every write path of a cached entity, with a test'],
    security: ['Cache keys include the account and user scope of the data'],
    performance: ['Hit ratio measured; TTLs jittered by ±10%'],
    reliability: ['The service still works (slower) when Redis is unavailable'],
  },
  decisions: [
    {
      title: 'Use Redis cache-aside with explicit TTLs and invalidation on write',
      decision:
        'Hot reads are cached in Redis with cache-aside; each key has a TTL with jitter and is deleted after every committed write to its entity.',
      rationale: 'It removes repeated database reads while the database stays the single source of truth.',
      alternatives: ['In-process caches per instance', 'Write-through caching', 'No cache; optimise queries and add replicas'],
      good: ['Lower read latency and database load', 'Cache loss only costs performance'],
      bad: ['Invalidation code on every write path', 'Brief staleness windows'],
      confirmation: 'Tests assert the cached read changes after each write path; dashboards show the hit ratio.',
    },
  ],
};
