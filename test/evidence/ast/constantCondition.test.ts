import type { SgNode } from '@ast-grep/napi';
import { describe, expect, it } from 'vitest';
import type { ParseLanguage } from '../../../src/evidence/ast/astGrep.js';
import { loadAstGrep } from '../../../src/evidence/ast/astGrep.js';
import { constantValue, type ConstantContext, type Value } from '../../../src/evidence/ast/constantCondition.js';
import { NodeFacts } from '../../../src/evidence/ast/NodeFacts.js';

const engine = loadAstGrep();
if ('error' in engine) throw new Error(engine.error);
const { sg } = engine;

/** The value of `expression`, parsed as the right side of an assignment; `names` gives each name's values (as source text). */
function valueOf(lang: ParseLanguage, expression: string, names: Record<string, string[]> = {}): Value | undefined {
  const source = { java: `class A { void f() { boolean x = ${expression}; } }`, go: `package a\nfunc f() { x := ${expression} }`, python: `x = ${expression}\n`, javascript: `const x = ${expression};` }[lang as 'java'];
  const kind = { java: 'variable_declarator', go: 'short_var_declaration', python: 'assignment', javascript: 'variable_declarator' }[lang as 'java'];
  const valueIn = (text: string): SgNode => {
    const declared = sg.parse(lang, text).root().find({ rule: { kind } });
    const v = declared?.field('value') ?? declared?.field('right');
    if (!v) throw new Error(`no value in ${text}`);
    return v;
  };
  const facts = new NodeFacts();
  const value = valueIn(source);
  const parse = (text: string): SgNode => valueIn(source.replace(expression, text));
  const cx: ConstantContext = {
    kind: (n) => facts.kind(n),
    text: (n) => facts.text(n),
    children: (n) => facts.children(n),
    named: (n) => facts.named(n),
    valuesOf: (id) => (names[facts.text(id)] ?? []).map(parse),
    isIdentifier: (n) => facts.kind(n) === 'identifier',
    integerDivision: lang === 'java' || lang === 'go',
  };
  return constantValue(value, cx);
}

describe('constantValue', () => {
  it('evaluates arithmetic, comparisons and logic over literals, in each grammar', () => {
    expect(valueOf('java', '(7*42) - 106 > 200')).toBe(false);
    expect(valueOf('java', '(7*18) + 106 > 200')).toBe(true);
    expect(valueOf('go', '7*42 > 200 && len("abcd") == 4')).toBe(true);
    expect(valueOf('python', 'not (3 > 2) or 10 % 4 == 2')).toBe(true);
    expect(valueOf('javascript', '!(4 % 3 === 1)')).toBe(false);
    expect(valueOf('javascript', '-(2 - 5) >= 3')).toBe(true);
  });

  it('reads a name given exactly one constant before, and nothing else', () => {
    expect(valueOf('java', 'num * 2 > 200', { num: ['106'] })).toBe(true);
    expect(valueOf('java', 'num * 2 > 200', { num: ['106', '20'] })).toBeUndefined();
    expect(valueOf('java', 'num * 2 > 200', { num: ['request.getContentLength()'] })).toBeUndefined();
    expect(valueOf('java', 'num > 2')).toBeUndefined();
  });

  it('reads plain string and character literals, and a character of a constant string', () => {
    expect(valueOf('python', '"a" == "a"')).toBe(true);
    expect(valueOf('java', "'B'")).toBe('B');
    expect(valueOf('java', 'guess.charAt(1)', { guess: ['"ABC"'] })).toBe('B');
    expect(valueOf('java', '"ABC".charAt(2) == \'C\'')).toBe(true);
    expect(valueOf('javascript', 'mode.charAt(0) === "x"', { mode: ["'xyz'"] })).toBe(true);
    // Out of range, an unknown string, an escape: not decoded.
    expect(valueOf('java', 'guess.charAt(3)', { guess: ['"ABC"'] })).toBeUndefined();
    expect(valueOf('java', 'guess.charAt(1)', { guess: ['request.getParameter("g")'] })).toBeUndefined();
    expect(valueOf('java', '"a\\"b"')).toBeUndefined();
    // Loose equality across types is the language's own (`'5' == 5` holds in JavaScript and PHP).
    expect(valueOf('javascript', '"5" == 5')).toBeUndefined();
    expect(valueOf('javascript', '"5" === 5')).toBe(false);
  });

  it('is undefined for anything that is not a constant (calls, fields, division by zero)', () => {
    expect(valueOf('java', 'items.size() > 2')).toBeUndefined();
    expect(valueOf('go', 'r.Method == "HEAD"')).toBeUndefined();
    expect(valueOf('python', 'name == "a"')).toBeUndefined();
    expect(valueOf('javascript', '4 / 0 > 1')).toBeUndefined();
    // Where languages disagree: an inexact quotient, a negative remainder, a product past a 32-bit int.
    expect(valueOf('python', '7 / 2 > 3')).toBeUndefined();
    expect(valueOf('python', '8 / 2 == 4')).toBe(true);
    expect(valueOf('java', '(500 / 42) + 190 > 200')).toBe(true);
    expect(valueOf('python', '-7 % 3 == 2')).toBeUndefined();
    expect(valueOf('java', '100000 * 100000 > 0')).toBeUndefined();
  });
});
