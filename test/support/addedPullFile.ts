import type { PullFileInput } from './fakeGitHub.js';

/** A new file as GitHub lists it among a pull request's files (a per-file patch without headers): every line added. */
export function addedPullFile(filename: string, lines: string[]): PullFileInput {
  return {
    filename,
    status: 'added',
    patch: [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n'),
    additions: lines.length,
    deletions: 0,
    content: `${lines.join('\n')}\n`,
  };
}
