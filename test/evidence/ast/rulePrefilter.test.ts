import { describe, expect, it } from 'vitest';
import type { AstRule } from '../../../src/evidence/ast/AstRule.js';
import { loadAstRules } from '../../../src/evidence/ast/loadAstRules.js';
import { rulePrefilter, ruleTextRegexes, withoutOptionalEdges } from '../../../src/evidence/ast/rulePrefilter.js';
import { sourceForRules } from '../../../src/evidence/ast/sourceForRules.js';
import { generateLargeDiff } from '../../../src/evidence/generateLargeDiff.js';
import { parseUnifiedDiff } from '../../../src/evidence/parseUnifiedDiff.js';

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

  it('reads regexes nested as deep as a binding through utils (12 levels), so such a rule still has a text test', () => {
    let body: Record<string, unknown> = { regex: 'popen' };
    for (let i = 0; i < 11; i++) body = i % 2 ? { has: body } : { any: [body] };
    const test = rulePrefilter(rule({ kind: 'call', all: [body] }));
    expect(test?.test('os.popen(cmd)')).toBe(true);
    expect(test?.test('print(cmd)')).toBe(false);
  });

  it('lets through every invalid example of every shipped rule', () => {
    for (const r of loadAstRules()) {
      for (const example of r.metadata.examples.invalid) expect(rulePrefilter(r)?.test(example) ?? true, r.file).toBe(true);
    }
  });
});

describe('withoutOptionalEdges', () => {
  it('drops what may match nothing at either end of an alternative (in groups at that end too), takes a `+` there once, and leaves the rest', () => {
    expect(withoutOptionalEdges('(\\w+\\.objects\\.all|.*\\bquery\\(.*\\)\\.all)')).toBe('(?:\\w\\.objects\\.all|\\bquery\\(.*\\)\\.all)');
    expect(withoutOptionalEdges('(?:a.*)|(?:.*?b)|c')).toBe('(?:a)|(?:b)|c');
    expect(withoutOptionalEdges('x(.*y)|[.*|]z')).toBe('x(.*y)|[.*|]z');
    expect(withoutOptionalEdges('a\\.*')).toBe('a');
    expect(withoutOptionalEdges('.*')).toBe('[\\s\\S]?');
    expect(withoutOptionalEdges('(?:[\\w$]+\\.)*[\\w$]*(jwt|jws)[\\w$]*\\.(sign|verify)')).toBe('(jwt|jws)[\\w$]*\\.(sign|verify)');
    expect(withoutOptionalEdges('((this\\.)?(db|\\w*repo\\w*)|[A-Z]\\w*)\\.(insert\\w*|save)')).toBe('(?:(?:db|repo\\w*)|[A-Z]\\w*)\\.(?:insert|save)');
    // Inner parts, classes, escapes and counted repeats stay as they are.
    expect(withoutOptionalEdges('a(b*)c[x*]\\d{2,3}')).toBe('a(b*)c[x*]\\d{2,3}');
    expect(withoutOptionalEdges('\\p{L}*x')).toBe('x');
  });

  it('finds a match exactly where the original search does', () => {
    const original = '(\\w+\\.objects\\.all|.*\\bquery\\(.*\\)\\.all|.*\\.scalars\\(.*\\)\\.all)';
    for (const text of ['User.objects.all()', 'rows = db.query(User).all()', 's.scalars(q).all', 'query(x).first()', 'objects . all']) {
      expect(new RegExp(withoutOptionalEdges(original)).test(text), text).toBe(new RegExp(original).test(text));
    }
  });

  it('gives every shipped rule the verdicts of its untrimmed text test, on every example and on a generated pull request', () => {
    const rules = loadAstRules();
    const corpus = [
      ...rules.flatMap((r) => [...r.metadata.examples.invalid, ...r.metadata.examples.valid]),
      ...parseUnifiedDiff(generateLargeDiff({ files: 40, changedLines: 6000, migrations: 4 })).map((f) => sourceForRules(f).source),
    ];
    let trimmedAny = 0;
    let compared = 0;
    for (const r of rules) {
      const plain = ruleTextRegexes(r, false);
      const trimmed = ruleTextRegexes(r);
      expect(trimmed.length, r.file).toBe(plain.length);
      trimmed.forEach((t, i) => {
        const p = plain[i] as RegExp;
        if (t.source !== p.source) trimmedAny++;
        for (const text of corpus) {
          compared++;
          if (t.test(text) !== p.test(text)) expect.fail(`${r.file}: /${t.source}/ and /${p.source}/ disagree on ${JSON.stringify(text.slice(0, 200))}`);
        }
      });
    }
    // Something was trimmed, and compared on both kinds of text.
    expect(trimmedAny).toBeGreaterThan(10);
    expect(compared).toBeGreaterThan(10_000);
  });
});
