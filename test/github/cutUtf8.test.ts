import { describe, expect, it } from 'vitest';
import { CHECK_OUTPUT_MAX_BYTES, cutUtf8, utf8Length } from '../../src/github/cutUtf8.js';

describe('cutUtf8: GitHub counts check-run text in bytes', () => {
  it('measures like the platform encoder, lone surrogates included', () => {
    for (const text of ['abc', 'é', '検', '😀', 'a😀b', '\uD800x', 'x\uDC00']) expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });

  it('keeps text that fits, byte for byte', () => {
    const text = '検'.repeat(21_845);
    expect(cutUtf8(text, CHECK_OUTPUT_MAX_BYTES)).toBe(text);
  });

  it('cuts long multi-byte text within the byte limit, never inside a character or a surrogate pair, and says so', () => {
    for (const unit of ['検', '😀', 'é', 'a😀']) {
      const cut = cutUtf8(unit.repeat(40_000), CHECK_OUTPUT_MAX_BYTES);
      expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(CHECK_OUTPUT_MAX_BYTES);
      expect(Buffer.byteLength(cut, 'utf8')).toBeGreaterThan(CHECK_OUTPUT_MAX_BYTES - 60);
      expect(Buffer.from(cut, 'utf8').toString('utf8')).toBe(cut);
      expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      expect(cut).toMatch(/cut to fit GitHub's size limit\)$/);
    }
  });
});
