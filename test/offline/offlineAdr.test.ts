import { describe, expect, it } from 'vitest';
import type { Agent } from '../../src/domain/Agent.js';
import { offlineAdr } from '../../src/model/offline/offlineAdr.js';
import { AdrSchema } from '../../src/domain/adrSchema.js';
import type { AdrRequest, Subject } from '../../src/domain/Model.js';
import type { ProposedDecision } from '../../src/domain/planSchema.js';

const agent: Agent = { name: 'backend-architect', description: 'test', prompt: 'test', source: 'test' };
const subject: Subject = {
  kind: 'issue',
  number: 12,
  url: 'https://github.com/acme/shop/issues/12',
  title: 'Let customers pay invoices by card',
  body: '<!-- issue template: describe the feature -->\nCustomers should pay open invoices by card through Stripe.\n\nSecond paragraph is not quoted.',
  comments: [],
};
const request = (title: string, proposed?: ProposedDecision): AdrRequest => ({ agent, subject, title, decisions: [], ...(proposed ? { proposed } : {}) });

describe('offlineAdr', () => {
  it('fills an ADR from a proposed decision', () => {
    const proposed: ProposedDecision = {
      title: 'Use a ledger table for balances',
      decision: 'Balances are derived from an append-only ledger table.',
      rationale: 'Every change to a balance stays auditable.',
      alternatives: ['Mutable balance column', 'Event store'],
    };
    const adr = offlineAdr(request('Use a ledger table for balances', proposed));
    expect(AdrSchema.parse(adr)).toEqual(adr);
    expect(adr.context).toContain('issue #12 (“Let customers pay invoices by card”)');
    expect(adr.context).toContain('> Customers should pay open invoices by card through Stripe.');
    expect(adr.context).not.toContain('issue template');
    expect(adr.context).not.toContain('Second paragraph');
    expect(adr.options.map((o) => o.name)).toEqual(['Use a ledger table for balances', 'Mutable balance column', 'Event store']);
    expect(adr.outcome).toEqual({
      chosen: 'Use a ledger table for balances',
      justification: 'Balances are derived from an append-only ledger table. Every change to a balance stays auditable.',
    });
    expect(adr.drivers).toEqual([expect.stringContaining('Money must never move twice')]);
    expect(adr.consequences.good[0]).toMatch(/^_To be completed by the deciders/);
    expect(adr.moreInformation).toContain('offline engine');
  });

  it('uses the engine\'s own knowledge for a decision it proposed', () => {
    const proposed: ProposedDecision = {
      title: 'Upload files directly to object storage with presigned URLs',
      decision: 'Clients upload through presigned URLs.',
      rationale: 'File bytes never touch the API servers.',
      alternatives: ['Upload through the API'],
    };
    const adr = offlineAdr(request(proposed.title, proposed));
    expect(adr.consequences.bad).toContain('A two-step upload flow for clients');
    expect(adr.confirmation).toMatch(/presigned URLs expire/);
    expect(adr.confirmation).not.toMatch(/To be completed/);
  });

  it('recognises one of its own decision titles typed as a bare /agency:adr title', () => {
    const adr = offlineAdr(request('  use redis cache-aside with explicit TTLs and invalidation on write. '));
    expect(adr.title).toBe('use redis cache-aside with explicit TTLs and invalidation on write.');
    expect(adr.outcome.chosen).toBe('Use Redis cache-aside with explicit TTLs and invalidation on write');
    expect(adr.consequences.good).toContain('Lower read latency and database load');
  });

  it('lays out marked blanks for an unknown title', () => {
    const adr = offlineAdr(request('Adopt a monorepo'));
    expect(AdrSchema.parse(adr)).toEqual(adr);
    expect(adr.title).toBe('Adopt a monorepo');
    expect(adr.context).toContain('Requested on issue #12');
    expect(adr.context).toContain('_To be completed by the deciders: the problem');
    expect(adr.outcome.chosen).toMatch(/^_To be completed by the deciders/);
    expect(adr.options[0]?.name).toBe('Adopt a monorepo');
    expect(adr.drivers).toEqual([expect.stringMatching(/^_To be completed by the deciders/)]);
    expect(adr.confirmation).toMatch(/^_To be completed by the deciders/);
  });

  it('takes drivers from the title when it names a concern', () => {
    const adr = offlineAdr(request('Use Kafka for order events'));
    expect(adr.drivers).toEqual([expect.stringContaining('Background work')]);
  });

  it('keeps the title on one line and bounded', () => {
    const adr = offlineAdr(request(`Use\nPostgres ${'x'.repeat(400)}`));
    expect(adr.title).not.toContain('\n');
    expect(adr.title.length).toBeLessThanOrEqual(200);
  });

  it('is deterministic', () => {
    expect(offlineAdr(request('Adopt a monorepo'))).toEqual(offlineAdr(request('Adopt a monorepo')));
  });
});
