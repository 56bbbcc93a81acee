import { describe, expect, it } from 'vitest';
import { adrFileName, nextAdrNumber, parseAdrNumber } from '../../src/adr/adrFileName.js';

describe('adrFileName', () => {
  it('pads the number to 4 digits and slugs the title', () => {
    expect(adrFileName(7, 'Use Postgres')).toBe('0007-use-postgres.md');
    expect(adrFileName(123, '../../etc')).toBe('0123-etc.md');
    expect(adrFileName(12345, 'Big')).toBe('12345-big.md');
  });

  it('rejects numbers that cannot name a file', () => {
    expect(() => adrFileName(-1, 'x')).toThrow(RangeError);
    expect(() => adrFileName(1.5, 'x')).toThrow(RangeError);
    expect(() => adrFileName(Number.NaN, 'x')).toThrow(RangeError);
  });
});

describe('parseAdrNumber', () => {
  it.each([
    ['0007-use-postgres.md', 7],
    ['docs/adr/0012-x.md', 12],
    ['0001-record-architecture-decisions.md', 1],
    ['adr-0003-title.md', 3],
    ['ADR_0004_title.markdown', 4],
    ['0005.md', 5],
  ])('reads %s as %i', (name, number) => {
    expect(parseAdrNumber(name)).toBe(number);
  });

  it.each(['README.md', 'template.md', '0007-use-postgres.txt', 'notes-0007.md', '', '0007x.md'])('finds no number in %j', (name) => {
    expect(parseAdrNumber(name)).toBeUndefined();
  });
});

describe('nextAdrNumber', () => {
  it('is one more than the highest, ignoring other files and gaps', () => {
    expect(nextAdrNumber(['0001-a.md', '0009-b.md', '0003-c.md', 'README.md', 'index.md'])).toBe(10);
  });

  it('starts at 1 in an empty folder', () => {
    expect(nextAdrNumber([])).toBe(1);
    expect(nextAdrNumber(['README.md'])).toBe(1);
  });
});
