import { describe, expect, it } from 'vitest';
import { PROJECT_DOCS_URL } from '../../src/render/projectDocsUrl.js';
import { sourceLabel } from '../../src/render/sourceLabel.js';

describe('sourceLabel', () => {
  it("names one of our rules and links its section of the project's docs/rules.md", () => {
    expect(sourceLabel({ kind: 'rule', id: 'sql-injection', url: 'docs/rules.md#sql-injection' })).toBe(`rule [\`sql-injection\`](${PROJECT_DOCS_URL}docs/rules.md#sql-injection)`);
  });

  it('keeps https links of linters and leaves other relative or non-https links out', () => {
    expect(sourceLabel({ kind: 'squawk', id: 'ban-drop-column', url: 'https://squawkhq.com/docs/ban-drop-column' })).toBe('squawk [`ban-drop-column`](https://squawkhq.com/docs/ban-drop-column)');
    expect(sourceLabel({ kind: 'rule', id: 'x', url: '../../etc/passwd' })).toBe('rule `x`');
    expect(sourceLabel({ kind: 'rule', id: 'x', url: 'javascript:alert(1)' })).toBe('rule `x`');
  });
});
