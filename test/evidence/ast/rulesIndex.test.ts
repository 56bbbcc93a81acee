import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinRulesDir, loadAstRules } from '../../../src/evidence/ast/loadAstRules.js';
import { buildRulesIndex, indexedRule, readRulesIndex } from '../../../src/evidence/ast/rulesIndex.js';

const dir = builtinRulesDir();
const textOf = (file: string) => readFileSync(join(dir, file), 'utf8');

describe('the build-time rules index', () => {
  it('gives, through JSON, exactly the rules the strict YAML parse gives', () => {
    const strict = loadAstRules(dir);
    const tmp = mkdtempSync(join(tmpdir(), 'agency-index-'));
    try {
      const path = join(tmp, 'rules.json');
      writeFileSync(path, JSON.stringify(buildRulesIndex(strict, textOf)));
      const index = readRulesIndex(pathToFileURL(path));
      expect(index && Object.keys(index)).toEqual(strict.map((r) => r.file));
      for (const rule of strict) expect(indexedRule(index!, rule.file, textOf(rule.file))).toEqual(rule);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('serves no entry for a rule file whose text changed since the build', () => {
    const [rule] = loadAstRules(dir);
    const index = buildRulesIndex([rule!], textOf);
    expect(indexedRule(index, rule!.file, textOf(rule!.file))).toEqual(rule);
    expect(indexedRule(index, rule!.file, `${textOf(rule!.file)}\n# edited`)).toBeUndefined();
    expect(indexedRule(index, 'other.js.yml', textOf(rule!.file))).toBeUndefined();
  });

  it('reads as absent when missing or not JSON', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'agency-index-'));
    try {
      expect(readRulesIndex(pathToFileURL(join(tmp, 'none.json')))).toBeUndefined();
      writeFileSync(join(tmp, 'bad.json'), '{ not json');
      expect(readRulesIndex(pathToFileURL(join(tmp, 'bad.json')))).toBeUndefined();
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
