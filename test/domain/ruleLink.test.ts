import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROJECT_DOCS_URL } from '../../src/domain/projectDocsUrl.js';
import { ruleLink } from '../../src/domain/ruleLink.js';
import { MIGRATION_RULE_REFERENCES } from '../../src/evidence/migrations/migrationRules.js';
import { sourceLabel } from '../../src/render/sourceLabel.js';

describe('ruleLink', () => {
  it('links our own doc section once the docs are published, the cited reference until then', () => {
    expect(ruleLink('docs/rules.md#xxe', 'https://owasp.org/x', 'https://github.com/o/agency/blob/main/')).toBe('docs/rules.md#xxe');
    expect(ruleLink('docs/rules.md#xxe', 'https://owasp.org/x', undefined)).toBe('https://owasp.org/x');
  });

  it('gives every framework migration rule an https reference that sourceLabel renders as a link', () => {
    for (const [id, reference] of Object.entries(MIGRATION_RULE_REFERENCES)) {
      const url = ruleLink(`docs/migrations.md#${id}`, reference);
      if (PROJECT_DOCS_URL === undefined) expect(url).toBe(reference);
      expect(sourceLabel({ kind: 'rule', id, url })).toMatch(new RegExp(`^rule \\[\`${id}\`\\]\\(https://`));
    }
  });

  it('has docs/migrations.md give each framework rule its section and the same reference', () => {
    const doc = readFileSync(new URL('../../docs/migrations.md', import.meta.url), 'utf8');
    for (const [id, reference] of Object.entries(MIGRATION_RULE_REFERENCES)) {
      const section = doc.split(/^### /m).find((s) => s.startsWith(`${id}\n`));
      expect(section, id).toContain(`Reference: <${reference}>`);
    }
  });
});
