import { describe, expect, it } from 'vitest';
import { annotationLabels, kindOf, parseAnnotations } from '../../bench/heldout/labels.js';
import { caseOf, loadSets, manifestProblems, type HeldoutSource } from '../../bench/heldout/manifest.js';
import { scoreCode, scoreMigration, type Hit, type Label } from '../../bench/heldout/score.js';
import { caseFinding, migrationFinding, newFileDiff } from '../../bench/heldout/heldoutBench.js';

const label = (line: number, expect: 'unsafe' | 'safe', kind = 'sql-injection', file = 'a.py'): Label => ({ file, lang: 'python', line, expect, kind });
const hit = (line: number, rule: string, file = 'a.py'): Hit => ({ file, line, rule });

describe('held-out scoring', () => {
  it('counts an unsafe label found when a finding is within two lines, and missed beyond', () => {
    const s = scoreCode([label(10, 'unsafe'), label(30, 'unsafe'), label(50, 'unsafe')], [hit(12, 'sql-injection'), hit(33, 'sql-injection'), hit(50, 'select-star')]);
    expect(s.all).toMatchObject({ unsafe: 3, found: 2, foundOwn: 1 });
    expect(s.missed.map((l) => l.line)).toEqual([30]);
  });

  it('counts a safe label flagged only by a finding on exactly that line, by any rule and by its own kind', () => {
    const s = scoreCode([label(5, 'safe'), label(9, 'safe'), label(20, 'safe', 'ssrf')], [hit(6, 'sql-injection'), hit(9, 'sql-injection'), hit(20, 'missing-timeout')]);
    expect(s.all).toMatchObject({ safe: 3, flagged: 2, flaggedOwn: 1 });
    expect(s.byKind.get('ssrf')).toMatchObject({ safe: 1, flagged: 1, flaggedOwn: 0 });
    expect(s.safeFlagged.map((f) => `${f.label.line} ${f.rules.join(',')}`)).toEqual(['9 sql-injection', '20 missing-timeout']);
  });

  it('also counts a safe label with a finding within ±2 lines that no unsafe label explains', () => {
    // 12 is near the safe label at 10 only; 21 is near the unsafe label at 22 too, so it is that label's finding.
    const labels = [label(10, 'safe'), label(20, 'safe'), label(22, 'unsafe'), label(40, 'safe')];
    const s = scoreCode(labels, [hit(12, 'select-star'), hit(21, 'sql-injection'), hit(40, 'sql-injection')]);
    expect(s.all).toMatchObject({ safe: 3, flagged: 1, flaggedNear: 2 });
    expect(s.safeFlaggedNear.map((f) => `${f.label.line} ${f.hits.map((h) => h.line).join(',')}`)).toEqual(['10 12']);
  });

  it('does not credit a finding in another file', () => {
    const s = scoreCode([label(3, 'unsafe', 'ssrf', 'x.go')], [hit(3, 'ssrf', 'y.go')]);
    expect(s.all.found).toBe(0);
  });

  it('takes a custom own-rule test (secret findings of several engines)', () => {
    const own = (kind: string, rule: string) => kind === 'hardcoded-secret' && rule.startsWith('@secretlint/');
    const s = scoreCode([label(1, 'unsafe', 'hardcoded-secret')], [hit(1, '@secretlint/secretlint-rule-aws')], own);
    expect(s.all.foundOwn).toBe(1);
  });

  it('scores migration cases as a whole', () => {
    const s = scoreMigration([
      { file: 'm1.py', expect: 'unsafe', findings: 2 },
      { file: 'm2.py', expect: 'unsafe', findings: 0 },
      { file: 'm3.py', expect: 'safe', findings: 1 },
      { file: 'm4.py', expect: 'safe', findings: 0 },
    ]);
    expect(s).toMatchObject({ unsafe: 2, unsafeFlagged: 1, safe: 2, safeFlagged: 1, missed: ['m2.py'], falseFlags: ['m3.py'] });
  });
});

