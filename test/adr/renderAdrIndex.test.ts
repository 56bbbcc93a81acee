import { describe, expect, it } from 'vitest';
import type { ParsedAdr } from '../../src/adr/parseAdrFile.js';
import { renderAdrIndex } from '../../src/adr/renderAdrIndex.js';

describe('renderAdrIndex', () => {
  const adrs: ParsedAdr[] = [
    { path: '.agency/decisions/0010-use-redis.md', number: 10, title: 'Use Redis', status: 'accepted', date: '2025-02-01' },
    { path: '.agency/decisions/0002-use-kafka.md', number: 2, title: 'Use Kafka', status: 'superseded', date: '2024-01-01', supersededBy: [10] },
    { path: '.agency/decisions/README.md', title: 'Architecture Decision Records' },
    { path: '.agency/decisions/odd name (draft).md', title: 'Pipes | and [brackets] <b>' },
    { path: '.agency/decisions/0003-later.md', number: 3, title: 'Later', status: 'proposed', date: '2024-03-01', supersededBy: [99] },
  ];
  const index = renderAdrIndex(adrs);
  const rows = index.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| No.') && !l.startsWith('| ---'));

  it('lists one row per ADR sorted by number, unnumbered last, without the README', () => {
    expect(index.startsWith('# Architecture Decision Records\n')).toBe(true);
    expect(rows).toEqual([
      '| 0002 | [Use Kafka](0002-use-kafka.md) | superseded by [0010](0010-use-redis.md) | 2024-01-01 |',
      '| 0003 | [Later](0003-later.md) | proposed by 0099 | 2024-03-01 |',
      '| 0010 | [Use Redis](0010-use-redis.md) | accepted | 2025-02-01 |',
      '| — | [Pipes \\| and \\[brackets\\] &lt;b&gt;](odd%20name%20%28draft%29.md) | unknown | — |',
    ]);
  });

  it('says so when there are no decisions', () => {
    const empty = renderAdrIndex([]);
    expect(empty).toContain('_No decisions recorded yet._');
    expect(empty).not.toContain('| No. |');
  });

  it('does not depend on input order', () => {
    expect(renderAdrIndex([...adrs].reverse())).toBe(index);
  });
});
