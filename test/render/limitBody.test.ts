import { describe, expect, it } from 'vitest';
import { cutAtLine, cutSection, defaultCutNotice, joinSections } from '../../src/render/limitBody.js';
import { encodeMarker } from '../../src/domain/marker.js';

const footer = `<details>\n<summary>run</summary>\n\nx\n\n</details>\n\n${encodeMarker({ family: 'plan' })}`;

/** True when a string contains a lone surrogate (half of a split pair). */
function hasLoneSurrogate(s: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

describe('joinSections', () => {
  it('joins non-empty sections with blank lines when they fit', () => {
    expect(joinSections(['# A', '', '  ', 'B', 'footer'])).toBe('# A\n\nB\n\nfooter');
  });

  it('drops whole sections from the end, keeps the footer last and says how many were omitted', () => {
    const sections = ['Intro', 'a'.repeat(400), 'b'.repeat(400), 'c'.repeat(400), footer];
    const body = joinSections(sections, 1000);
    expect(body.length).toBeLessThanOrEqual(1000);
    expect(body.startsWith('Intro\n\n' + 'a'.repeat(400))).toBe(true);
    expect(body).not.toContain('bbb');
    expect(body).toContain("> ✂️ This comment was cut to fit GitHub's 1,000-character limit; 2 sections omitted.");
    expect(body.endsWith(footer)).toBe(true);
  });

  it('uses the 65,536 limit by default and counts UTF-16 code units', () => {
    const emoji = '🏗️'.repeat(12_000); // 3 code units each (a surrogate pair and U+FE0F): 36,000
    expect(joinSections(['head', emoji, footer])).toHaveLength(4 + 36_000 + footer.length + 4);
    const body = joinSections(['head', emoji, emoji, emoji, footer]);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.length).toBeGreaterThan(65_000);
    expect(body).toContain("65,536-character limit; 1 section omitted; a long section was shortened.");
    expect(hasLoneSurrogate(body)).toBe(false);
    expect(body.endsWith(footer)).toBe(true);
  });

  it('shortens a single section that cannot fit, at a line boundary', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `- line ${i}`).join('\n');
    const body = joinSections([lines, footer], 1000);
    expect(body.length).toBeLessThanOrEqual(1000);
    expect(body).toMatch(/^- line 0\n/);
    expect(body).toContain('a long section was shortened');
    const kept = body.slice(0, body.indexOf('\n\n> ✂️'));
    for (const line of kept.split('\n')) expect(line).toMatch(/^- line \d+$/);
    expect(body.endsWith(footer)).toBe(true);
  });

  it('never splits a surrogate pair when a one-line section is cut', () => {
    for (let pad = 0; pad < 4; pad++) {
      const line = 'x'.repeat(pad) + '😀'.repeat(2000);
      const body = joinSections([line, footer], 1200 + pad);
      expect(body.length).toBeLessThanOrEqual(1200 + pad);
      expect(hasLoneSurrogate(body)).toBe(false);
      expect(body.endsWith(footer)).toBe(true);
    }
  });

  it('closes a code fence and a <details> left open by the cut', () => {
    const section = ['<details>', '<summary>Options</summary>', '', '```sql', ...Array.from({ length: 300 }, (_, i) => `SELECT ${i};`), '```', '', '</details>'].join('\n');
    const body = joinSections([section, footer], 2000);
    const kept = body.slice(0, body.indexOf('> ✂️'));
    expect(kept.trimEnd().endsWith('```\n\n</details>')).toBe(true);
    expect(body.length).toBeLessThanOrEqual(2000);
  });

  it('renders a lazy section only when the join reaches it, and gives the same body as eager sections', () => {
    const texts = Array.from({ length: 500 }, (_, i) => `<details>\n<summary>finding ${i}</summary>\n\n${'z'.repeat(300)}\n\n</details>`);
    const rendered: number[] = [];
    const lazy = texts.map((t, i) => () => {
      rendered.push(i);
      return t;
    });
    const body = joinSections(['head', ...lazy, footer], 5000);
    expect(body).toBe(joinSections(['head', ...texts, footer], 5000));
    expect(body).toContain('finding 0');
    expect(body).toMatch(/\d+ sections omitted/);
    // About 5,000 characters of a 170,000-character list: the rest is never rendered.
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(30);
    // All of them when they fit.
    rendered.length = 0;
    expect(joinSections(['head', ...lazy.slice(0, 3), footer])).toBe(['head', ...texts.slice(0, 3), footer].join('\n\n'));
    expect(rendered).toEqual([0, 1, 2]);
  });

  it('drops a lazy section that renders blank without counting it as omitted', () => {
    const body = joinSections(['a'.repeat(50), () => '  ', 'b'.repeat(50), 'end'], 80, ({ omitted }) => `(${omitted} cut)`);
    expect(body).toBe(`${'a'.repeat(50)}\n\n(1 cut)\n\nend`);
  });

  it('accepts a custom notice', () => {
    const body = joinSections(['a'.repeat(50), 'b'.repeat(50), 'end'], 80, ({ omitted }) => `(${omitted} cut)`);
    expect(body).toBe(`${'a'.repeat(50)}\n\n(1 cut)\n\nend`);
  });

  it('keeps the end of an oversized footer, where the marker is', () => {
    const marker = encodeMarker({ family: 'review' });
    const body = joinSections(['x', `${'🏗️'.repeat(100)}\n${marker}`], 120);
    expect(body.length).toBeLessThanOrEqual(120);
    expect(body.endsWith(marker)).toBe(true);
    expect(hasLoneSurrogate(body)).toBe(false);
  });
});

describe('cutAtLine and cutSection', () => {
  it('keeps as much of a fenced section as fits at every size, closing what it opened', () => {
    const section = ['<details>', '<summary>Options</summary>', '', '```sql', ...Array.from({ length: 300 }, (_, i) => `SELECT ${i};`), '```', '', '</details>'].join('\n');
    for (let max = 1700; max < 1800; max++) {
      const part = cutSection(section, max);
      expect(part.length, `max ${max}`).toBeLessThanOrEqual(max);
      expect(part.length, `max ${max}`).toBeGreaterThan(max - 40);
      expect(part, `max ${max}`).toMatch(/\n```\n+<\/details>$/);
    }
  });

  it('cuts at the last line break that fits', () => {
    expect(cutAtLine('one\ntwo\nthree', 9)).toBe('one\ntwo');
    expect(cutAtLine('one\ntwo', 7)).toBe('one\ntwo');
  });

  it('backs off before a high surrogate at the boundary', () => {
    expect(cutAtLine('ab😀cd', 3)).toBe('ab');
    expect(cutAtLine('ab😀cd', 4)).toBe('ab😀');
  });

  it('stays within the room and leaves no fence open, even when the room is tiny', () => {
    const text = '```\ncode\nmore code\n```';
    for (let max = 1; max < text.length; max++) {
      const cut = cutSection(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.split('\n').filter((l) => l.startsWith('```')).length % 2).toBe(0);
    }
    expect(cutSection(text, 14)).toBe('```\ncode\n```');
  });

  it('words the default notice for both kinds of cut', () => {
    expect(defaultCutNotice({ omitted: 3, shortened: true, limit: 65536 })).toBe(
      "> ✂️ This comment was cut to fit GitHub's 65,536-character limit; 3 sections omitted; a long section was shortened.",
    );
  });
});
