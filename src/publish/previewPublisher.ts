import { describeAdrResult } from '../adr/describeAdrResult.js';
import { previewAdr } from '../adr/previewAdr.js';
import { renderAdrLog } from '../adr/renderAdrLog.js';
import type { Publish, Published, Write, WriteResult } from '../domain/Write.js';
import type { ReadGitHub } from '../github/GitHub.js';
import { adrLines } from './adrLines.js';

/**
 * Shows a plan instead of carrying it out (the CLI, a dry run, a fork pull request): comments are the
 * text that would be posted, ADRs the file they would be under the next free number. Reads still go to
 * the repository, so what is shown is computed from the real state.
 */
export function previewPublisher(github: ReadGitHub, onWrite?: (published: Published) => void): Publish {
  const show = async (write: Write, done: readonly Published[]): Promise<WriteResult> => {
    switch (write.kind) {
      case 'comment':
        return { kind: 'shown', body: write.body };
      case 'adr':
        return { kind: 'adr', result: await previewAdr(github, write) };
      case 'adr-log':
        return { kind: 'shown', body: renderAdrLog(write, adrLines(done, describeAdrResult)) };
      default:
        return { kind: 'shown' };
    }
  };
  return async (writes) => {
    const published: Published[] = [];
    for (const write of writes) {
      const entry = { write, result: await show(write, published) };
      published.push(entry);
      onWrite?.(entry);
    }
    return published;
  };
}
