import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadAstRules } from '../../../src/evidence/ast/loadAstRules.js';
import { ruleTextRegexes, textRegex, textRegexTable } from '../../../src/evidence/ast/rulePrefilter.js';
import { indexedTextRegex, readTextRegexIndex } from '../../../src/evidence/ast/textRegexIndex.js';

const rules = loadAstRules();

describe('the built text tests (textRegexIndex)', () => {
  it('hold, for every regex of every shipped rule and every prefilter, the translation textRegex makes', () => {
    const table = JSON.parse(JSON.stringify(textRegexTable(rules))) as ReturnType<typeof textRegexTable>;
    const regexes = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (k === 'regex' && typeof v === 'string') regexes.add(v);
          else walk(v);
        }
      }
    };
    for (const rule of rules) walk([rule.rule, rule.constraints, rule.utils]);
    expect(regexes.size).toBeGreaterThan(100);
    for (const regex of regexes) {
      const fresh = textRegex(regex);
      const built = indexedTextRegex(table, regex);
      expect(built === null ? null : { source: built?.source, flags: built?.flags }, regex).toEqual(fresh && { source: fresh.source, flags: fresh.flags });
    }
    // The prefilters' joined `any` tests are in it too.
    const prefilters = rules.flatMap((r) => ruleTextRegexes(r));
    for (const test of prefilters) expect(Object.values(table).some((e) => e?.[0] === test.source && e[1] === test.flags), test.source).toBe(true);
  });

  it('say "not built" for a regex they do not hold or a malformed entry, and null where there is no text test', () => {
    const table = { a: ['a', ''], b: null, c: ['(', ''], d: 'x', constructor: null } as unknown as Parameters<typeof indexedTextRegex>[0];
    expect(indexedTextRegex(table, 'a')?.test('xa')).toBe(true);
    expect(indexedTextRegex(table, 'b')).toBeNull();
    expect(indexedTextRegex(table, 'c')).toBeUndefined();
    expect(indexedTextRegex(table, 'd')).toBeUndefined();
    expect(indexedTextRegex(table, 'zz')).toBeUndefined();
    expect(indexedTextRegex({ a: ['a', ''] } as Parameters<typeof indexedTextRegex>[0], 'toString')).toBeUndefined();
  });

  it('are read from the build output, and not at all when it is missing or unreadable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'textregex-'));
    try {
      const file = join(dir, 'textRegexes.json');
      expect(readTextRegexIndex(pathToFileURL(file))).toBeUndefined();
      writeFileSync(file, '{"x":["x","i"]}');
      expect(readTextRegexIndex(pathToFileURL(file))).toEqual({ x: ['x', 'i'] });
      writeFileSync(file, '{not json');
      expect(readTextRegexIndex(pathToFileURL(file))).toBeUndefined();
      writeFileSync(file, '[1]');
      expect(readTextRegexIndex(pathToFileURL(file))).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
