import { describe, expect, it } from 'vitest';
import { roundRobin } from '../../src/model/offline/roundRobin.js';

const id = (s: string) => s;

describe('roundRobin', () => {
  it('takes one item from each list in turn', () => {
    expect(roundRobin([['a1', 'a2', 'a3'], ['b1'], ['c1', 'c2']], 10, id)).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
  });

  it('stops at the cap so every list is represented first', () => {
    expect(roundRobin([['a1', 'a2', 'a3'], ['b1', 'b2'], ['c1']], 3, id)).toEqual(['a1', 'b1', 'c1']);
  });

  it('skips duplicates by key', () => {
    expect(roundRobin([['x', 'y'], ['x', 'z']], 10, id)).toEqual(['x', 'y', 'z']);
  });

  it('handles no lists and a zero cap', () => {
    expect(roundRobin([], 3, id)).toEqual([]);
    expect(roundRobin([['a']], 0, id)).toEqual([]);
  });
});
