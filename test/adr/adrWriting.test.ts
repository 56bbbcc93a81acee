import { describe, expect, it } from 'vitest';
import { adrBranchName, adrPath, adrSlugOf, parseAdrBranch } from '../../src/adr/adrPaths.js';
import { markSuperseded } from '../../src/adr/markSuperseded.js';
import { parseAdrFile } from '../../src/adr/parseAdrFile.js';
import { parsePlanDecisions } from '../../src/adr/parsePlanDecisions.js';
import { renderPlan } from '../../src/render/renderPlan.js';
import { OFFLINE_INFO, PLAN, REPO_URL } from '../render/fixtures.js';

describe('parsePlanDecisions', () => {
  it('reads back every proposed decision renderPlan wrote', () => {
    const body = renderPlan(PLAN, { marker: { family: 'plan' }, info: OFFLINE_INFO, repoUrl: REPO_URL, requester: 'lead', notices: [] });
    const parsed = parsePlanDecisions(body);
    expect(PLAN.proposedDecisions.length).toBeGreaterThan(1);
    expect([...parsed.keys()]).toEqual(PLAN.proposedDecisions.map((_, i) => i + 1));
    PLAN.proposedDecisions.forEach((d, i) => {
      const got = parsed.get(i + 1)!;
      expect(got.title).toBe(d.title);
      expect(got.decision.replace(/\s+/g, ' ')).toBe(d.decision.replace(/\s+/g, ' '));
      expect(got.alternatives).toEqual(d.alternatives);
    });
  });

  it('ignores text outside the list item, other checkboxes and boxes in code', () => {
    // (A line right after the decision, unindented, would continue its paragraph, as GitHub renders it.)
    const parsed = parsePlanDecisions('- [ ] Something else\n- [x] Record as ADR 2: Use queues\n\n  Jobs go to a queue.\n\nNot part of it.\n\n```\n- [x] Record as ADR 3: In code\n```\n');
    expect([...parsed.keys()]).toEqual([2]);
    expect(parsed.get(2)).toEqual({ title: 'Use queues', decision: 'Jobs go to a queue.', rationale: '', alternatives: [] });
  });
});

describe('markSuperseded', () => {
  it('finds the Status section as parsed: a `## Status` line in code is not it', () => {
    const out = markSuperseded('# 1. Use X\n\n```md\n## Status\n\nExample\n```\n\n## Status\n\nAccepted\n\n## Context\n\nc\n', 2, '0002-use-y.md');
    expect(out).toContain('```md\n## Status\n\nExample\n```');
    expect(out).toContain('## Status\n\nSuperseded by [0002](0002-use-y.md)\n\n## Context');
  });

  it('sets status and superseded_by in front matter and keeps the body', () => {
    const out = markSuperseded('---\nnumber: 1\ntitle: "Use X: now"\nstatus: accepted\n---\n# 0001. Use X\n\nBody.\n', 4, '0004-use-y.md');
    expect(out).toMatch(/^superseded_by:\n {2}- 4$/m);
    expect(parseAdrFile('0001-use-x.md', out)).toMatchObject({ number: 1, title: 'Use X: now', status: 'superseded', supersededBy: [4] });
    expect(out).toContain('\nBody.\n');
  });

  it('rewrites an adr-tools status section, or adds front matter', () => {
    const tools = markSuperseded('# 1. Use X\n\n## Status\n\nAccepted\n\n## Context\n\nc\n', 2, '0002-use-y.md');
    expect(parseAdrFile('0001-use-x.md', tools)).toMatchObject({ status: 'superseded', supersededBy: [2] });
    expect(tools).toContain('## Context\n\nc');
    expect(parseAdrFile('0001-use-x.md', markSuperseded('# Use X\n', 3, '0003-y.md'))).toMatchObject({ status: 'superseded', supersededBy: [3] });
  });
});

describe('ADR paths and branches', () => {
  it('branch and file share the slug; branch names parse back', () => {
    expect(adrBranchName(7, 'Use ../../etc/passwd')).toBe('agency/adr-0007-use-etc-passwd');
    expect(parseAdrBranch('agency/adr-0007-use-etc-passwd')).toEqual({ number: 7, slug: 'use-etc-passwd' });
    expect(parseAdrBranch('agency/other')).toBeUndefined();
    expect(adrSlugOf('docs/adr/0007-use-etc-passwd.md')).toBe('use-etc-passwd');
  });

  it('refuses anything outside the directory', () => {
    expect(adrPath('.agency/decisions/', '0001-x.md')).toBe('.agency/decisions/0001-x.md');
    for (const [dir, name] of [
      ['.agency/decisions', '../x.md'],
      ['.agency/decisions', 'a/b.md'],
      ['.agency/decisions', 'a\\b.md'],
      ['.agency/decisions', 'x\u0000.md'],
      ['../outside', 'x.md'],
      ['/etc', 'x.md'],
      ['a/./b', 'x.md'],
    ]) {
      expect(() => adrPath(dir!, name!), `${dir} ${name}`).toThrow(/unsafe/);
    }
  });
});
