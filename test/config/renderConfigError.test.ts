import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/ConfigError.js';
import { parseConfig } from '../../src/config/parseConfig.js';
import { MAX_RENDERED_ISSUES, plainConfigError, renderConfigError } from '../../src/config/renderConfigError.js';

function errorOf(text: string): ConfigError {
  const result = parseConfig(text);
  if (result.ok) throw new Error('expected a ConfigError');
  return result.error;
}

describe('renderConfigError', () => {
  it('renders a heading, the issues in code spans and how to fix them', () => {
    expect(renderConfigError(errorOf('reveiw: {}\nreview:\n  maxInlineComments: 500\n'))).toBe(
      [
        '### Agency Architect could not use `.github/agency.yml`',
        '',
        'Found 2 problems:',
        '',
        '- `review.maxInlineComments: got 500; expected an integer from 0 to 100`',
        '- `reveiw: unknown field; did you mean "review"?`',
        '',
        'The defaults are used for this run. To fix it, correct or remove each field listed above in `.github/agency.yml` on the default branch (a removed field takes its default); the next event reads the corrected file.',
        '',
      ].join('\n'),
    );
  });

  it('keeps backticks in user values inside a longer code fence', () => {
    const markdown = renderConfigError(errorOf('permission: "w`` ` @admin **bold** <img src=x>"\n'));
    expect(markdown).toContain(
      '- ```permission: got "w`` ` @admin **bold** <img src=x>"; expected one of "read", "triage", "write", "maintain", "admin"```',
    );
  });

  it('pads a code span whose text starts or ends with a backtick', () => {
    const markdown = renderConfigError(new ConfigError('x', [{ path: '', message: '`edge`' }]));
    expect(markdown).toContain('- `` `edge` ``');
  });

  it('flattens line breaks so user text cannot end the list item', () => {
    const markdown = renderConfigError(new ConfigError('a\n\n# b', [{ path: 'label', message: 'one\n\n## two' }]));
    expect(markdown).toContain('- `label: one  ## two`');
    expect(markdown).toContain('could not use `a  # b`');
    expect(markdown).not.toMatch(/^#+ (b|two)/m);
  });

  it('shows at most 50 issues and counts the rest', () => {
    const issues = Array.from({ length: MAX_RENDERED_ISSUES + 3 }, (_, i) => ({ path: `f${i}`, message: 'bad' }));
    const markdown = renderConfigError(new ConfigError('.github/agency.yml', issues));
    expect(markdown).toContain('Found 53 problems:');
    expect(markdown).toContain('- `f49: bad`');
    expect(markdown).not.toContain('f50');
    expect(markdown).toContain('- …and 3 more problems, not shown here.');
  });

  it('says "1 problem" for one', () => {
    expect(renderConfigError(errorOf('label: 1\n'))).toContain('Found 1 problem:');
  });
});

describe('plainConfigError', () => {
  it('lists every issue for a terminal', () => {
    expect(plainConfigError(errorOf('label: 1\npermission: owner\n'))).toBe(
      [
        '.github/agency.yml has 2 problems:',
        '  - label: got 1 (a number); expected a string of 1 to 50 characters',
        '  - permission: got "owner"; expected one of "read", "triage", "write", "maintain", "admin"',
        'Nothing was run. Correct or remove these fields in .github/agency.yml (a removed field takes its default).',
        '',
      ].join('\n'),
    );
  });

  it('neutralises terminal escape sequences', () => {
    const text = plainConfigError(new ConfigError('evil\u001b[2J.yml', [{ path: '', message: 'x\u009b31m\u202e' }]));
    expect(['\u001b', '\u009b', '\u202e'].some((c) => text.includes(c))).toBe(false);
    expect(text).toContain('evil\ufffd[2J.yml has 1 problem:');
  });
});
