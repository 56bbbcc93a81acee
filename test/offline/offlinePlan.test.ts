import { describe, expect, it } from 'vitest';
import { offlinePlan } from '../../src/model/offline/offlinePlan.js';
import { PLAN_SECTION_KINDS, PlanSchema, type Plan } from '../../src/domain/planSchema.js';
import { planRequest } from './planRequest.js';

const PAYMENTS = {
  title: 'Let customers pay invoices by card',
  body: `Customers should be able to pay open invoices by card through Stripe.

- POST endpoint to start a payment for an invoice, and one to refund it (full or partial)
- Stripe sends webhooks when the payment succeeds or fails; update the invoice status
- Store every payment in Postgres so finance can audit it`,
};

const REPORTING = {
  title: 'Tenant reporting dashboard with CSV exports',
  body: `Every organization on our multi-tenant platform wants a reporting dashboard: monthly revenue
aggregates per team and a chart of active users. Tenant admins also need a CSV export of all orders for a
date range; the largest tenants have around 500k orders a month. Data lives in Postgres.`,
};

const REALTIME = {
  title: 'Real-time notifications for mentions',
  body: `When someone mentions a user in a comment, the user should see it appear in the app live, without
refreshing the page. When the user is offline, send a push notification to their phone and an email
digest once an hour. Users can mute notifications per project.`,
};

const all = (plan: Plan): string => JSON.stringify(plan).toLowerCase();
const kinds = (plan: Plan) => plan.sections.map((s) => s.kind);
const section = (plan: Plan, kind: Plan['sections'][number]['kind']) => plan.sections.find((s) => s.kind === kind);
const text = (items: string[]): string => items.join('\n').toLowerCase();

