import { loadBuiltinAgents } from '../src/agents/builtinAgents.js';
import { selectAgent } from '../src/agents/selectAgent.js';
import { DEFAULT_CONFIG } from '../src/config/configSchema.js';
import { composeReview } from '../src/core/composeReview.js';
import { generateLargeDiff } from '../src/evidence/generateLargeDiff.js';
import { isMigration } from '../src/evidence/isMigration.js';
import { parseUnifiedDiff } from '../src/evidence/parseUnifiedDiff.js';
import { runSquawk } from '../src/evidence/runSquawk.js';
import { OfflineModel } from '../src/model/offline/OfflineModel.js';
import { renderReview } from '../src/render/renderReview.js';
import { median, ms, timeRuns } from './stats.js';

const RUNS = 5;

/**
 * The offline review end to end (parse, evidence with squawk, secrets and rules, packing with
 * redaction, the offline engine, rendering) on generated PRs. Baseline, same run: squawk started once
 * per migration, the usual way linters are wired into bots.
 */
export async function reviewBench(print: (line: string) => void): Promise<void> {
  const agents = await loadBuiltinAgents();
  const model = new OfflineModel();
  const subject = { kind: 'pull_request' as const, title: 'bench', body: '', comments: [] };

  for (const shape of [
    { files: 200, changedLines: 40_000, migrations: 20, target: 1500, label: 'issue 2 target < 1.5 s' },
    { files: 300, changedLines: 40_000, migrations: 20, target: 2000, label: 'issue 4 target < 2 s' },
  ]) {
    const diff = generateLargeDiff(shape);
    let lastTokens = 0;
    let findings = 0;
    const pipeline = async () => {
      const files = parseUnifiedDiff(diff);
      const result = await composeReview(model, { agent: selectAgent(agents, 'review'), focus: 'review', subject, files, config: DEFAULT_CONFIG, decisions: [] });
      renderReview(result.review, { marker: { family: 'review' }, info: result.info, coverage: result.packed.coverage, notReviewed: result.packed.notReviewed });
      lastTokens = result.packed.files.reduce((n, f) => n + Math.ceil(f.patch.length / 4), 0);
      findings = result.review.findings.length;
    };
    await pipeline(); // warm-up: module loading, squawk binary in the page cache
    const times = await timeRuns(RUNS, pipeline);

    const migrations = parseUnifiedDiff(diff).filter((f) => isMigration(f.path));
    const perFile = await timeRuns(RUNS, async () => {
      for (const m of migrations) await runSquawk([{ path: m.path, content: m.added.map((l) => l.text).join('\n') }]);
    });
    const oneCall = await timeRuns(RUNS, () =>
      runSquawk(migrations.map((m) => ({ path: m.path, content: m.added.map((l) => l.text).join('\n') }))),
    );
    const diffTokens = Math.ceil(diff.length / 4);
    print(`offline review, ${shape.files} files / ${shape.changedLines.toLocaleString('en-US')} changed lines / ${shape.migrations} migrations (${shape.label})`);
    print(`  pipeline median of ${RUNS}: ${ms(median(times))} (min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}); ${findings} findings`);
    print(`  input tokens packed for the model: ${lastTokens.toLocaleString('en-US')} of ~${diffTokens.toLocaleString('en-US')} in the whole diff (${((100 * lastTokens) / diffTokens).toFixed(0)}%; budget ${DEFAULT_CONFIG.model.inputTokenBudget.toLocaleString('en-US')})`);
    print(`  squawk: one process for all migrations ${ms(median(oneCall))} vs baseline one process per migration ${ms(median(perFile))} (x${(median(perFile) / median(oneCall)).toFixed(1)})`);
  }
}
