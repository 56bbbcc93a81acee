import { describe, expect, it } from 'vitest';
import { repairMojibake } from '../../src/agents/repairMojibake.js';

/** Mojibake as a Latin-1 decoder makes it: each UTF-8 byte becomes the code point of the same number. */
function latin1Mojibake(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

describe('repairMojibake', () => {
  it('restores emoji and symbols that were decoded as Windows-1252', () => {
    expect(repairMojibake('## ðŸ§\u00a0 Your Identity')).toBe('## 🧠 Your Identity');
    expect(repairMojibake('## ðŸŽ¯ Mission')).toBe('## 🎯 Mission');
    expect(repairMojibake('coverage â‰¥ 80%, a â†’ b')).toBe('coverage ≥ 80%, a → b');
  });

  it('restores curly quotes and dashes spelled with Windows-1252 punctuation', () => {
    // “ is E2 80 9C, ” is E2 80 9D (0x9D is undefined: U+009D), — is E2 80 94.
    expect(repairMojibake('a â€œquotedâ€\u009d word â€” done')).toBe('a “quoted” word — done');
  });

  it('round-trips text decoded as Latin-1, where 0x80-0x9F became C1 controls', () => {
    const original = 'Café ☕ — naïve “quotes” 🚀 and ✓ done';
    expect(latin1Mojibake(original)).not.toBe(original);
    expect(repairMojibake(latin1Mojibake(original))).toBe(original);
  });

  it('maps the C1 controls that stand for bytes Windows-1252 leaves undefined', () => {
    // 🏗 is F0 9F 8F 97; 0x8F has no Windows-1252 character and shows as U+008F.
    expect(repairMojibake('ðŸ\u008f\u2014 Build')).toBe('🏗 Build');
  });

  it('leaves a run alone when a byte was lost upstream', () => {
    // 💝 is F0 9F 92 9D; the 0x9D byte was dropped, so the rest is not valid UTF-8.
    expect(repairMojibake('## ðŸ’ Your Communication Style')).toBe('## ðŸ’ Your Communication Style');
    expect(repairMojibake('x â† y')).toBe('x â† y');
  });

  it('leaves ordinary accented text and correct emoji untouched', () => {
    for (const text of ['café crème', 'Ångström über naïve', 'Größe 10 µm ±1', '🚀 ≥ 80% → done', 'plain ascii']) {
      expect(repairMojibake(text)).toBe(text);
    }
  });

  it('does not touch Mac Roman mojibake, which it cannot read', () => {
    const macRoman = '# \uf8ffüèóÔ∏è Backend Architect Agent';
    expect(repairMojibake(macRoman)).toBe(macRoman);
  });

  it('refuses a repair that would produce control characters', () => {
    // "Â\u0085" decodes to U+0085 (NEL), a C1 control: keep the input.
    expect(repairMojibake('a Â… b')).toBe('a Â… b');
  });
});