describe('offlinePlan: payments API issue', () => {
  const plan = offlinePlan(planRequest(PAYMENTS.title, PAYMENTS.body));

  it('is a valid plan', () => {
    expect(PlanSchema.parse(plan)).toEqual(plan);
  });

  it('says it is the offline engine and names what it recognised and read', () => {
    expect(plan.summary).toMatch(/^Offline engine reading/);
    expect(plan.summary).toContain('Only the issue title and body were read');
    expect(plan.summary).toMatch(/payments \(/);
    expect(plan.summary).toContain('third-party integrations and webhooks');
  });

  it('covers the sections payments need and leaves out caching and scaling', () => {
    expect(kinds(plan)).toEqual(['data-model', 'api', 'auth', 'data-flow', 'jobs', 'error-handling', 'monitoring']);
  });

  it('gives concrete money-handling design points', () => {
    expect(text(section(plan, 'data-model')!.items)).toContain('minor units');
    expect(text(section(plan, 'api')!.items)).toMatch(/idempotency-key.*24 h/);
    expect(text(section(plan, 'data-flow')!.items)).toContain('signature');
    expect(text(section(plan, 'jobs')!.items)).toContain('reconciliation');
  });

  it('asks payment questions: PCI scope, disputes, partial refunds', () => {
    const questions = text([...plan.openQuestions, ...plan.sections.flatMap((s) => s.questions)]);
    expect(questions).toContain('pci');
    expect(questions).toContain('chargebacks');
    expect(questions).toContain('partial refunds');
  });

  it('tailors the checklists', () => {
    expect(text(plan.checklists.security)).toMatch(/webhooks: signature verified/);
    expect(text(plan.checklists.implementation)).toContain('idempotency-key');
    expect(text(plan.checklists.reliability)).toContain('same idempotency key');
  });

  it('proposes payment decisions first', () => {
    const titles = plan.proposedDecisions.map((d) => d.title);
    expect(titles[0]).toBe('Require idempotency keys on all money-moving endpoints');
    expect(titles).toContain('Process inbound webhooks asynchronously after signature verification');
    expect(titles.length).toBeGreaterThanOrEqual(1);
    expect(titles.length).toBeLessThanOrEqual(4);
  });

  it('weighs the payment-state trade-off and rates the double-charge risk high impact', () => {
    expect(plan.tradeOffs.map((t) => t.topic)).toContain('Source of truth for payment state');
    expect(plan.risks.find((r) => r.risk.includes('charged twice'))?.impact).toBe('high');
  });

  it('mentions nothing about unrelated concerns', () => {
    const everything = all(plan);
    for (const word of ['websocket', 'server-sent', 'presigned', 'malware', 'row-level security', 'csv', 'tsvector', 'dkim']) {
      expect(everything).not.toContain(word);
    }
  });
});

describe('offlinePlan: multi-tenant reporting with CSV exports', () => {
  const plan = offlinePlan(planRequest(REPORTING.title, REPORTING.body));

  it('is a valid plan', () => {
    expect(PlanSchema.parse(plan)).toEqual(plan);
  });

  it('includes scaling and async exports, but no caching section', () => {
    expect(kinds(plan)).toContain('scaling');
    expect(kinds(plan)).toContain('jobs');
    expect(kinds(plan)).not.toContain('caching');
  });

  it('isolates tenants in the data model', () => {
    const items = text(section(plan, 'data-model')!.items);
    expect(items).toContain('tenant_id not null');
    expect(items).toContain('row-level security');
    expect(items).toContain('rollup');
  });

  it('makes exports asynchronous, streamed and bounded', () => {
    expect(text(section(plan, 'api')!.items)).toMatch(/post \/v1\/exports.*202/);
    expect(text(section(plan, 'jobs')!.items)).toContain('server-side cursor');
  });

  it('asks about freshness, time zones and physical isolation', () => {
    const questions = text([...plan.openQuestions, ...plan.sections.flatMap((s) => s.questions)]);
    expect(questions).toContain('how fresh');
    expect(questions).toContain('time zone');
    expect(questions).toContain('physical isolation');
  });

  it('puts CSV formula injection and cross-tenant tests on the security checklist', () => {
    const security = text(plan.checklists.security);
    expect(security).toContain('formula injection');
    expect(security).toContain('tenant a cannot read');
  });

  it('proposes the tenant isolation and reporting decisions', () => {
    const titles = plan.proposedDecisions.map((d) => d.title);
    expect(titles).toContain('Isolate tenants with a tenant_id column and row-level security');
    expect(titles).toContain('Serve reports from rollup tables on a read replica');
  });

  it('leaves out payments and real-time advice', () => {
    const everything = all(plan);
    for (const word of ['pci', 'reconciliation', 'chargeback', 'websocket', 'server-sent', 'dkim']) {
      expect(everything).not.toContain(word);
    }
  });
});

describe('offlinePlan: real-time notifications', () => {
  const plan = offlinePlan(planRequest(REALTIME.title, REALTIME.body));

  it('is a valid plan', () => {
    expect(PlanSchema.parse(plan)).toEqual(plan);
  });

  it('weighs WebSockets against Server-Sent Events and polling', () => {
    const transport = plan.tradeOffs.find((t) => t.topic === 'Transport for live updates');
    expect(transport?.options.map((o) => o.name)).toEqual(['Server-Sent Events', 'WebSockets', 'Polling every few seconds']);
    expect(transport?.choice).toBe('Server-Sent Events');
  });

  it('plans fan-out, resume and connection budgets', () => {
    expect(text(section(plan, 'data-flow')!.items)).toContain('last-event-id');
    expect(text(section(plan, 'scaling')!.items)).toMatch(/10,000 concurrent connections/);
    expect(text(section(plan, 'scaling')!.questions)).toContain('subscribers');
  });

  it('asks which channels and whether clients also send', () => {
    const questions = text(plan.sections.flatMap((s) => s.questions));
    expect(questions).toContain('which channels');
    expect(questions).toContain('also send');
  });

  it('covers deliverability, deduplication and reconnect storms', () => {
    expect(text(plan.checklists.security)).toContain('dkim');
    expect(text(plan.checklists.implementation)).toContain('deduplication key');
    expect(plan.risks.map((r) => r.risk).join(' ')).toMatch(/reconnect storm/);
  });

  it('leaves out tenancy, payments, files and exports', () => {
    const everything = all(plan);
    for (const word of ['tenant_id', 'row-level security', 'pci', 'presigned', 'csv', 'reconciliation']) {
      expect(everything).not.toContain(word);
    }
  });
});

describe('offlinePlan: general behaviour', () => {
  it('gives the always-on sections and says so when nothing specific is recognised', () => {
    const plan = offlinePlan(planRequest('Tidy up', 'Please make the thing nicer.'));
    expect(PlanSchema.parse(plan)).toEqual(plan);
    expect(kinds(plan)).toEqual(['data-model', 'api', 'error-handling', 'monitoring']);
    expect(plan.summary).toContain('No specific backend concern was recognised');
    expect(plan.proposedDecisions.map((d) => d.title)).toEqual(['Ship schema changes as expand/contract migrations']);
    expect(plan.tradeOffs.map((t) => t.topic)).toEqual(['Pagination of list endpoints']);
  });

  it('puts numbers into the default advice', () => {
    const plan = offlinePlan(planRequest('Orders API', 'Add an endpoint listing orders from the database.'));
    const api = text(section(plan, 'api')!.items);
    expect(api).toContain('default page size 50, maximum 200');
    expect(text(section(plan, 'error-handling')!.items)).toMatch(/at most 5 attempts/);
    expect(text(section(plan, 'monitoring')!.items)).toMatch(/p95 under 300 ms/);
    expect(text(section(plan, 'data-model')!.items)).toContain('index every foreign key');
  });

  it('keeps sections in the schema order', () => {
    const plan = offlinePlan(planRequest(PAYMENTS.title, `${PAYMENTS.body}\n${REALTIME.body}\n${REPORTING.body}`));
    const order = kinds(plan).map((k) => PLAN_SECTION_KINDS.indexOf(k));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('stays within its caps when many concerns apply', () => {
    const everything = `${PAYMENTS.body}\n${REALTIME.body}\n${REPORTING.body}\nUpload attachments to S3, full-text search,
      cache in Redis, rate limit the API, GDPR erasure, SSO login, Salesforce webhooks, background jobs on a queue.`;
    const plan = offlinePlan(planRequest('Everything', everything));
    expect(PlanSchema.parse(plan)).toEqual(plan);
    expect(plan.proposedDecisions.length).toBe(4);
    expect(plan.tradeOffs.length).toBeLessThanOrEqual(4);
    expect(plan.risks.length).toBeLessThanOrEqual(6);
    for (const list of Object.values(plan.checklists)) expect(list.length).toBeLessThanOrEqual(12);
    for (const s of plan.sections) expect(s.items.length).toBeLessThanOrEqual(12);
    // Fair cutting keeps the generic defaults in a crowded section.
    expect(text(section(plan, 'data-model')!.items)).toContain('keys and timestamps');
  });

  it('reads the extra command context like the issue text, and says so', () => {
    const plan = offlinePlan(planRequest('Comments', 'Add comments to tasks.', { context: 'must update live over websockets' }));
    expect(plan.summary).toContain('together with the text given after the command');
    expect(kinds(plan)).toContain('data-flow');
    expect(plan.tradeOffs.map((t) => t.topic)).toContain('Transport for live updates');
  });

  it('does not read comments, which may hold its own earlier plan', () => {
    const request = planRequest('Comments', 'Add comments to tasks.');
    request.subject.comments = [{ author: 'agency-architect[bot]', body: 'Stripe payments, websockets, tenants, CSV exports' }];
    expect(offlinePlan(request)).toEqual(offlinePlan(planRequest('Comments', 'Add comments to tasks.')));
  });

  it('names pull requests as the input for a pull request subject', () => {
    const plan = offlinePlan(planRequest('Add cache', 'Cache the catalogue.', { kind: 'pull_request' }));
    expect(plan.summary).toContain('Only the pull request title and description were read');
  });

  it('adds the focus lens for other commands', () => {
    const plan = offlinePlan(planRequest(PAYMENTS.title, PAYMENTS.body, { focus: 'security' }));
    expect(plan.summary).toContain('Security focus');
    expect(plan.checklists.security[0]).toMatch(/^Threat model/);
    const plain = offlinePlan(planRequest(PAYMENTS.title, PAYMENTS.body));
    expect(text(plain.checklists.security)).not.toContain('threat model');
  });

  it('notes recorded decisions and flags an accepted one it contradicts', () => {
    const decisions = [
      { id: 'ADR-0003', title: 'No Redis in production', decision: 'We do not use Redis; caching happens in the CDN only.', status: 'accepted' },
      { id: 'ADR-0004', title: 'Avoid caching', decision: 'Proposed only.', status: 'proposed' },
    ];
    const plan = offlinePlan(planRequest('Speed up catalogue', 'Cache the catalogue reads.', { decisions }));
    expect(plan.assumptions.join(' ')).toContain('2 recorded decisions were available');
    expect(plan.decisionConflicts).toHaveLength(1);
    expect(plan.decisionConflicts[0]?.adr).toBe('ADR-0003 No Redis in production');
  });

  it('is deterministic and pure', () => {
    const request = planRequest(REPORTING.title, REPORTING.body);
    const snapshot = JSON.stringify(request);
    const first = offlinePlan(request);
    first.sections[0]?.items.push('mutated by a caller');
    first.tradeOffs[0]?.options[0]?.pros.push('mutated by a caller');
    first.proposedDecisions[0]?.alternatives.push('mutated by a caller');
    const second = offlinePlan(request);
    expect(JSON.stringify(second)).not.toContain('mutated by a caller');
    expect(second).toEqual(offlinePlan(request));
    expect(JSON.stringify(request)).toBe(snapshot);
  });
});
