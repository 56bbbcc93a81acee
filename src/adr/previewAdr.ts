import type { AdrResult, AdrWrite } from '../domain/Write.js';
import type { ReadGitHub } from '../github/GitHub.js';
import { adrFileText } from './adrCommitInput.js';
import { adrFileName, nextAdrNumber, parseAdrNumber } from './adrFileName.js';
import { adrPath, adrSlugOf } from './adrPaths.js';
import { slugify } from './slugify.js';

/**
 * The record a planned ADR would be, without committing: the next number after the records on the
 * default branch (reservations and branches of concurrent runs are GitHub's to settle when it is real).
 */
export async function previewAdr(github: ReadGitHub, write: AdrWrite): Promise<AdrResult> {
  const names = (await github.listDir(write.dir)).filter((e) => e.type === 'file').map((e) => e.name);
  const title = write.title || write.adr.title;
  if (write.supersedes !== undefined && !names.some((n) => parseAdrNumber(n) === write.supersedes)) {
    return { kind: 'missing', message: `ADR ${String(write.supersedes).padStart(4, '0')} is not in \`${write.dir}\` on the default branch.` };
  }
  const same = write.supersedes === undefined ? names.find((n) => adrSlugOf(n) === slugify(title)) : undefined;
  if (same) return { kind: 'exists', number: parseAdrNumber(same), path: adrPath(write.dir, same), url: '' };
  const number = nextAdrNumber(names);
  return { kind: 'preview', number, path: adrPath(write.dir, adrFileName(number, title)), content: adrFileText(write, number) };
}
