import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkYamlNesting, MAX_FLOW_DEPTH, MAX_LINE_DEPTH } from '../../src/config/checkYamlNesting.js';

describe('checkYamlNesting', () => {
  it('passes the example config', () => {
    expect(checkYamlNesting(readFileSync(new URL('../../examples/agency.yml', import.meta.url), 'utf8'))).toBeUndefined();
  });

  it('ignores brackets inside quoted strings, comments and block scalars', () => {
    const text = [
      `a: "${'['.repeat(100)}"`,
      `b: '${'{'.repeat(100)}'`,
      `# ${'['.repeat(100)} ${'- '.repeat(100)}`,
      'c: |',
      `  ${'['.repeat(100)}`,
      `  ${'- '.repeat(100)}`,
    ].join('\n');
    expect(checkYamlNesting(text)).toBeUndefined();
  });

  it('does not count flow-map colons on one line', () => {
    const entries = Array.from({ length: 200 }, (_, i) => `k${i}: ${i}`).join(', ');
    expect(checkYamlNesting(`a: {${entries}}\n`)).toBeUndefined();
  });

  it('allows exactly the limits and rejects one more', () => {
    const flow = (n: number) => `a: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    expect(checkYamlNesting(flow(MAX_FLOW_DEPTH))).toBeUndefined();
    expect(checkYamlNesting(flow(MAX_FLOW_DEPTH + 1))?.message).toBe(
      'YAML nesting too deep at line 1: more than 32 levels of [ ] or { }; expected a shallow config',
    );
    // n - 1 columns of indentation plus the `:` indicator.
    const block = (n: number) => `a:\n${' '.repeat(n - 1)}b: 1\n`;
    expect(checkYamlNesting(block(MAX_LINE_DEPTH))).toBeUndefined();
    expect(checkYamlNesting(block(MAX_LINE_DEPTH + 1))?.message).toBe(
      'YAML nesting too deep at line 2: more than 64 columns of indentation and "- ", "? ", ": " indicators; expected a shallow config',
    );
  });

  it('counts anchors and tags as no depth but still sees the indicators around them', () => {
    expect(checkYamlNesting(`${'- !t &a '.repeat(70)}x`)?.message).toContain('at line 1: more than 64 columns');
  });
});
