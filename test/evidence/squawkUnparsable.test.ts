import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/evidence/collectEvidence.js';
import { findSquawkBinary } from '../../src/evidence/findSquawkBinary.js';
import { runSquawk } from '../../src/evidence/runSquawk.js';
import { newFile } from './diffHelpers.js';

const at = (findings: Array<{ path: string | null; line: number | null; source: { id: string } }>) =>
  findings.filter((f) => !/^(prefer-|require-(lock|statement)-timeout)/.test(f.source.id)).map((f) => `${f.path}:${f.line} ${f.source.id}`).sort();

/** A NOT NULL column, then a MySQL-only statement (over two lines), then a non-concurrent index. */
const MIXED = [
  '-- orders: loyalty points',
  'ALTER TABLE orders ADD COLUMN points integer NOT NULL;',
  "ALTER TABLE orders MODIFY note VARCHAR(64)",
  "  NOT NULL COMMENT 'free text; shown to staff';",
  '',
  'CREATE INDEX orders_points ON orders (points);',
].join('\n');

describe('a statement squawk cannot parse does not cost the file its other findings (real squawk)', () => {
  let dir: string;
  let counting: string;
  let calls: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'squawk-retry-'));
    calls = join(dir, 'calls');
    counting = join(dir, 'squawk');
    // The real squawk, behind a wrapper that counts its processes and the files each was given.
    await writeFile(counting, `#!/bin/sh\necho "$#" >> '${calls}'\nexec '${findSquawkBinary() as string}' "$@"\n`);
    await chmod(counting, 0o755);
  });
  beforeEach(async () => {
    await rm(calls, { force: true });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const runs = async (): Promise<number[]> => {
    const text = await readFile(calls, 'utf8').catch(() => '');
    await rm(calls, { force: true });
    // `$#` counts the 5 flags before the file names.
    return text.trim().split('\n').filter(Boolean).map((n) => Number(n) - 5);
  };

  it('lints the rest of a .sql file: both findings on their source lines and one note naming the statement left out', async () => {
    const { findings, notes } = await runSquawk([{ path: 'db/migrations/007_points.sql', content: MIXED }], { binaryPath: counting });
    expect(at(findings)).toEqual(['db/migrations/007_points.sql:2 adding-required-field', 'db/migrations/007_points.sql:6 require-concurrent-index-creation']);
    expect(notes).toEqual([
      'squawk could not parse a statement of db/migrations/007_points.sql (lines 3-4): Missing semicolon between statements; it was left out and the rest of the file was linted (only Postgres SQL is linted).',
    ]);
    expect(await runs()).toEqual([1, 1]);
  });

  it('retries every affected file in one extra squawk process, and leaves a clean file out of the retry', async () => {
    const templated = 'CREATE INDEX {{ index_name }} ON parcels (weight);\nALTER TABLE parcels DROP COLUMN legacy;';
    const { findings, notes } = await runSquawk(
      [
        { path: 'a/007.sql', content: MIXED },
        { path: 'b/008.sql', content: templated },
        { path: 'c/009.sql', content: 'CREATE INDEX c_idx ON crates (lid);' },
      ],
      { binaryPath: counting },
    );
    expect(at(findings)).toEqual([
      'a/007.sql:2 adding-required-field',
      'a/007.sql:6 require-concurrent-index-creation',
      'b/008.sql:2 ban-drop-column',
      'c/009.sql:1 require-concurrent-index-creation',
    ]);
    expect(notes).toHaveLength(2);
    expect(notes[1]).toMatch(/^squawk could not parse a statement of b\/008\.sql \(line 1\): .*left out and the rest of the file was linted/);
    expect(await runs()).toEqual([3, 2]);
  });

  it('leaves out several bad statements at once and names their lines', async () => {
    const sql = ['ALTER TABLE a MODIFY x int;', 'ALTER TABLE a ADD COLUMN y bigint NOT NULL;', 'ALTER TABLE `a` ENGINE=InnoDB;', "SELECT $body$ ; MODIFY $body$, E'\\'; x';"].join('\n');
    const { findings, notes } = await runSquawk([{ path: 'm/1.sql', content: sql }], { binaryPath: counting });
    expect(at(findings)).toEqual(['m/1.sql:2 adding-required-field']);
    expect(notes).toEqual(['squawk could not parse 2 statements of m/1.sql (lines 1, 3): expected command, found IDENT; they were left out and the rest of the file was linted (only Postgres SQL is linted).']);
    expect(await runs()).toEqual([1, 1]);
  });

  it('gives just the note, and no second run, for a file that is all unparseable', async () => {
    const { findings, notes } = await runSquawk([{ path: 'm/mysql.sql', content: 'ALTER TABLE t MODIFY x INT;\nALTER TABLE `t` ENGINE=InnoDB;' }], { binaryPath: counting });
    expect(findings).toEqual([]);
    expect(notes).toEqual(['squawk could not parse m/mysql.sql (line 1): expected command, found IDENT; only Postgres SQL is linted.']);
    expect(await runs()).toEqual([1]);
  });

  it('maps an excerpt (added lines only) back to new-side lines', async () => {
    const { findings, notes } = await runSquawk([{ path: 'm/2.sql', content: MIXED, lines: [20, 21, 22, 23, 24, 25], changedLines: new Set([21, 22, 23, 25]) }], { binaryPath: counting });
    expect(at(findings)).toEqual(['m/2.sql:21 adding-required-field', 'm/2.sql:25 require-concurrent-index-creation']);
    expect(notes[0]).toMatch(/^squawk could not parse a statement of m\/2\.sql \(lines 22-23\)/);
    await runs();
  });

  it('holds the retry bound: no more extra runs than maxRetries, and the old note when squawk still cannot parse', async () => {
    const { findings, notes } = await runSquawk([{ path: 'm/3.sql', content: MIXED }], { binaryPath: counting, maxRetries: 0 });
    expect(findings).toEqual([]);
    expect(notes).toEqual(['squawk could not parse m/3.sql (line 3): Missing semicolon between statements; only Postgres SQL is linted.']);
    expect(await runs()).toEqual([1]);
  });
});

