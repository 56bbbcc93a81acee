import { describe, expect, it } from 'vitest';
import { toDecisionRef } from '../../src/adr/toDecisionRef.js';

describe('toDecisionRef', () => {
  it('names a numbered ADR ADR-NNNN', () => {
    expect(toDecisionRef({ path: 'd/0007-x.md', number: 7, title: 'Use X', status: 'accepted', decision: 'X it is.' })).toEqual({
      id: 'ADR-0007',
      title: 'Use X',
      status: 'accepted',
      decision: 'X it is.',
      path: 'd/0007-x.md',
    });
  });

  it('falls back to the file name for what is missing', () => {
    expect(toDecisionRef({ path: 'docs/adr/odd.md' })).toEqual({ id: 'odd.md', title: 'odd.md', status: 'unknown', decision: '', path: 'docs/adr/odd.md' });
  });
});
