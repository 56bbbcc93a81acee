import { blankUnparsable } from './blankUnparsable.js';
import type { LeftOutFile, SquawkViolation } from './squawkFindings.js';

/**
 * A file squawk cannot parse whole gets only syntax errors: its statements that hold one are blanked and
 * the file is linted again, in one squawk run per round for every such file, at most `maxRetries`
 * rounds. Each file keeps the violations of its last run; what was left out is returned for the notes.
 * A failed retry (timeout, crash) reports its files as the first run did: not linted, never a silent pass.
 */
export async function lintTheRest(
  first: SquawkViolation[],
  initial: ReadonlyMap<string, string>,
  rerun: (files: ReadonlyMap<string, string>) => Promise<SquawkViolation[] | undefined>,
  maxRetries: number,
): Promise<{ violations: SquawkViolation[]; leftOut: Map<string, LeftOutFile> }> {
  const contents = new Map(initial);
  const byFile = new Map<string, SquawkViolation[]>();
  for (const v of first) {
    const found = byFile.get(v.file);
    if (found) found.push(v);
    else byFile.set(v.file, [v]);
  }
  const leftOut = new Map<string, { statements: LeftOutFile['statements'][number][]; rest: boolean }>();
  for (let round = 0; round < maxRetries; round++) {
    const retry = new Map<string, string>();
    for (const [file, found] of byFile) {
      const errors = found.filter((v) => v.rule_name === 'syntax-error');
      const content = contents.get(file);
      if (errors.length === 0 || content === undefined) continue;
      const blanked = blankUnparsable(content, errors);
      if (!blanked) continue;
      const out = leftOut.get(file) ?? { statements: [], rest: true };
      out.statements.push(...blanked.leftOut);
      out.rest = blanked.rest;
      leftOut.set(file, out);
      contents.set(file, blanked.content);
      // Nothing left to lint: the file's syntax errors are all it has to say.
      byFile.set(file, []);
      if (blanked.rest) retry.set(file, blanked.content);
    }
    if (retry.size === 0) break;
    const again = await rerun(retry);
    if (!again) {
      for (const file of retry.keys()) {
        leftOut.delete(file);
        byFile.set(file, first.filter((v) => v.file === file));
      }
      break;
    }
    for (const file of retry.keys()) byFile.set(file, again.filter((v) => v.file === file));
  }
  return { violations: [...byFile.values()].flat(), leftOut };
}
