import { collectEvidence } from '../src/evidence/collectEvidence.js';
import { loadLabelledMigrations, scoreMigrations } from '../test/support/labelledMigrations.js';
import { ms } from './stats.js';

/**
 * Migration evidence on the labelled examples (test/fixtures/migrations/<framework>/): recall (labelled
 * findings found, same rule within ±2 lines) and false positives (findings no label asked for) per
 * framework, through collectEvidence as a review runs it.
 */
export async function migrationBench(print: (line: string) => void): Promise<void> {
  const labelled = loadLabelledMigrations();
  const started = performance.now();
  const scores = await scoreMigrations(labelled, async (file) => (await collectEvidence([file])).findings);
  const elapsed = performance.now() - started;
  print('');
  print(`migrations: labelled examples, ${labelled.length} files (${ms(elapsed)} total, one review per file)`);
  print('  framework   files  recall          false positives');
  let expected = 0;
  let matched = 0;
  let findings = 0;
  let fp = 0;
  for (const [framework, s] of [...scores].sort(([a], [b]) => a.localeCompare(b))) {
    const files = labelled.filter((m) => m.framework === framework).length;
    print(`  ${framework.padEnd(10)}  ${String(files).padStart(5)}  ${ratio(s.matched, s.expected).padEnd(14)}  ${s.falsePositives} of ${s.findings} findings`);
    expected += s.expected;
    matched += s.matched;
    findings += s.findings;
    fp += s.falsePositives;
  }
  print(`  ${'all'.padEnd(10)}  ${String(labelled.length).padStart(5)}  ${ratio(matched, expected).padEnd(14)}  ${fp} of ${findings} findings`);
}

function ratio(n: number, d: number): string {
  return d === 0 ? 'n/a' : `${(n / d).toFixed(2)} (${n}/${d})`;
}
