import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DiffFile } from '../../src/evidence/DiffFile.js';
import { diffFileFromPatch } from '../../src/evidence/parseUnifiedDiff.js';
import type { Finding } from '../../src/domain/findingSchema.js';

/** One labelled migration: where it sits in a repository, and the findings it must produce (rule at line). */
export interface LabelledMigration {
  framework: string;
  path: string;
  content: string;
  expected: Array<{ line: number; rule: string }>;
}

/**
 * The labelled migrations under test/fixtures/migrations/<framework>/: each folder's expected.json
 * names the repository prefix and, per file, the expected findings (an empty list: a safe migration).
 * A trailing `.txt` on a file name is dropped from its repository path.
 */
export function loadLabelledMigrations(root = resolve('test/fixtures/migrations')): LabelledMigration[] {
  const out: LabelledMigration[] = [];
  for (const dir of readdirSync(root).sort()) {
    const spec = JSON.parse(readFileSync(join(root, dir, 'expected.json'), 'utf8')) as {
      framework: string;
      prefix: string;
      files: Record<string, Array<{ line: number; rule: string }>>;
    };
    for (const [name, expected] of Object.entries(spec.files)) {
      // `x.ts.txt`: a TypeScript migration kept out of the project's own type check.
      out.push({ framework: spec.framework, path: spec.prefix + name.replace(/\.txt$/, ''), content: readFileSync(join(root, dir, name), 'utf8'), expected });
    }
  }
  return out;
}

/** The migration as a new file of a pull request. */
export function addedFile(path: string, content: string): DiffFile {
  const lines = content.replace(/\n$/, '').split('\n');
  return diffFileFromPatch(path, 'added', [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n'));
}

export interface MigrationScore {
  expected: number;
  matched: number;
  findings: number;
  /** Findings no label asked for (a wrong rule or line, or anything on a safe migration). */
  falsePositives: number;
}

/** Recall and false positives per framework: a finding matches a label with the same rule within ±2 lines. */
export async function scoreMigrations(
  labelled: readonly LabelledMigration[],
  review: (file: DiffFile) => Promise<Finding[]>,
): Promise<Map<string, MigrationScore>> {
  const scores = new Map<string, MigrationScore>();
  for (const m of labelled) {
    const score = scores.get(m.framework) ?? { expected: 0, matched: 0, findings: 0, falsePositives: 0 };
    scores.set(m.framework, score);
    const findings = (await review(addedFile(m.path, m.content))).filter((f) => f.path === m.path);
    const near = (f: Finding, e: { line: number; rule: string }) => f.source.id === e.rule && f.line !== null && Math.abs(f.line - e.line) <= 2;
    score.expected += m.expected.length;
    score.matched += m.expected.filter((e) => findings.some((f) => near(f, e))).length;
    score.findings += findings.length;
    score.falsePositives += findings.filter((f) => !m.expected.some((e) => near(f, e))).length;
  }
  return scores;
}
