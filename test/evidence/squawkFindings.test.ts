import { describe, expect, it } from 'vitest';
import { squawkFindings, type SquawkViolation } from '../../src/evidence/squawkFindings.js';
import { squawkSeverity } from '../../src/evidence/squawkSeverity.js';

const violation = (over: Partial<SquawkViolation>): SquawkViolation => ({
  file: 'f0/m.sql',
  line: 0,
  level: 'Warning',
  message: 'Something is off. Details follow.',
  help: null,
  rule_name: 'prefer-text-field',
  ...over,
});

describe('squawkSeverity', () => {
  it('ranks by what the rule protects against, not by squawk level', () => {
    expect(squawkSeverity('adding-required-field', 'Warning')).toBe('blocker');
    expect(squawkSeverity('changing-column-type', 'Warning')).toBe('blocker');
    expect(squawkSeverity('require-concurrent-index-creation', 'Warning')).toBe('major');
    expect(squawkSeverity('adding-field-with-default', 'Warning')).toBe('major');
    expect(squawkSeverity('prefer-text-field', 'Warning')).toBe('minor');
    expect(squawkSeverity('some-future-rule', 'Error')).toBe('major');
  });
});

describe('squawkFindings', () => {
  const target = { path: 'db/migrations/7.sql' };

  it('turns 0-based lines into 1-based ones and sets endLine for a multi-line statement', () => {
    const { findings } = squawkFindings([violation({ rule_name: 'ban-drop-table', line: 2, line_end: 4 })], () => target);
    expect(findings).toEqual([
      expect.objectContaining({ path: 'db/migrations/7.sql', line: 3, endLine: 5, severity: 'blocker', title: 'Table dropped' }),
    ]);
  });

  it('lists a foreign key added without NOT VALID once, under its specific rule; a CHECK keeps the generic one', () => {
    const { findings } = squawkFindings(
      [
        violation({ rule_name: 'constraint-missing-not-valid', line: 0 }),
        violation({ rule_name: 'adding-foreign-key-constraint', line: 0 }),
        violation({ rule_name: 'constraint-missing-not-valid', line: 1 }),
        violation({ rule_name: 'constraint-missing-not-valid', line: 0, file: 'f1/other.sql' }),
      ],
      (file) => ({ path: file === 'f0/m.sql' ? 'db/migrations/7.sql' : 'db/migrations/8.sql' }),
    );
    expect(findings.map((f) => `${f.path}:${f.line} ${f.source.id}`)).toEqual([
      'db/migrations/7.sql:1 adding-foreign-key-constraint',
      'db/migrations/7.sql:2 constraint-missing-not-valid',
      'db/migrations/8.sql:1 constraint-missing-not-valid',
    ]);
  });

  it('titles unknown rules with the first sentence of the message', () => {
    const { findings } = squawkFindings([violation({})], () => target);
    expect(findings[0]?.title).toBe('Something is off');
    expect(findings[0]?.source.url).toBe('https://squawkhq.com/docs/prefer-text-field');
    expect(findings[0]?.body).not.toContain('](');
  });

  it('gives a null line when an excerpt has no line for the violation, and skips files it does not know', () => {
    const { findings } = squawkFindings(
      [violation({ line: 9 }), violation({ file: 'f9/other.sql' })],
      (file) => (file === 'f0/m.sql' ? { path: 'x.sql', lines: [3] } : undefined),
    );
    expect(findings.map((f) => [f.path, f.line])).toEqual([['x.sql', null]]);
  });
});
