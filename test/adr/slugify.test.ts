import { describe, expect, it } from 'vitest';
import { slugify } from '../../src/adr/slugify.js';

const SAFE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

describe('slugify', () => {
  it('makes kebab-case ASCII', () => {
    expect(slugify('Use PostgreSQL for Orders')).toBe('use-postgresql-for-orders');
    expect(slugify('  Cache   aside -- with  TTLs!  ')).toBe('cache-aside-with-ttls');
    expect(slugify("Don't use offset pagination")).toBe('dont-use-offset-pagination');
  });

  it('neutralises path traversal', () => {
    for (const title of ['../../.github/workflows/x', '..\\..\\windows\\system32', '/etc/passwd', '.hidden', '-rf', '..']) {
      const slug = slugify(title);
      expect(slug).toMatch(SAFE);
      expect(slug).not.toContain('..');
      expect(slug).not.toContain('/');
      expect(slug).not.toContain('\\');
    }
    expect(slugify('../../.github/workflows/x')).toBe('github-workflows-x');
  });

  it('folds accents and other scripts to ASCII', () => {
    expect(slugify('Café naïve façade')).toBe('cafe-naive-facade');
    expect(slugify('Straße und Øl, Łódź')).toBe('strasse-und-ol-lodz');
    expect(slugify('ＡＢＣ ﬁle')).toBe('abc-file');
  });

  it('drops control characters', () => {
    expect(slugify('a\u0000b\u001fc\u007f\nd\te')).toBe('a-b-c-d-e');
  });

  it('falls back to "decision" when nothing usable is left', () => {
    expect(slugify('🚀🔥✨')).toBe('decision');
    expect(slugify('')).toBe('decision');
    expect(slugify('日本語のタイトル')).toBe('decision');
    expect(slugify('---...///')).toBe('decision');
  });

  it('cuts long titles at a word boundary within the limit', () => {
    const title = 'Use an append only ledger table for every balance change in the billing service '.repeat(7);
    expect(title.length).toBeGreaterThan(500);
    const slug = slugify(title);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toMatch(SAFE);
    expect(slug).toBe('use-an-append-only-ledger-table-for-every-balance-change-in');
    expect(slugify('alpha beta gamma', 10)).toBe('alpha-beta');
    expect(slugify('alpha beta gamma', 11)).toBe('alpha-beta');
  });

  it('hard-cuts a single word longer than the limit', () => {
    expect(slugify('x'.repeat(500))).toBe('x'.repeat(60));
    expect(slugify('abcdefghij', 4)).toBe('abcd');
  });
});
