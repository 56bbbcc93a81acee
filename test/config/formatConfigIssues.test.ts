import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssueLine } from '../../src/config/ConfigError.js';
import { formatConfigIssues } from '../../src/config/formatConfigIssues.js';

const Schema = z
  .object({
    name: z.string().min(3).max(8).default('abc'),
    retries: z.number().min(0.5).max(2).default(1),
    even: z.int().multipleOf(2).default(2),
    tags: z.array(z.string()).max(2).default([]),
    mode: z.literal(['fast', 'slow']).default('fast'),
    nested: z
      .object({ depth: z.int().max(3).default(1), flag: z.boolean().optional() })
      .strict()
      .prefault({}),
    custom: z
      .string()
      .refine((s) => s !== 'bad', 'must not be "bad"')
      .optional(),
    anything: z.union([z.string(), z.number()]).optional(),
    pair: z.array(z.int()).length(2).optional(),
  })
  .strict();

function format(input: unknown): string[] {
  const result = Schema.safeParse(input);
  if (result.success) throw new Error('expected issues');
  return formatConfigIssues(result.error.issues, input, Schema).map(formatIssueLine);
}

describe('formatConfigIssues', () => {
  it('describes string length, number range and list length from the schema', () => {
    expect(format({ name: 'ab', retries: 3, tags: ['a', 'b', 'c'] })).toEqual([
      'name: got "ab"; expected a string of 3 to 8 characters',
      'retries: got 3; expected a number from 0.5 to 2',
      'tags: got a list of 3 items; expected a list of at most 2 items, each item a string',
    ]);
  });

  it('names a multiple, a literal set and an upper bound only', () => {
    expect(format({ even: 3, mode: 'medium', nested: { depth: 9 } })).toEqual([
      'even: got 3; expected a multiple of 2',
      'mode: got "medium"; expected one of "fast", "slow"',
      'nested.depth: got 9; expected an integer of 3 or less',
    ]);
  });

  it('names an exact list length', () => {
    expect(format({ pair: [1, 2, 3] })).toEqual(['pair: got a list of 3 items; expected a list of exactly 2 items, each item an integer']);
  });

  it('shows a refinement message as written and spells out each option of a union', () => {
    expect(format({ custom: 'bad', anything: true })).toEqual([
      'custom: got "bad"; must not be "bad"',
      'anything: got true; expected a string or a number',
    ]);
  });

  it('reports every unknown key separately and suggests only close ones', () => {
    expect(format({ nmae: 'x', nested: { dpeth: 1, zzz: 2 } })).toEqual([
      'nested.dpeth: unknown field; did you mean "depth"?',
      'nested.zzz: unknown field; the known fields here are "depth", "flag"',
      'nmae: unknown field; did you mean "name"?',
    ]);
  });

  it('never prints a mapping or list given as a value, only its size', () => {
    const [line] = format({ name: { secret: 'x'.repeat(100), more: [1, 2, 3] } });
    expect(line).toBe('name: got a mapping of 2 fields; expected a string of 3 to 8 characters');
    expect(line).not.toContain('secret');
  });

  it('says "nothing" when the value is absent', () => {
    const issues: z.core.$ZodIssue[] = [{ code: 'invalid_type', expected: 'string', path: ['name'], message: 'Required' }];
    expect(formatConfigIssues(issues, {}, Schema).map(formatIssueLine)).toEqual([
      'name: got nothing; expected a string of 3 to 8 characters',
    ]);
  });

  it('keeps one issue per field', () => {
    const issues: z.core.$ZodIssue[] = [
      { code: 'too_small', origin: 'string', minimum: 3, path: ['name'], message: 'short' },
      { code: 'invalid_format', format: 'regex', pattern: '^a', path: ['name'], message: 'Invalid string' },
    ];
    expect(formatConfigIssues(issues, { name: 'b' }, Schema)).toHaveLength(1);
  });

  it('uses the issue itself when the path is not in the schema', () => {
    const issues: z.core.$ZodIssue[] = [
      { code: 'too_big', origin: 'number', maximum: 5, path: ['extra', 0], message: 'big' },
      { code: 'invalid_format', format: 'regex', pattern: '^[a-z]+$', path: ['other'], message: 'Invalid string: must match pattern' },
    ];
    expect(formatConfigIssues(issues, { extra: [9], other: 'A' }, Schema).map(formatIssueLine)).toEqual([
      'extra[0]: got 9; expected at most 5',
      'other: got "A"; expected a string matching ^[a-z]+$',
    ]);
  });
});
