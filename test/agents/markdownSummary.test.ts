import { describe, expect, it } from 'vitest';
import { firstHeadingName, firstParagraph, headingName } from '../../src/agents/markdownSummary.js';

describe('headingName', () => {
  it('drops leading emoji and a trailing "Agent"', () => {
    expect(headingName('🏗️ Backend Architect Agent')).toBe('Backend Architect');
    expect(headingName('Backend Architect Agent')).toBe('Backend Architect');
  });

  it('drops Mac Roman mojibake in front of the name', () => {
    expect(headingName('\uf8ffüèóÔ∏è Backend Architect Agent')).toBe('Backend Architect');
  });

  it('keeps "Agent" when it is the whole name or not at the end', () => {
    expect(headingName('Agent')).toBe('Agent');
    expect(headingName('Agent Enhancement: Backend Architect')).toBe('Agent Enhancement: Backend Architect');
  });

  it('keeps names in any script', () => {
    expect(headingName('Архитектор бэкенда')).toBe('Архитектор бэкенда');
  });
});

describe('firstHeadingName', () => {
  it('ignores headings inside fenced code', () => {
    expect(firstHeadingName('```sh\n# not a heading\n```\n\n## Data Agent\n')).toBe('Data');
  });

  it('is undefined without a heading', () => {
    expect(firstHeadingName('Just prose.\n')).toBeUndefined();
  });
});

describe('firstParagraph', () => {
  it('skips headings, lists and code, and joins the lines of the paragraph', () => {
    const md = '# Title\n\n- a list\n\n```\ncode line\n```\n\nFirst line\nsecond line.\n\nNext paragraph.';
    expect(firstParagraph(md)).toBe('First line second line.');
  });

  it('stops at a code fence that follows the paragraph', () => {
    expect(firstParagraph('Intro text\n```\ncode\n```\nafter')).toBe('Intro text');
  });

  it('shortens a very long paragraph at a word boundary', () => {
    const long = `${'word '.repeat(100)}end`;
    const description = firstParagraph(long) ?? '';
    expect(description.length).toBeLessThanOrEqual(281);
    expect(description.endsWith('word…')).toBe(true);
  });

  it('is undefined when there is no prose', () => {
    expect(firstParagraph('# Only\n\n- a\n- b\n')).toBeUndefined();
  });
});
