import type { SgRoot } from '@ast-grep/napi';
import { describe, expect, it } from 'vitest';
import type { AstRule } from '../../../src/evidence/ast/AstRule.js';
import { loadAstGrep, type ParseLanguage } from '../../../src/evidence/ast/astGrep.js';
import { compileRule, compileRuleFor, type CompiledRule } from '../../../src/evidence/ast/compileRule.js';
import { loadAstRules } from '../../../src/evidence/ast/loadAstRules.js';
import { pruneAbsent } from '../../../src/evidence/ast/pruneAbsent.js';
import { rulePrefilter, textRegex } from '../../../src/evidence/ast/rulePrefilter.js';

const engine = loadAstGrep();
if ('error' in engine) throw new Error(engine.error);

/** Absent: the regexes whose text contains "zz" (stand-ins for text the file lacks). */
const lacks = (regex: string) => regex.includes('zz');

describe('pruneAbsent', () => {
  it('drops `any` branches and `not`s that cannot match, keeps the rest and its order', () => {
    const parts = {
      rule: {
        kind: 'call_expression',
        has: { field: 'function', any: [{ regex: 'zz\\.exec$' }, { regex: '\\.query$' }, { matches: 'gone' }] },
        not: { has: { stopBy: 'end', regex: 'zzsafe' } },
        all: [{ has: { field: 'arguments', has: { pattern: '$Q' } } }, { not: { regex: 'zzraw' } }],
      },
      utils: { gone: { regex: 'zzgone' }, unused: { kind: 'string' } },
      constraints: { Q: { not: { regex: 'zzconst' } } },
    };
    expect(pruneAbsent(parts, lacks)).toEqual({
      rule: { kind: 'call_expression', has: { field: 'function', any: [{ regex: '\\.query$' }] }, all: [{ has: { field: 'arguments', has: { pattern: '$Q' } } }] },
    });
  });

  it('says a rule that needs an absent regex cannot match (null), through `all`, relations and utils', () => {
    expect(pruneAbsent({ rule: { kind: 'call_expression', all: [{ has: { regex: 'zzx' } }] } }, lacks)).toBeNull();
    expect(pruneAbsent({ rule: { matches: 'u' }, utils: { u: { inside: { stopBy: 'end', regex: 'zzx' } } } }, lacks)).toBeNull();
    expect(pruneAbsent({ rule: { kind: 'identifier', not: { not: { regex: 'zzx' } } } }, lacks)).toBeNull();
  });

  it('changes nothing that could still match or bind: present regexes, stopBy, nthChild, an always-true `any` branch', () => {
    const rule = {
      kind: 'call_expression',
      inside: { stopBy: { any: [{ regex: 'zzstop' }] }, kind: 'for_statement' },
      has: { nthChild: { position: 1, ofRule: { regex: 'zzof' } }, pattern: '$A' },
      any: [{ regex: 'present', pattern: '$B' }, { not: { regex: 'zzalways' } }],
    };
    expect(pruneAbsent({ rule }, lacks)).toEqual({ rule });
    expect(pruneAbsent({ rule }, () => false)).toEqual({ rule });
  });

  it('drops a constraint on a metavariable only an absent branch bound, and keeps one that never holds', () => {
    const parts = {
      rule: { kind: 'call_expression', any: [{ has: { regex: 'zzverb', pattern: '$VERB' } }, { has: { pattern: '$URL' } }] },
      constraints: { VERB: { regex: 'get' }, URL: { regex: 'zzhost' } },
    };
    expect(pruneAbsent(parts, lacks)).toEqual({ rule: { kind: 'call_expression', any: [{ has: { pattern: '$URL' } }] }, constraints: { URL: { regex: 'zzhost' } } });
  });
});

describe('compileRuleFor', () => {
  /** Every match of the compiled rule (with its file condition), as ranges and bound metavariables. */
  function matches(root: SgRoot, c: CompiledRule): string[] {
    const top = root.root();
    const found = top.findAll(c.config);
    if (c.file && found.length > 0 && !top.matches(c.file)) return [];
    return found.map((m) => JSON.stringify([m.range().start.index, m.range().end.index, ['Q', 'URL', 'CMD', 'P', 'U', 'X', 'S', 'SECRET', 'KEY', 'VERB'].map((v) => m.getMatch(v)?.text() ?? null)]));
  }

  it('finds what the whole rule finds, on every example of every rule, while leaving out what the file lacks', () => {
    let pruned = 0;
    let skipped = 0;
    for (const rule of loadAstRules()) {
      const examples = [...rule.metadata.examples.invalid, ...rule.metadata.examples.valid];
      // Each example alone, and all of one rule's examples together (more of the rule's text present).
      for (const source of [...examples, examples.join('\n')]) {
        const lang: ParseLanguage = rule.language === 'javascript' ? 'typescript' : rule.language;
        const root = engine.sg.parse(lang, source);
        const whole = matches(root, compileRule(rule));
        const forFile = compileRuleFor(rule, source);
        if (!forFile) {
          skipped++;
          expect(whole, `${rule.file}: ${source}`).toEqual([]);
          continue;
        }
        if (forFile !== compileRule(rule)) pruned++;
        expect(matches(root, forFile), `${rule.file}: ${source}`).toEqual(whole);
      }
    }
    // The test has teeth: many examples lack some of their rule's alternatives, some all of a required part.
    expect(pruned).toBeGreaterThan(100);
    expect(skipped).toBeGreaterThan(10);
  });

  it('leaves a file with a character outside the BMP to the whole rule', () => {
    const rule = { id: 'r', language: 'javascript', rule: { kind: 'string', any: [{ regex: 'a.b' }, { regex: 'zz' }] } } as unknown as AstRule;
    expect(compileRuleFor(rule, 'f("a😀b")')).toBe(compileRule(rule));
    expect(compileRuleFor(rule, 'f("axb")')).not.toBe(compileRule(rule));
  });
});

describe('textRegex', () => {
  it('finds in the file what Rust finds in a node: `.` takes a carriage return', () => {
    expect(textRegex('^a.b$')?.test('x = a\rb')).toBe(true);
    expect(textRegex('(?i)^(db|pool)\\.query$')?.test('await POOL.query(x)')).toBe(true);
  });

  it('lets a file with a character outside the BMP through the rule prefilter (JavaScript reads it as two)', () => {
    const rule = { id: 'r', language: 'javascript', rule: { kind: 'string', regex: '"a.b"' } } as unknown as AstRule;
    expect(rulePrefilter(rule)?.test('f("axb")')).toBe(true);
    expect(rulePrefilter(rule)?.test('f("ab")')).toBe(false);
    expect(rulePrefilter(rule)?.test('f("a😀b")')).toBe(true);
    expect(engine.sg.parse('javascript', 'f("a😀b")').root().findAll(compileRule(rule).config)).toHaveLength(1);
  });

  it('gives no test where the dialects part ways', () => {
    for (const regex of ['\\p{L}+', '[[a-z]&&[^x]]', '\\Aabc', 'a\\zb', '[^\\s]x', 'caf\u00e9', '[]a]', '\\Sx']) expect(textRegex(regex), regex).toBeNull();
  });
});
