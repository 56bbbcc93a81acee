import { slugify } from './slugify.js';

/** `NNNN-` then anything, ending in `.md`; tolerates an `adr-` prefix some tools use. */
const NUMBERED = /^(?:adr[-_]?)?(\d{1,9})(?:[-_. ][^/\\]*)?\.(?:md|markdown)$/i;

/** `0007-use-postgres.md`: the number zero-padded to 4 digits, then the title's slug. */
export function adrFileName(number: number, title: string): string {
  if (!Number.isSafeInteger(number) || number < 0) throw new RangeError(`ADR number must be a non-negative integer, got ${number}`);
  return `${String(number).padStart(4, '0')}-${slugify(title)}.md`;
}

/** The number of an ADR file name or path (`docs/adr/0007-x.md` → 7); undefined when it has none. */
export function parseAdrNumber(fileName: string): number | undefined {
  const base = String(fileName).split(/[\\/]/).pop() ?? '';
  const m = NUMBERED.exec(base);
  return m ? Number(m[1]) : undefined;
}

/** One more than the highest number among the names (1 for an empty folder); other files are ignored. */
export function nextAdrNumber(existingFileNames: string[]): number {
  let highest = 0;
  for (const name of existingFileNames) {
    const n = parseAdrNumber(name);
    if (n !== undefined && n > highest) highest = n;
  }
  return highest + 1;
}