describe('held-out labels', () => {
  it('labels the next code line, skipping blank and comment lines; a trailing annotation labels its own line', () => {
    const text = ['// ruleid: rule-a', '', '// an explanation', 'callA();', 'callB(); // ok: rule-b', '# todoruleid: rule-c', 'callC()', '#ok:rule-d, rule-e', 'callD()'].join('\n');
    expect(parseAnnotations(text)).toEqual([
      { line: 4, expect: 'unsafe', rules: ['rule-a'] },
      { line: 5, expect: 'safe', rules: ['rule-b'] },
      { line: 9, expect: 'safe', rules: ['rule-d', 'rule-e'] },
    ]);
  });

  it('maps rule ids to kinds: exact key first, then the longest key the id contains, null for not ours', () => {
    const map = { sqli: 'sql-injection', 'node-sqli-extra': 'other', redirect: 'open-redirect', 'xss-reflected-': null };
    expect(kindOf('node-sqli-extra', map)).toBe('other');
    expect(kindOf('pg-sqli', map)).toBe('sql-injection');
    expect(kindOf('check-redirect-to', map)).toBe('open-redirect');
    expect(kindOf('xss-reflected-redirect', map)).toBeNull();
    expect(kindOf('unrelated', map)).toBeNull();
    expect(kindOf('pg-sqli', { 'pg-sqli': 'custom' }, map)).toBe('custom');
  });

  it('keeps one label per line, expectation and kind, and drops ids of no kind', () => {
    const text = ['# ruleid: pg-sqli, node-sqli', 'q()', '# ok: some-xss', 'r()'].join('\n');
    expect(annotationLabels(text, { rules: { sqli: 'sql-injection' } })).toEqual([{ line: 2, expect: 'unsafe', kind: 'sql-injection' }]);
  });
});

describe('held-out manifests and diffs', () => {
  it('reports a malformed source', () => {
    const problems = manifestProblems({ set: 'x', kind: 'code', sources: [{ repo: 'a', commit: 'abc', path: '../up', labels: 'annotations' }] });
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('owner/name'), expect.stringContaining('40 hex'), expect.stringContaining('path')]));
    expect(manifestProblems({ set: 'm', kind: 'migration', sources: [{ repo: 'o/n', commit: 'a'.repeat(40), path: 'db/1.rb' }] })).toEqual([expect.stringContaining('expect')]);
  });

  it('takes unlabelled real application code as a set of its own kind, and every committed set loads', () => {
    expect(manifestProblems({ set: 'r', kind: 'real', sources: [{ repo: 'o/n', commit: 'a'.repeat(40), path: 'app/views.py' }] })).toEqual([]);
    expect(manifestProblems({ set: 'r', kind: 'other' as never, sources: [] })).toEqual([expect.stringContaining('code, migration, real or case')]);
    const real = loadSets().filter((s) => s.kind === 'real');
    expect(real.map((s) => s.set)).toEqual(['realapps']);
    expect(new Set(real[0]?.sources.map((s) => s.repo)).size).toBeGreaterThanOrEqual(40);
  });

  it('takes whole-file code cases that name their label and the rule whose findings count; counts a finding by the rule id it starts', () => {
    const at = { repo: 'o/n', commit: 'a'.repeat(40), path: 'go/h.go' };
    expect(manifestProblems({ set: 'c', kind: 'case', sources: [{ ...at, expect: 'unsafe', rule: 'ssrf' }] })).toEqual([]);
    expect(manifestProblems({ set: 'c', kind: 'case', sources: [{ ...at, rule: 'ssrf' }] })).toEqual([expect.stringContaining('a case case needs expect')]);
    expect(manifestProblems({ set: 'c', kind: 'case', sources: [{ ...at, expect: 'safe' }] })).toEqual([expect.stringContaining('the rule whose findings count')]);
    const hit = (rule: string) => ({ file: 'h.go', line: 3, rule });
    expect(caseFinding({ rule: 'hardcoded-' }, hit('hardcoded-secret/private-key'))).toBe(true);
    expect(caseFinding({ rule: 'hardcoded-' }, hit('hardcoded-signing-secret'))).toBe(true);
    expect(caseFinding({ rule: 'ssrf' }, hit('missing-timeout'))).toBe(false);
    const cases = loadSets().filter((s) => s.kind === 'case');
    expect(cases.map((s) => s.set)).toEqual(['owasp-java', 'sast-go']);
    const [java, go] = cases.map((s) => s.sources);
    // The Go benchmark's answer key is balanced; the set keeps every case of the taken categories.
    expect(go?.filter((s) => s.expect === 'unsafe').length).toBe(148);
    expect(go?.filter((s) => s.expect === 'safe').length).toBe(146);
    // OWASP's: as many safe as vulnerable cases of each kind, each a Java file reviewed under a neutral name.
    for (const rule of ['command-injection', 'path-traversal', 'sql-injection']) {
      const mine = java?.filter((s) => s.rule === rule) ?? [];
      expect(mine.filter((s) => s.expect === 'unsafe').length, rule).toBe(mine.filter((s) => s.expect === 'safe').length);
    }
    expect(java?.length).toBe(240);
    expect(java?.every((s) => /^src\/main\/java\/com\/example\/web\/Handler\d{5}\.java$/.test(s.as ?? ''))).toBe(true);
  });

  it('builds a new-file diff with one added line per line of the text', () => {
    expect(newFileDiff('src/a.py', 'x = 1\r\ny = 2\n')).toBe(
      ['diff --git a/src/a.py b/src/a.py', 'new file mode 100644', '--- /dev/null', '+++ b/src/a.py', '@@ -0,0 +1,2 @@', '+x = 1', '+y = 2', ''].join('\n'),
    );
  });
});

