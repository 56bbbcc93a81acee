import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROJECT_DOCS_URL } from '../../src/domain/projectDocsUrl.js';
import { sourceLabel } from '../../src/render/sourceLabel.js';

describe('sourceLabel', () => {
  it("names one of our rules and links its section of the project's docs/rules.md where the docs are published", () => {
    const base = 'https://github.com/example-org/agency/blob/main/';
    expect(sourceLabel({ kind: 'rule', id: 'sql-injection', url: 'docs/rules.md#sql-injection' }, base)).toBe(`rule [\`sql-injection\`](${base}docs/rules.md#sql-injection)`);
  });

  it('names our rule without a link while the project names no published repository (never a link to a site that does not exist)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { repository?: unknown };
    if (pkg.repository === undefined) expect(PROJECT_DOCS_URL).toBeUndefined();
    else expect(PROJECT_DOCS_URL).toMatch(/^https:\/\/.+\/blob\/[\w.-]+\/$/);
    expect(sourceLabel({ kind: 'rule', id: 'sql-injection', url: 'docs/rules.md#sql-injection' }, undefined)).toBe('rule `sql-injection`');
  });

  it('keeps https links of linters and leaves other relative or non-https links out', () => {
    expect(sourceLabel({ kind: 'squawk', id: 'ban-drop-column', url: 'https://squawkhq.com/docs/ban-drop-column' })).toBe('squawk [`ban-drop-column`](https://squawkhq.com/docs/ban-drop-column)');
    expect(sourceLabel({ kind: 'rule', id: 'x', url: '../../etc/passwd' })).toBe('rule `x`');
    expect(sourceLabel({ kind: 'rule', id: 'x', url: 'javascript:alert(1)' })).toBe('rule `x`');
  });
});
