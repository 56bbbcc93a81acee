import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asciiCaseless, asciiRegex, asciiRegexes } from '../../../src/evidence/ast/asciiRegex.js';
import { loadAstGrep } from '../../../src/evidence/ast/astGrep.js';
import { builtinRulesDir, loadAstRules } from '../../../src/evidence/ast/loadAstRules.js';
import { compileRule, matchesFirst } from '../../../src/evidence/ast/compileRule.js';

const engine = loadAstGrep();
if ('error' in engine) throw new Error(engine.error);

describe('asciiRegex', () => {
  it('spells the Unicode classes in ASCII outside and inside character classes', () => {
    expect(asciiRegex('(?i)^\\w*repo\\w*\\.(find\\w*)$')).toBe('(?i)^[0-9A-Za-z_]*repo[0-9A-Za-z_]*\\.(find[0-9A-Za-z_]*)$');
    expect(asciiRegex('[\\w.$]+\\s*\\d')).toBe('[0-9A-Za-z_.$]+[\\t\\n\\v\\f\\r ]*[0-9]');
    expect(asciiRegex('\\bexec\\B')).toBe('(?-u:\\b)exec(?-u:\\B)');
  });

  it('leaves escapes it does not know, negated classes inside brackets and literal brackets alone', () => {
    expect(asciiRegex('\\p{L}\\.\\$\\(')).toBe('\\p{L}\\.\\$\\(');
    expect(asciiRegex('[^\\W]')).toBe('[^\\W]');
    expect(asciiRegex('[]\\w]\\w')).toBe('[]0-9A-Za-z_][0-9A-Za-z_]');
    expect(asciiRegex('\\[\\w\\]')).toBe('\\[[0-9A-Za-z_]\\]');
  });

  it('rewrites only `regex` values, wherever they sit in a rule', () => {
    const rule = { kind: 'call', has: { regex: '\\w+', pattern: '$A.\\w' }, any: [{ regex: '\\d' }] };
    expect(asciiRegexes(rule)).toEqual({ kind: 'call', has: { regex: '[0-9A-Za-z_]+', pattern: '$A.\\w' }, any: [{ regex: '[0-9]' }] });
  });

  it('matches what the Unicode form matches on ASCII code, and ast-grep accepts every rewritten rule', () => {
    const root = engine.sg.parse('javascript', 'userRepository.findAll(); x_1 . y; const a = 12;').root();
    for (const regex of ['^\\w*Repo\\w*\\.find\\w*$', '\\bx_1\\b', '^\\d+$', '\\s\\.\\s']) {
      const texts = (r: string) => root.findAll({ rule: { regex: r, kind: 'identifier' } }).concat(root.findAll({ rule: { regex: r, any: [{ kind: 'call_expression' }, { kind: 'number' }, { kind: 'member_expression' }] } })).map((n) => n.text());
      expect(texts(asciiRegex(regex)), regex).toEqual(texts(regex));
    }
    for (const rule of loadAstRules()) {
      const inLanguage = engine.sg.parse(rule.language, 'x\n').root();
      expect(() => inLanguage.findAll(compileRule(rule).config), rule.file).not.toThrow();
    }
  });
});

describe('asciiCaseless', () => {
  it('makes a leading (?i) ASCII-only and keeps Unicode where bytes could otherwise split a character', () => {
    expect(asciiCaseless('(?i)select [0-9A-Za-z_]+ from')).toBe('(?i-u)select [0-9A-Za-z_]+ from');
    expect(asciiCaseless('(?i)update\\([^)]*(passw|pwd).x')).toBe('(?i-u)update\\((?u:[^)])*(passw|pwd)(?u:.)x');
    expect(asciiCaseless('(?i)a[]x]b[^]y]')).toBe('(?i-u)a[]x]b(?u:[^]y])');
  });

  it('leaves alone what is not case-insensitive or needs Unicode', () => {
    for (const regex of ['select', '(?i)\\p{L}+', '(?i)caf\u00e9', '(?i)[[a-z]&&[^x]]', '(?i)a\\x{e9}', '(?i)[unclosed']) expect(asciiCaseless(regex)).toBe(regex);
  });

  it('matches what (?i) matches on ASCII code, and ast-grep compiles it', () => {
    const root = engine.sg.parse('javascript', "q('SELECT * FROM t'); q('Update users SET pwd = 1'); q('select a.* from t'); q('Selectx * from'); q('ÜPDATE (pwd)');").root();
    for (const regex of ['(?i)(?-u:\\b)select[\\t ]+([0-9A-Za-z_]+\\.)?\\*[\\t ]+from(?-u:\\b)', '(?i)update[^(]*(passw|pwd)', '(?i)^.u.*pwd', '(?i)[^a-z]pdate']) {
      const texts = (r: string) => root.findAll({ rule: { kind: 'string', regex: r } }).map((n) => n.text());
      expect(texts(asciiCaseless(regex)), regex).toEqual(texts(regex));
      expect(texts(regex).length, regex).toBeGreaterThan(0);
    }
  });
});