describe('held-out migration cases', () => {
  const source = (over: Partial<HeldoutSource>): HeldoutSource => ({ repo: 'o/r', commit: 'a'.repeat(40), path: 'f.py', expect: 'unsafe', ...over });

  it('cuts the lines of a case, puts the wrap before them, and maps a reviewed line back to the file', () => {
    const whole = ['a', 'b', '    op.drop_column("t", "c")', '    op.add_column("t", x)', 'e'].join('\n');
    const { text, toSource } = caseOf(source({ lines: [3, 4], wrap: 'alembic-upgrade' }), whole);
    expect(text).toBe('from alembic import op\n\n\ndef upgrade():\n    op.drop_column("t", "c")\n    op.add_column("t", x)\n');
    expect(toSource(5)).toBe(3);
    expect(toSource(6)).toBe(4);
    expect(caseOf(source({}), whole)).toMatchObject({ text: whole });
  });

  it('counts only migration findings, and only the named rule where the case names one', () => {
    const hit = { file: 'm.sql', line: 1, rule: 'require-lock-timeout', category: 'migration' };
    expect(migrationFinding(source({}), hit)).toBe(true);
    expect(migrationFinding(source({ rule: 'adding-field-with-default' }), hit)).toBe(false);
    expect(migrationFinding(source({ rule: 'adding-field-with-default' }), { ...hit, rule: 'adding-field-with-default' })).toBe(true);
    expect(migrationFinding(source({}), { ...hit, category: 'security' })).toBe(false);
  });

  it('refuses an unknown wrap, and a wrap without lines', () => {
    const set = (s: HeldoutSource) => manifestProblems({ set: 'x', kind: 'migration', sources: [s] });
    expect(set(source({ lines: [1, 2], wrap: 'rails-class' as never })).join()).toMatch(/wrap must be one of alembic-upgrade/);
    expect(set(source({ wrap: 'alembic-upgrade' })).join()).toMatch(/wrap needs lines/);
  });
});
