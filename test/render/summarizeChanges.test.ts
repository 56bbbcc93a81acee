import { describe, expect, it } from 'vitest';
import { pointHashes, summarizeChanges } from '../../src/render/summarizeChanges.js';

describe('summarizeChanges from the previous run’s point hashes', () => {
  const before = '## Plan\n\n- [ ] Add `orders` table\n- Cursor pagination, 50 per page\n';
  it('says nothing changed when only a box was ticked', () => {
    expect(summarizeChanges(pointHashes(before), before.replace('- [ ]', '- [x]'))).toEqual(['No changes since the last run.']);
  });

  it('counts added and dropped points and names the new ones', () => {
    const after = '## Plan\n\n- [ ] Add `orders` table\n- Keyset pagination, 100 per page\n- Rate limit 10 req/s\n';
    expect(summarizeChanges(pointHashes(before), after)).toEqual([
      '2 point(s) added and 1 dropped since the last run.',
      'New: Keyset pagination, 100 per page',
      'New: Rate limit 10 req/s',
    ]);
  });

  it('hashes are short, stable and distinct for distinct points', () => {
    const hashes = pointHashes(before);
    expect(hashes).toHaveLength(2);
    expect(hashes.every((h) => /^[0-9a-f]{8}$/.test(h))).toBe(true);
    expect(pointHashes(before)).toEqual(hashes);
    expect(new Set(hashes).size).toBe(2);
  });
});