describe('matchesFirst', () => {
  it('puts the util test before the other conditions and leaves other rules as they are', () => {
    expect(matchesFirst({ matches: 'route-call', all: [{ kind: 'x' }], not: { regex: 'a' } })).toEqual({ all: [{ matches: 'route-call' }, { all: [{ kind: 'x' }], not: { regex: 'a' } }] });
    expect(matchesFirst({ matches: 'route-call' })).toEqual({ matches: 'route-call' });
    expect(matchesFirst({ kind: 'call_expression', has: { kind: 'x' } })).toEqual({ kind: 'call_expression', has: { kind: 'x' } });
  });

  it('keeps the order of rules that bind metavariables', () => {
    const rule = { id: 'r', language: 'javascript', rule: { matches: 'u', has: { pattern: '$X' } }, utils: { u: { kind: 'call_expression' } } } as never;
    expect((compileRule(rule).config as { rule: unknown }).rule).toEqual({ matches: 'u', has: { pattern: '$X' } });
  });
});

describe('loadAstRules for the languages of a diff', () => {
  it('returns the same rules as the full load, filtered by language', () => {
    const all = loadAstRules();
    expect(loadAstRules(undefined, ['python', 'go']).map((r) => r.file)).toEqual(all.filter((r) => r.language === 'python' || r.language === 'go').map((r) => r.file));
  });

  it('does not parse the files of other languages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agency-rules-'));
    try {
      copyFileSync(join(builtinRulesDir(), 'sql-injection.py.yml'), join(dir, 'sql-injection.py.yml'));
      writeFileSync(join(dir, 'broken.go.yml'), 'id: broken\nlanguage: go\nrule: [unclosed\n');
      expect(loadAstRules(dir, ['python']).map((r) => r.id)).toEqual(['sql-injection']);
      expect(() => loadAstRules(dir)).toThrow(/^rules\/broken\.go\.yml: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('compileRule file conditions', () => {
  const rule = (body: Record<string, unknown>) => ({ id: 'r', language: 'javascript', rule: body }) as never;
  const inside = { stopBy: 'end', kind: 'program', has: { stopBy: 'end', kind: 'call_expression', has: { field: 'function', regex: '\\.use$' } } };

  it('checks an `inside: program` of the top-level `all` once per file, like a top-level one', () => {
    const c = compileRule(rule({ kind: 'call_expression', all: [{ has: { kind: 'arguments' } }, { inside }] }));
    expect(c.file).toEqual({ rule: { kind: 'program', has: inside.has }, utils: undefined });
    expect((c.config as { rule: unknown }).rule).toEqual({ kind: 'call_expression', all: [{ has: { kind: 'arguments' } }] });
    const root = engine.sg.parse('javascript', 'app.use(auth);\nrouter.get(a);\n').root();
    expect(root.matches(c.file!)).toBe(true);
    expect(engine.sg.parse('javascript', 'router.get(a);\n').root().matches(c.file!)).toBe(false);
  });

  it('leaves an `inside` in place when it binds a metavariable or must be the direct parent', () => {
    expect(compileRule(rule({ kind: 'call_expression', all: [{ inside: { ...inside, has: { pattern: 'use($X)' } } }] })).file).toBeUndefined();
    expect(compileRule(rule({ kind: 'call_expression', all: [{ inside: { kind: 'program' } }] })).file).toBeUndefined();
  });

  it('splits the file condition out of route-without-auth (its examples run in ruleExamples.test.ts)', () => {
    const route = loadAstRules(undefined, ['javascript']).find((r) => r.id === 'route-without-auth');
    expect(compileRule(route!).file).toBeDefined();
  });
});
