import { describe, expect, it } from 'vitest';
import { findDecisionConflicts } from '../../src/model/offline/findDecisionConflicts.js';
import type { DecisionRef } from '../../src/domain/Model.js';

const ref = (id: string, title: string, decision: string, status = 'accepted'): DecisionRef => ({ id, title, decision, status });

describe('findDecisionConflicts', () => {
  it('flags an accepted decision that rules out what a present section recommends', () => {
    const conflicts = findDecisionConflicts([ref('ADR-0002', 'Avoid Redis', 'We will not use Redis.')], ['data-model', 'caching']);
    expect(conflicts).toEqual([{ adr: 'ADR-0002 Avoid Redis', explanation: expect.stringContaining('Redis cache') }]);
  });

  it('ignores rules for sections the plan does not have', () => {
    expect(findDecisionConflicts([ref('ADR-0002', 'Avoid Redis', 'We will not use Redis.')], ['data-model', 'api'])).toEqual([]);
  });

  it('ignores decisions that are not accepted', () => {
    const refs = [ref('ADR-0005', 'Use MongoDB for orders', '', 'proposed'), ref('ADR-0006', 'Use MongoDB', '', 'superseded')];
    expect(findDecisionConflicts(refs, ['data-model'])).toEqual([]);
  });

  it('spots another primary store, physical tenant isolation and offset pagination', () => {
    const refs = [
      ref('ADR-0001', 'Use MongoDB as the primary database', 'All services store documents in MongoDB.'),
      ref('ADR-0002', 'Database per tenant', 'Each customer gets a dedicated database.'),
      ref('ADR-0003', 'Pagination', 'All list endpoints use offset pagination.'),
    ];
    const conflicts = findDecisionConflicts(refs, ['data-model', 'api']);
    expect(conflicts.map((c) => c.adr)).toEqual([
      'ADR-0001 Use MongoDB as the primary database',
      'ADR-0002 Database per tenant',
      'ADR-0003 Pagination',
    ]);
  });

  it('does not flag decisions that agree with the plan', () => {
    const refs = [
      ref('ADR-0001', 'Use PostgreSQL', 'PostgreSQL is the primary store.'),
      ref('ADR-0002', 'Use Redis for caching, not Memcached', 'Redis, not Memcached, for caching.'),
      ref('ADR-0003', 'Cursor pagination', 'List endpoints use cursor pagination.'),
    ];
    expect(findDecisionConflicts(refs, ['data-model', 'api', 'caching'])).toEqual([]);
  });
});
