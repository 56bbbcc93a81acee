import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/evidence/collectEvidence.js';
import { parseUnifiedDiff } from '../../src/evidence/parseUnifiedDiff.js';
import { severityRank } from '../../src/domain/findingSchema.js';
import { fileFromLines, newFile } from './diffHelpers.js';

const AWS_ID = 'AKIAQSLOJOLIENSB3IAR';
const AWS_SECRET = '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';
const files = parseUnifiedDiff(readFileSync(new URL('../fixtures/diffs/backend-pr.diff', import.meta.url), 'utf8'));

describe('collectEvidence on a realistic pull request', () => {
  const evidence = collectEvidence(files);
  const at = async (path: string, line: number) =>
    (await evidence).findings.filter((f) => f.path === path && f.line === line).map((f) => `${f.severity} ${f.source.id}`);

  it('reports the NOT NULL column and the blocking index on their migration lines', async () => {
    const migration = 'db/migrations/20240501120000_add_tenant_to_users.sql';
    expect(await at(migration, 2)).toContain('blocker adding-required-field');
    expect(await at(migration, 4)).toContain('major require-concurrent-index-creation');
  });

  it('reports SQL built from the request (at the query, two statements later) and the unguarded route', async () => {
    expect(await at('src/routes/users.ts', 13)).toEqual([]);
    expect(await at('src/routes/users.ts', 14)).toEqual(['blocker sql-injection']);
    expect(await at('src/routes/users.ts', 12)).toEqual(['major route-without-auth']);
  });

  it('reports the AWS key id and secret on their config lines, never verbatim', async () => {
    expect(await at('config/production.ts', 5)).toEqual(['blocker hardcoded-secret/aws-access-key-id']);
    expect(await at('config/production.ts', 6)).toEqual(['blocker hardcoded-secret/aws-secret-access-key']);
    const { findings } = await evidence;
    for (const finding of findings) {
      for (const value of Object.values(finding)) {
        expect(JSON.stringify(value)).not.toContain(AWS_ID);
        expect(JSON.stringify(value)).not.toContain(AWS_SECRET);
      }
    }
  });

  it('finds nothing in the lockfile, and sorts by severity then path and line', async () => {
    const { findings, notes } = await evidence;
    expect(notes).toEqual([]);
    expect(findings.some((f) => f.path === 'package-lock.json')).toBe(false);
    const ranks = findings.map((f) => severityRank(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const blockers = findings.filter((f) => f.severity === 'blocker').map((f) => `${f.path}:${f.line}`);
    expect(blockers).toEqual([
      'config/production.ts:5',
      'config/production.ts:6',
      'db/migrations/20240501120000_add_tenant_to_users.sql:2',
      'src/routes/users.ts:14',
    ]);
  });
});

describe('collectEvidence options and edge cases', () => {
  const modifiedMigration = () =>
    fileFromLines('db/migrations/005_orders.sql', [' CREATE INDEX idx_a ON orders(a);', '+ALTER TABLE orders DROP COLUMN legacy;'], 1);

  it('lints the full migration when it can read it, reporting only on changed lines', async () => {
    const full = 'CREATE INDEX idx_a ON orders(a);\nALTER TABLE orders DROP COLUMN legacy;\n';
    const { findings, notes } = await collectEvidence([modifiedMigration()], { readFile: async () => full });
    expect(notes).toEqual([]);
    expect(findings.map((f) => `${f.line} ${f.source.id}`)).toContain('2 ban-drop-column');
    expect(findings.some((f) => f.source.id === 'require-concurrent-index-creation')).toBe(false);
  });

  it('falls back to the added lines (with a note) when the file cannot be read', async () => {
    const { findings, notes } = await collectEvidence([modifiedMigration()], {
      readFile: async () => {
        throw new Error('404');
      },
    });
    expect(findings.find((f) => f.source.id === 'ban-drop-column')?.line).toBe(2);
    expect(notes).toEqual(['squawk read only the added lines of db/migrations/005_orders.sql (the full file was not available).']);
  });

  it('skips down migrations and non-SQL migrations for squawk', async () => {
    const { findings } = await collectEvidence([
      newFile('migrations/000001_users.down.sql', ['DROP TABLE users;']),
      newFile('db/migrate/20240501_drop.rb', ['remove_column :users, :legacy']),
    ]);
    expect(findings).toEqual([]);
  });

  it('still scans ignored files for secrets, but runs no rules there', async () => {
    const bundle = newFile('dist/bundle.js', ['db.query("SELECT * FROM t WHERE id = " + req.params.id);', `var k="${AWS_ID}";`]);
    const { findings } = await collectEvidence([bundle], { ignore: ['**/dist/**'] });
    expect(findings.map((f) => `${f.line} ${f.source.id}`)).toEqual(['2 hardcoded-secret/aws-access-key-id']);
  });

  it('does not run rules on tests, and ignores binary and removed files', async () => {
    const { findings } = await collectEvidence([
      newFile('test/users.test.ts', ['db.query("SELECT * FROM t WHERE id = " + id);']),
      { ...newFile('assets/x.png', []), binary: true },
      fileFromLines('src/old.ts', ['-db.query("SELECT * FROM t WHERE id = " + id);'], 1, 'removed'),
    ]);
    expect(findings).toEqual([]);
  });

  it('deduplicates identical findings', async () => {
    const file = newFile('src/repo.ts', ['db.query("SELECT * FROM t WHERE id = " + id);']);
    const { findings } = await collectEvidence([file, file]);
    expect(findings.filter((f) => f.source.id === 'sql-injection')).toHaveLength(1);
  });
});
