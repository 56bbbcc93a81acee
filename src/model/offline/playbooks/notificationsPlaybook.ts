import type { Playbook } from '../Playbook.js';

export const notificationsPlaybook: Playbook = {
  shape: 'notifications are derived from domain events, filtered by user preferences and delivered by per-channel workers with deduplication',
  driver: 'Users must get each notification once, on the channels they chose, without the request path waiting on email or SMS providers.',
  sections: {
    'data-model': {
      items: [
        '`notification_preferences` (user, type, channel, enabled), `notifications` for the in-app inbox (`read_at`), and `notification_deliveries` with the provider message id and status.',
      ],
    },
    'data-flow': {
      lead: 'Notifications come from domain events and are delivered by per-channel workers, never inline in the request.',
      items: [
        'Domain event, then a notifier picks recipients and channels from preferences, then one job per recipient and channel, then the provider.',
        'Bounce and complaint webhooks from the providers are processed; an address is suppressed after a hard bounce or complaint.',
      ],
      questions: ['Which events notify whom, on which channels (email, SMS, push, in-app)?'],
    },
    jobs: {
      items: [
        'A queue per channel, each throttled below the provider\'s limit; a deduplication key per (event, recipient, channel) so retries never send twice.',
        'Push: device tokens stored per device and deleted when APNs or FCM report them invalid; payloads carry an id and a short text, never sensitive content.',
        'Low-priority notifications are batched into digests (e.g. hourly) and held during the recipient\'s quiet hours; security and billing messages are sent at once.',
      ],
    },
    auth: {
      onlyIfPresent: true,
      items: ['Notification content is checked against the recipient\'s access at send time, not only when the event happened.'],
    },
    monitoring: {
      items: ['Delivery rate, bounce rate (alert above 5%), complaint rate (alert above 0.1%) and queue lag (p95 under 1 min for transactional messages).'],
    },
  },
  tradeOffs: [
    {
      topic: 'Delivery mechanism',
      options: [
        {
          name: 'Own notifier with provider APIs per channel',
          pros: ['Full control of preferences, batching and data', 'Cheaper at volume'],
          cons: ['Templates, retries and provider feedback to build'],
        },
        {
          name: 'A hosted notification platform',
          pros: ['Preferences, templates and channels out of the box'],
          cons: ['Vendor cost and lock-in', 'User data shared with another processor'],
        },
      ],
      choice: 'Own notifier with provider APIs per channel',
      rationale: 'The notifier is a small queue consumer once events exist; a platform pays off only with many channels and non-engineers editing templates.',
    },
  ],
  risks: [
    {
      risk: 'Duplicate or runaway notifications (retries, bulk events, loops).',
      likelihood: 'medium',
      impact: 'medium',
      mitigation: 'Deduplication keys, a per-user cap (e.g. 20 per hour), and a kill switch per notification type.',
    },
    {
      risk: 'Emails land in spam and users miss them.',
      likelihood: 'medium',
      impact: 'medium',
      mitigation: 'SPF, DKIM and DMARC on a dedicated sending domain, bounce and complaint handling, and deliverability monitoring.',
    },
  ],
  openQuestions: ['Can users opt out per type and channel, and which notifications are mandatory (security, billing)?'],
  checklists: {
    implementation: [
      'User preferences per type and channel respected, with a one-click unsubscribe (`List-Unsubscribe`) on non-transactional email',
      'Deduplication key per event, recipient and channel',
    ],
    security: [
      'SPF, DKIM and DMARC configured for the sending domain',
      'If SMS is sent: phone numbers verified and messages capped per user per day (e.g. 10) to limit toll fraud',
    ],
    performance: ['Provider rate limits respected with a per-channel token bucket'],
    reliability: ['Provider failures retried with backoff, then dead-lettered with an alert'],
  },
  decisions: [
    {
      title: 'Deliver notifications asynchronously through per-channel queues',
      decision:
        'Notifications are created from domain events and delivered by per-channel workers with deduplication keys, user preferences and provider-specific throttling.',
      rationale: 'Email, SMS and push providers are slow and rate-limited; users must not wait on them and must never get duplicates.',
      alternatives: ['Send inline in the request', 'A hosted notification platform'],
      good: ['Requests stay fast; provider outages only delay delivery', 'One place for preferences, digests and quiet hours'],
      bad: ['Notifications arrive seconds later', 'A queue and workers to operate'],
      confirmation: 'Tests emit the same event twice and assert exactly one delivery per recipient and channel.',
    },
  ],
};
