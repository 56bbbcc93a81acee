import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderAdrFile, type AdrFileMeta } from '../../src/adr/renderAdrFile.js';
import { adrFixture } from './adrFixture.js';

const meta: AdrFileMeta = {
  number: 7,
  status: 'accepted',
  date: '2025-03-04',
  deciders: ['alice', 'bob'],
  links: { issue: 'https://github.com/acme/shop/issues/12', pullRequest: 'https://github.com/acme/shop/pull/13' },
  supersedes: [3],
};

function frontMatter(text: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m?.[1]) throw new Error('no front matter');
  return parse(m[1]) as Record<string, unknown>;
}

describe('renderAdrFile', () => {
  const text = renderAdrFile(adrFixture, meta);

  it('starts with YAML front matter that survives colons and quotes in the title', () => {
    expect(frontMatter(text)).toEqual({
      number: 7,
      title: 'Use PostgreSQL: "the" default store',
      status: 'accepted',
      date: '2025-03-04',
      deciders: ['alice', 'bob'],
      issue: 'https://github.com/acme/shop/issues/12',
      'pull-request': 'https://github.com/acme/shop/pull/13',
      supersedes: [3],
    });
  });

  it('has the numbered title and the MADR sections in order', () => {
    const headings = text.split('\n').filter((l) => /^#{1,3} /.test(l));
    expect(headings).toEqual([
      '# 0007. Use PostgreSQL: "the" default store',
      '## Context and Problem Statement',
      '## Decision Drivers',
      '## Considered Options',
      '### PostgreSQL',
      '## Decision Outcome',
      '## Consequences',
      '### Good',
      '### Bad',
      '## Confirmation',
      '## More Information',
    ]);
  });

  it('renders options, outcome, consequences and links', () => {
    expect(text).toContain('- PostgreSQL\n- MongoDB');
    expect(text).toContain('- Good: ACID transactions\n- Bad: Vertical write scaling');
    expect(text).toContain('Chosen option: **PostgreSQL**\n\nIt gives transactions and the team knows it.');
    expect(text).toContain('### Good\n\n- One store to run\n\n### Bad\n\n- Sharding later is work');
    expect(text).toContain('- Pull request: https://github.com/acme/shop/pull/13');
    expect(text).toContain('- Supersedes ADR-0003.');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('escapes a line in the text that would open a section', () => {
    expect(text).toContain('\\# Not a heading, said the user');
  });

  it('marks empty parts as blanks to fill in', () => {
    const empty = renderAdrFile(
      { ...adrFixture, context: '', drivers: [], options: [], outcome: { chosen: '', justification: '' }, consequences: { good: [], bad: [] }, confirmation: '', moreInformation: '' },
      { number: 1, status: 'proposed', date: '2025-01-01', deciders: [], links: {} },
    );
    expect(empty.match(/_To be completed by the deciders/g)?.length).toBe(9);
    expect(frontMatter(empty)).toEqual({ number: 1, title: adrFixture.title, status: 'proposed', date: '2025-01-01', deciders: [] });
  });

  it('keeps multi-line titles and deciders on one line', () => {
    const out = renderAdrFile({ ...adrFixture, title: 'Two\nlines' }, { ...meta, deciders: ['a\nb'] });
    expect(out).toContain('# 0007. Two lines');
    expect(frontMatter(out)).toMatchObject({ title: 'Two lines', deciders: ['a b'] });
  });
});
