import type { Playbook } from '../Playbook.js';

export const realTimePlaybook: Playbook = {
  shape: 'committed changes fan out through Redis pub/sub to Server-Sent Events (WebSockets only where clients also send), with event ids so clients resume after a reconnect',
  driver: 'Users must see changes within about a second without refreshing, and the design must survive reconnect storms.',
  sections: {
    'data-flow': {
      lead: 'Push changes to clients over Server-Sent Events (WebSockets where clients also send), fed from a pub/sub channel after the commit.',
      items: [
        'Clients subscribe over SSE (`GET /v1/streams/...`) or a WebSocket; servers fan out from Redis pub/sub (PostgreSQL `LISTEN/NOTIFY` at low volume) so any instance can serve any client.',
        'Messages are published only after the database commit (via the outbox) and carry an event id and a version, so clients drop duplicates and out-of-order updates.',
        'On reconnect the client sends its last event id (`Last-Event-ID`); the server replays from a short buffer (e.g. 5 min) or tells the client to refetch.',
      ],
      questions: [
        'Do clients only receive (SSE is enough) or also send over the same channel (WebSocket)?',
        'Is best effort with a refetch on gaps acceptable, or must every event arrive in order?',
      ],
    },
    auth: {
      items: [
        'The connection is authenticated at the handshake with a short-lived token (not in the URL, where logs keep it), each channel subscription is authorized, and connections close when the token expires.',
      ],
    },
    scaling: {
      lead: 'Plan for concurrent connections and fan-out, not requests per second.',
      items: [
        'Budget about 10,000 concurrent connections per Node instance to start, and load-test at 2× the expected concurrent users.',
        'Heartbeat every 25 to 30 s, with load balancer and proxy idle timeouts above 60 s, so idle connections stay open.',
        'Fan-out cost grows with subscribers per channel; above roughly 1,000 subscribers per channel, batch messages or move to a dedicated broker.',
      ],
      questions: ['How many clients are connected at peak, and how many subscribers can one channel have?'],
    },
    monitoring: {
      items: ['Open connections per instance, messages per second, publish-to-delivery lag (p95 under 1 s) and reconnect rate.'],
    },
  },
  tradeOffs: [
    {
      topic: 'Transport for live updates',
      options: [
        {
          name: 'Server-Sent Events',
          pros: ['Plain HTTP through existing proxies and auth', 'Built-in reconnect with `Last-Event-ID`'],
          cons: ['Server-to-client only', 'Text only; about 6 connections per domain on HTTP/1.1'],
        },
        {
          name: 'WebSockets',
          pros: ['Two-way, low latency, binary frames'],
          cons: ['Own protocol, reconnect and resume logic to write', 'Long-lived stateful connections complicate deploys'],
        },
        {
          name: 'Polling every few seconds',
          pros: ['Simplest; cacheable; no long-lived connections'],
          cons: ['Seconds of delay', 'Most requests return nothing'],
        },
      ],
      choice: 'Server-Sent Events',
      rationale: 'Updates flow server to client; SSE gives reconnect and resume for free over plain HTTP. Switch to WebSockets only if clients must send on the same channel.',
    },
  ],
  risks: [
    {
      risk: 'A deploy or outage makes every client reconnect at once (reconnect storm).',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'Clients reconnect with jittered backoff (1 to 30 s); instances drain connections gradually during deploys.',
    },
    {
      risk: 'Updates are lost while a client is reconnecting.',
      likelihood: 'medium',
      impact: 'medium',
      mitigation: 'Event ids with a replay buffer; clients refetch the current state when the gap is too large.',
    },
  ],
  openQuestions: ['Which clients (web, mobile) must stay connected, and do mobile clients need delivery while in the background?'],
  checklists: {
    implementation: ['Events carry an id and version; clients resume with `Last-Event-ID`'],
    security: ['Connections authenticated at the handshake and each channel subscription authorized'],
    performance: ['Load test with the expected peak of concurrent connections and subscribers per channel'],
    reliability: ['Clients reconnect with jittered backoff; deploys drain connections gradually'],
  },
  decisions: [
    {
      title: 'Use Server-Sent Events with Redis pub/sub for live updates',
      decision:
        'Live updates are delivered over Server-Sent Events, fanned out across instances through Redis pub/sub from events published after commit.',
      rationale: 'The traffic is server to client; SSE reuses HTTP, proxies and auth and resumes with `Last-Event-ID`.',
      alternatives: ['WebSockets', 'Client polling'],
      good: ['No custom protocol; reconnect and resume are built into browsers', 'Any instance can serve any client'],
      bad: ['Clients cannot send over the same channel', 'Long-lived connections need heartbeats and proxy tuning'],
      confirmation: 'An integration test publishes an event and asserts a subscribed client receives it within 1 s and resumes after a dropped connection.',
    },
  ],
};
