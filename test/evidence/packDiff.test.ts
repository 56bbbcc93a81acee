import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backendRank } from '../../src/evidence/backendRank.js';
import { estimateTokens } from '../../src/evidence/estimateTokens.js';
import { packDiff } from '../../src/evidence/packDiff.js';
import { diffFileFromPatch, parseUnifiedDiff } from '../../src/evidence/parseUnifiedDiff.js';
import { DEFAULT_BACKEND_PATHS, DEFAULT_IGNORE_PATHS } from '../../src/config/configSchema.js';
import { fileFromLines, newFile } from './diffHelpers.js';

const files = parseUnifiedDiff(readFileSync(new URL('../fixtures/diffs/backend-pr.diff', import.meta.url), 'utf8'));
const defaults = { backend: DEFAULT_BACKEND_PATHS, ignore: DEFAULT_IGNORE_PATHS, tokenBudget: 60_000, maxFiles: 300 };

describe('packDiff on a realistic pull request', () => {
  const packed = packDiff(files, defaults);

  it('leaves the lockfile out, with the reason', () => {
    expect(packed.files.map((f) => f.path)).not.toContain('package-lock.json');
    expect(packed.notReviewed).toEqual([{ path: 'package-lock.json', reason: expect.stringMatching(/^ignored/) }]);
  });

  it('orders by backend relevance: migration, then route, then config', () => {
    expect(packed.files.map((f) => f.path)).toEqual(['db/migrations/20240501120000_add_tenant_to_users.sql', 'src/routes/users.ts', 'config/production.ts']);
  });

  it('redacts the AWS key in the packed patch', () => {
    const config = packed.files.find((f) => f.path === 'config/production.ts');
    expect(config?.patch).not.toContain('AKIAQSLOJOLIENSB3IAR');
    expect(config?.patch).not.toContain('skH53rGTD/2U3OpSH5r44wLzwTGV6HJYq/EEyUqj');
    expect(config?.patch).toContain("+    accessKeyId: 'AKIA************3IAR',");
  });

  it('counts every changed line in the total, ignored ones included', () => {
    expect(packed.coverage).toEqual({ reviewedLines: 15, totalLines: 29 });
  });
});

describe('packDiff budget and limits', () => {
  const hunk = (start: number, n: number) => [`@@ -${start},${n} +${start},${n} @@`, ...Array.from({ length: n }, (_, i) => `-old ${start + i}`), ...Array.from({ length: n }, (_, i) => `+new line ${start + i} with some text`)];
  const twoHunks = () => diffFileFromPatch('src/services/a.ts', 'modified', [...hunk(1, 10), ...hunk(100, 10)].join('\n'));

  it('packs whole files while they fit, then the hunks of a file that fits only in part', () => {
    const file = twoHunks();
    const oneHunk = estimateTokens(hunk(1, 10).join('\n'));
    const packed = packDiff([file], { ...defaults, tokenBudget: oneHunk + 30 });
    expect(packed.files).toHaveLength(1);
    expect(packed.files[0]?.patch).toBe(hunk(1, 10).join('\n'));
    expect(packed.notReviewed).toEqual([{ path: 'src/services/a.ts', reason: 'over the token budget: lines 100–109 not read by the reviewer; squawk, the secret scan and the code rules still checked it' }]);
    expect(packed.coverage).toEqual({ reviewedLines: 20, totalLines: 40 });
  });

  it('cuts a single huge hunk short under a recounted header', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `export const value${i} = ${i};`);
    const packed = packDiff([newFile('src/services/big.ts', lines)], { ...defaults, tokenBudget: 1000 });
    const patch = packed.files[0]?.patch ?? '';
    const kept = patch.split('\n').filter((l) => l.startsWith('+')).length;
    expect(kept).toBeGreaterThan(100);
    expect(kept).toBeLessThan(2000);
    expect(patch.split('\n')[0]).toBe(`@@ -0,0 +1,${kept} @@`);
    expect(estimateTokens(patch)).toBeLessThanOrEqual(1000);
    expect(packed.notReviewed).toEqual([{ path: 'src/services/big.ts', reason: `over the token budget: lines ${kept + 1}–2000 not read by the reviewer; squawk, the secret scan and the code rules still checked it` }]);
    expect(packed.coverage).toEqual({ reviewedLines: kept, totalLines: 2000 });
  });

  it('lists files that do not fit at all, and keeps packing smaller ones after them', () => {
    const big = newFile('src/routes/big.ts', Array.from({ length: 400 }, (_, i) => `// ${i}`));
    const small = newFile('src/util/small.ts', ['export const x = 1;']);
    const packed = packDiff([big, small], { ...defaults, tokenBudget: 60 });
    expect(packed.files.map((f) => f.path)).toEqual(['src/util/small.ts']);
    expect(packed.notReviewed).toEqual([{ path: 'src/routes/big.ts', reason: 'over the token budget (model.inputTokenBudget); squawk, the secret scan and the code rules still checked it' }]);
  });

  it('lists binary files and files over the file limit', () => {
    const packed = packDiff(
      [{ ...newFile('docs/diagram.vsdx', []), binary: true }, newFile('src/a.ts', ['a']), newFile('src/b.ts', ['b'])],
      { ...defaults, maxFiles: 1 },
    );
    expect(packed.files.map((f) => f.path)).toEqual(['src/a.ts']);
    expect(packed.notReviewed).toEqual([
      { path: 'docs/diagram.vsdx', reason: 'binary file' },
      { path: 'src/b.ts', reason: 'over the limit of 1 file (limits.maxFilesPerReview); squawk, the secret scan and the code rules still checked it' },
    ]);
  });

  it('lists a file with changed lines but no patch (GitHub omits it when too large) instead of claiming it read', () => {
    const huge = { ...newFile('src/services/generated-client.ts', []), patch: '', additions: 5000, deletions: 10 };
    const packed = packDiff([huge, newFile('src/a.ts', ['a'])], defaults);
    expect(packed.files.map((f) => f.path)).toEqual(['src/a.ts']);
    expect(packed.notReviewed).toEqual([{ path: 'src/services/generated-client.ts', reason: 'no diff available (binary, or too large to show)' }]);
    expect(packed.coverage).toEqual({ reviewedLines: 1, totalLines: 5011 });
  });

  it('puts deleted files last and backend-glob matches first within a rank', () => {
    const packed = packDiff(
      [
        fileFromLines('src/routes/old.ts', ['-x'], 1, 'removed'),
        newFile('lib/helpers.ts', ['x']),
        newFile('src/server/helpers.ts', ['x']),
        newFile('README.md', ['x']),
        newFile('test/a.test.ts', ['x']),
      ],
      defaults,
    );
    expect(packed.files.map((f) => f.path)).toEqual(['src/server/helpers.ts', 'lib/helpers.ts', 'test/a.test.ts', 'README.md', 'src/routes/old.ts']);
  });
});

describe('backendRank', () => {
  it('orders migrations, handlers, services, data access, infra, other code, tests, rest', () => {
    const paths = [
      'README.md',
      'test/orders.test.ts',
      'src/util/strings.ts',
      'deploy/k8s/api.yaml',
      'src/repositories/orders.repository.ts',
      'src/services/orders.service.ts',
      'src/controllers/orders.controller.ts',
      'prisma/schema.prisma',
      'db/migrations/001.sql',
    ];
    expect(paths.map(backendRank)).toEqual([7, 6, 5, 4, 3, 2, 1, 0, 0]);
  });
});

describe('estimateTokens', () => {
  it('counts about four characters per token, rounding up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
  });
});
