import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadAstRules } from '../../../src/evidence/ast/loadAstRules.js';
import { rulesById, rulesReference } from '../../../src/evidence/ast/rulesReference.js';

const rules = loadAstRules();
const reference = rulesReference(rules);

describe('docs/rules.md', () => {
  it('is the page generated from the rule files (run `npm run rules:doc` after editing a rule)', () => {
    expect(readFileSync(new URL('../../../docs/rules.md', import.meta.url), 'utf8')).toBe(reference);
  });

  it('has a section, and a summary row linking to it, for every rule id a finding can name', () => {
    for (const id of new Set(rules.map((r) => r.id))) {
      expect(reference).toContain(`\n## ${id}\n`);
      expect(reference).toContain(`| [\`${id}\`](#${id}) |`);
    }
    expect(reference).toContain('\n## hardcoded-secret\n');
  });

  it("states each rule's what, why, fix and reference (from its first file in the registry's language order), and links every rule file", () => {
    for (const [id, files] of rulesById(rules)) {
      const first = files[0]!;
      expect(first.language, id).toBe('javascript');
      expect(reference).toContain(`**What.** ${first.metadata.what}`);
      expect(reference).toContain(`**Why.** ${first.metadata.why}`);
      expect(reference).toContain(`**How to fix.** ${first.metadata.fix}`);
      expect(reference).toContain(`**Reference.** <${first.metadata.reference}>`);
    }
    for (const rule of rules) expect(reference).toContain(`(../rules/${rule.file})`);
  });
});
