import { describe, expect, it } from 'vitest';
import { CONCERNS } from '../../src/model/offline/concernRules.js';
import { detectConcerns, MAX_SCAN_CHARS } from '../../src/model/offline/detectConcerns.js';

const concerns = (text: string) => detectConcerns(text).map((d) => d.concern);

describe('detectConcerns', () => {
  it.each([
    ['Accept card payments with Stripe and handle refunds', 'payments'],
    ['Each tenant must only see its own rows (RLS)', 'multi-tenancy'],
    ['Users must be able to request erasure of personal data under GDPR', 'pii'],
    ['Add SSO login with OIDC for enterprise customers', 'auth'],
    ['Show live updates over WebSockets', 'real-time'],
    ['Let users upload attachments to S3', 'files'],
    ['Monthly analytics with a CSV export', 'reporting'],
    ['Full-text search with autocomplete on products', 'search'],
    ['Send an SMS and a push notification when an order ships', 'notifications'],
    ['Receive webhooks from Salesforce', 'integrations'],
    ['Move PDF generation to a background job on a queue', 'async-jobs'],
    ['Cache the product list in Redis', 'caching'],
    ['Rate limit the public API to stop brute force attempts', 'rate-limiting'],
    ['Add a migration for the orders table in Postgres', 'persistence'],
    ['New REST endpoint with cursor pagination', 'api'],
  ] as const)('recognises %s as %s', (text, concern) => {
    expect(concerns(text)).toContain(concern);
  });

  it('does not confuse look-alike words', () => {
    expect(concerns('Add a cashier role to the point of sale')).not.toContain('caching');
    expect(concerns('The rest of the page is fine; research shows users like it')).toEqual([]);
    expect(concerns('Integration tests are flaky on CI; continuous integration is slow')).not.toContain('integrations');
    expect(concerns('Please fix this bug report about the login button colour')).not.toContain('reporting');
  });

  it('does not treat a mention of the Authorization header as auth work', () => {
    const found = detectConcerns('Document the Authorization header in the API docs');
    expect(found.map((d) => d.concern)).toEqual(['api']);
  });

  it('still detects auth when authorization is the subject', () => {
    expect(concerns('Authorization rules: only admins may delete projects')).toContain('auth');
  });

  it('needs two distinct weak terms for a concern', () => {
    expect(concerns('the admin page')).not.toContain('auth');
    expect(concerns('admin role and session timeout')).toContain('auth');
  });

  it('reports the matched words in order of appearance, lower-cased and once each', () => {
    const [payments] = detectConcerns('Refunds for PAYMENTS; more payments and a Refund');
    expect(payments).toEqual({ concern: 'payments', matched: ['refunds', 'payments', 'refund'] });
  });

  it('lets a phrase claim its words before a shorter term', () => {
    const auth = detectConcerns('Send the Authorization header and authenticate with OAuth').find((d) => d.concern === 'auth');
    expect(auth?.matched).toEqual(['authorization header', 'authenticate', 'oauth']);
  });

  it('returns concerns in the fixed CONCERNS order, whatever the text order', () => {
    const found = concerns('Cache search results; then add Stripe payments for tenants');
    const order = found.map((c) => CONCERNS.indexOf(c));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(found).toEqual(['payments', 'multi-tenancy', 'search', 'caching']);
  });

  it('reads only the first 100 KB', () => {
    const padding = 'lorem ipsum '.repeat(Math.ceil(MAX_SCAN_CHARS / 12));
    expect(concerns(`${padding} websockets`)).not.toContain('real-time');
    expect(concerns(`websockets ${padding}`)).toContain('real-time');
  });

  it('finds nothing in empty or unrelated text', () => {
    expect(detectConcerns('')).toEqual([]);
    expect(detectConcerns('Fix the typo in the footer of the marketing page')).toEqual([]);
  });

  it('is deterministic', () => {
    const text = 'Multi-tenant reporting with CSV exports, cached in Redis, with webhooks to Slack';
    expect(detectConcerns(text)).toEqual(detectConcerns(text));
  });
});
