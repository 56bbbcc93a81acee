import { describe, expect, it } from 'vitest';
import type { AstRule } from '../../../src/evidence/ast/AstRule.js';
import { loadAstRules } from '../../../src/evidence/ast/loadAstRules.js';
import { rulePrefilter, withoutEdgeDotStars } from '../../../src/evidence/ast/rulePrefilter.js';

const rule = (body: Record<string, unknown>, utils?: Record<string, unknown>) => ({ id: 'r', language: 'javascript', rule: body, utils }) as unknown as AstRule;

describe('rulePrefilter', () => {
  it('asks the file for the text of every regex the rule requires, not just the first', () => {
    const test = rulePrefilter(rule({ kind: 'call_expression', all: [{ has: { regex: '^(get|post)$' } }, { has: { field: 'arguments', has: { matches: 'guard' } } }] }, { guard: { regex: '(?i)auth|guard' } }));
    expect(test?.test("router.get('/a', requireAuth, h)")).toBe(true);
    // A route call, but no guard anywhere in the file: the rule cannot match.
    expect(test?.test("router.get('/a', h)")).toBe(false);
    expect(test?.test('const guard = requireAuth;')).toBe(false);
  });

  it('takes an `any` as one test (one of its branches), and never looks inside a `not`', () => {
    const test = rulePrefilter(rule({ any: [{ regex: '^exec$' }, { has: { regex: 'spawn' } }], not: { regex: 'safe' } }));
    expect(test?.test('spawn(x)')).toBe(true);
    expect(test?.test('child.exec(x) // safe')).toBe(true);
    expect(test?.test('child.run(x)')).toBe(false);
    // A branch without a regex makes the `any` no test at all.
    expect(rulePrefilter(rule({ any: [{ regex: 'exec' }, { kind: 'call_expression' }] }))).toBeUndefined();
  });

  it('lets through every invalid example of every shipped rule', () => {
    for (const r of loadAstRules()) {
      for (const example of r.metadata.examples.invalid) expect(rulePrefilter(r)?.test(example) ?? true, r.file).toBe(true);
    }
  });
});

describe('withoutEdgeDotStars', () => {
  it('drops a `.*` at either end of a top-level alternative, in groups spanning it too, and nothing else', () => {
    expect(withoutEdgeDotStars('(\\w+\\.objects\\.all|.*\\bquery\\(.*\\)\\.all)')).toBe('(?:\\w+\\.objects\\.all|\\bquery\\(.*\\)\\.all)');
    expect(withoutEdgeDotStars('(?:a.*)|(?:.*?b)|c')).toBe('(?:a)|(?:b)|c');
    expect(withoutEdgeDotStars('x(.*y)|[.*|]z')).toBe('x(.*y)|[.*|]z');
    expect(withoutEdgeDotStars('a\\.*')).toBe('a\\.*');
    expect(withoutEdgeDotStars('.*')).toBe('[\\s\\S]?');
  });

  it('finds a match exactly where the original search does', () => {
    const original = '(\\w+\\.objects\\.all|.*\\bquery\\(.*\\)\\.all|.*\\.scalars\\(.*\\)\\.all)';
    for (const text of ['User.objects.all()', 'rows = db.query(User).all()', 's.scalars(q).all', 'query(x).first()', 'objects . all']) {
      expect(new RegExp(withoutEdgeDotStars(original)).test(text), text).toBe(new RegExp(original).test(text));
    }
  });
});