describe('a failed retry', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'squawk-retry-fail-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the first run\'s note rather than claiming the rest was linted', async () => {
    // The real squawk the first time, a crash the second.
    const flag = join(dir, 'ran');
    const script = join(dir, 'squawk');
    await writeFile(script, `#!/bin/sh\nif [ -e '${flag}' ]; then echo boom >&2; exit 101; fi\ntouch '${flag}'\nexec '${findSquawkBinary() as string}' "$@"\n`);
    await chmod(script, 0o755);
    const { findings, notes } = await runSquawk([{ path: 'm/4.sql', content: MIXED }], { binaryPath: script });
    expect(findings).toEqual([]);
    expect(notes).toEqual(['squawk could not parse m/4.sql (line 3): Missing semicolon between statements; only Postgres SQL is linted.']);
  });

  it('gives the retries only what is left of the time budget', async () => {
    // The real squawk the first time; a hang the second, cut at the budget's end, not a full timeout later.
    const flag = join(dir, 'ran-slow');
    const script = join(dir, 'squawk-slow');
    await writeFile(script, `#!/bin/sh\nif [ -e '${flag}' ]; then exec sleep 20; fi\ntouch '${flag}'\nexec '${findSquawkBinary() as string}' "$@"\n`);
    await chmod(script, 0o755);
    const started = Date.now();
    const { findings, notes } = await runSquawk([{ path: 'm/5.sql', content: MIXED }], { binaryPath: script, timeoutMs: 2000 });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(findings).toEqual([]);
    expect(notes).toEqual(['squawk could not parse m/5.sql (line 3): Missing semicolon between statements; only Postgres SQL is linted.']);
  });
});

describe('a translated framework migration with a non-Postgres raw statement (real squawk)', () => {
  it('Knex: the NOT NULL column and the blocking index are reported on their source lines, the raw MySQL statement noted', async () => {
    const file = newFile('migrations/20240301120000_loyalty.js', [
      'exports.up = async function (knex) {',
      "  await knex.schema.alterTable('orders', (table) => {",
      "    table.integer('points').notNullable();",
      '  });',
      "  await knex.raw('ALTER TABLE orders MODIFY note VARCHAR(64) NOT NULL');",
      "  await knex.schema.alterTable('orders', (table) => {",
      "    table.index(['points'], 'orders_points_idx');",
      '  });',
      '};',
      'exports.down = async function () {};',
    ]);
    const { findings, notes } = await collectEvidence([file]);
    const path = 'migrations/20240301120000_loyalty.js';
    expect(at(findings)).toEqual([`${path}:3 adding-required-field`, `${path}:7 require-concurrent-index-creation`]);
    expect(notes.filter((n) => n.startsWith('squawk'))).toEqual([
      `squawk could not parse a statement of ${path} (line 5): expected command, found IDENT; it was left out and the rest of the file was linted (only Postgres SQL is linted).`,
    ]);
  });
});
