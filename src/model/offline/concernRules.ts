/**
 * Keyword rules for the offline engine: which words in an issue point at which backend concern.
 *
 * Term syntax (see termPattern): words separated by spaces or hyphens also match when written joined
 * or hyphenated ("real time" matches "realtime" and "real-time"); the last word tolerates plural
 * forms; a trailing `*` matches any ending ("notif*" matches "notify" and "notifications").
 *
 * Weights: a `strong` term alone is enough to detect the concern; `weak` terms need a second
 * distinct term. `ignore` terms are phrases that contain a strong word but mean something else
 * ("integration tests", "bug report"): they are matched first and blank out what they cover.
 */
export const CONCERNS = [
  'payments',
  'multi-tenancy',
  'pii',
  'auth',
  'real-time',
  'files',
  'reporting',
  'search',
  'notifications',
  'integrations',
  'async-jobs',
  'caching',
  'rate-limiting',
  'persistence',
  'api',
] as const;
export type Concern = (typeof CONCERNS)[number];

export interface ConcernRule {
  /** How the concern is named in plan text. */
  label: string;
  strong: string[];
  weak?: string[];
  ignore?: string[];
}

/** Score a concern needs: one strong term, or two distinct weak ones. */
export const DETECTION_THRESHOLD = 2;

export const CONCERN_RULES: Record<Concern, ConcernRule> = {
  payments: {
    label: 'payments',
    strong: [
      'payment', 'checkout', 'billing', 'invoice', 'refund', 'chargeback', 'payout', 'ledger',
      'stripe', 'adyen', 'paypal', 'braintree', 'mollie', 'credit card', 'card number', 'pci', '3ds', '3d secure',
    ],
    weak: ['pay', 'charge', 'wallet', 'subscription', 'pricing', 'price'],
  },
  'multi-tenancy': {
    label: 'multi-tenancy',
    strong: ['tenant', 'tenancy', 'multi tenant', 'multi tenancy', 'row level security', 'rls'],
    weak: ['organization', 'organisation', 'workspace', 'saas', 'white label*'],
  },
  pii: {
    label: 'personal data and compliance',
    strong: [
      'pii', 'personal data', 'personal information', 'personally identifiable', 'gdpr', 'ccpa', 'hipaa', 'lgpd',
      'data retention', 'right to be forgotten', 'erasure', 'anonymi*', 'pseudonymi*', 'date of birth', 'ssn',
      'social security number', 'passport', 'national id', 'health data', 'medical record', 'consent', 'soc 2',
      'iso 27001', 'sensitive data',
    ],
    weak: ['email address', 'phone number', 'home address', 'retention', 'compliance', 'audit trail', 'encrypt*'],
    ignore: ['ip address'],
  },
  auth: {
    label: 'authentication and authorization',
    strong: [
      'auth', 'authenticat*', 'authoriz*', 'authoris*', 'log in', 'log out', 'sign in', 'sign up', 'oauth*', 'oidc',
      'openid', 'sso', 'saml', 'jwt', 'json web token', 'rbac', 'abac', 'acl', 'permission', 'access control',
      'api key', 'password', 'mfa', '2fa', 'two factor', 'passkey', 'webauthn', 'bearer token', 'access token',
      'refresh token', 'impersonat*',
    ],
    // Naming the header (usually in docs or examples) says little about designing auth.
    weak: ['authorization header', 'auth header', 'role', 'session', 'token', 'admin'],
  },
  'real-time': {
    label: 'real-time updates',
    strong: [
      'real time', 'websocket', 'web socket', 'socket.io', 'sse', 'server sent event', 'live update', 'live feed',
      'without refresh*', 'push update', 'long polling', 'typing indicator', 'collaborative editing',
    ],
    weak: ['presence', 'streaming', 'instantly', 'chat', 'live'],
  },
  files: {
    label: 'file uploads and storage',
    strong: [
      'upload*', 'attachment', 's3', 'object storage', 'blob storage', 'presigned url', 'pre signed url', 'signed url',
      'thumbnail', 'multipart', 'virus scan*', 'malware scan*',
    ],
    weak: ['file', 'bucket', 'image', 'video', 'avatar', 'download*', 'pdf'],
  },
  reporting: {
    label: 'reporting and exports',
    strong: ['reporting', 'analytics', 'csv', 'xlsx', 'data warehouse', 'bigquery', 'snowflake', 'redshift', 'clickhouse'],
    weak: ['report', 'export', 'dashboard', 'aggregat*', 'chart', 'kpi', 'excel', 'warehouse'],
    ignore: ['bug report', 'error report*', 'crash report*', 'report a bug', 'export default', 'export const'],
  },
  search: {
    label: 'search',
    strong: [
      'search*', 'full text', 'elasticsearch', 'opensearch', 'algolia', 'meilisearch', 'typesense', 'solr',
      'autocomplete', 'typeahead', 'autosuggest', 'facet*',
    ],
    weak: ['fuzzy', 'relevance', 'ranking'],
  },
  notifications: {
    label: 'email, SMS and push notifications',
    strong: [
      'notif*', 'sms', 'apns', 'fcm', 'firebase cloud messaging', 'twilio', 'sendgrid', 'mailgun', 'postmark',
      'amazon ses', 'unsubscrib*',
    ],
    weak: ['e mail', 'digest', 'reminder', 'inbox', 'newsletter'],
    ignore: ['email address', 'e mail address'],
  },
  integrations: {
    label: 'third-party integrations and webhooks',
    strong: [
      'webhook', 'third party', 'integration', 'external api', 'partner api', 'callback url', 'salesforce', 'hubspot',
      'slack', 'zapier', 'shopify', 'quickbooks', 'xero',
    ],
    weak: ['vendor', 'provider', 'sync'],
    ignore: ['integration test*', 'continuous integration'],
  },
  'async-jobs': {
    label: 'background jobs',
    strong: [
      'background job', 'background task', 'background work*', 'queue*', 'cron*', 'bullmq', 'sidekiq', 'celery',
      'resque', 'sqs', 'kafka', 'rabbitmq', 'pub sub', 'message broker', 'event bus', 'event driven', 'outbox',
    ],
    weak: ['job', 'worker', 'schedul*', 'async*', 'batch*', 'nightly'],
  },
  caching: {
    label: 'caching',
    strong: ['cach*', 'memcache*', 'cdn', 'stale while revalidate', 'varnish'],
    weak: ['redis', 'ttl', 'etag'],
  },
  'rate-limiting': {
    label: 'rate limiting',
    strong: ['rate limit*', 'throttl*', 'quota', 'too many requests', '429', 'ddos', 'brute force', 'fair use'],
    weak: ['abuse', 'burst', 'spam'],
  },
  persistence: {
    label: 'persistence',
    strong: [
      'database', 'db', 'postgres*', 'mysql', 'mariadb', 'sqlite', 'mongo*', 'dynamodb', 'cassandra', 'sql',
      'migration', 'foreign key', 'orm', 'prisma', 'drizzle', 'typeorm', 'sequelize', 'knex', 'sqlalchemy',
      'activerecord', 'persist*',
    ],
    weak: ['schema', 'table', 'column', 'index', 'store', 'record', 'transaction', 'migrate*'],
  },
  api: {
    label: 'HTTP API',
    strong: ['api', 'endpoint', 'restful', 'graphql', 'grpc', 'openapi', 'swagger', 'paginat*'],
    weak: ['http', 'route', 'request', 'response', 'json', 'status code', 'sdk'],
  },
};
