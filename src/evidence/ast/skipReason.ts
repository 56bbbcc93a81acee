import { groupDigits } from '../../domain/groupDigits.js';

/** Files larger than this are not parsed: a review should not stall on a data dump. */
export const MAX_SOURCE_BYTES = 512 * 1024;
/** A line this long is minified or generated code, not something a person reviews line by line. */
export const MAX_LINE_CHARS = 4000;

const GENERATED = /@generated\b|\bCode generated\b.*\bDO NOT EDIT\b|\bauto-?generated\b|\bDO NOT EDIT\b/i;
const MINIFIED_PATH = /[.-]min\.[cm]?js$|(?:^|\/)(?:vendor|node_modules|dist|build)\//;

/** Why a file is not worth parsing (stated in a note), or undefined to parse it. */
export function skipReason(path: string, source: string): string | undefined {
  if (MINIFIED_PATH.test(path)) return 'minified, vendored or built output';
  if (source.length > MAX_SOURCE_BYTES) return `larger than ${MAX_SOURCE_BYTES / 1024} KiB`;
  let start = 0;
  while (start < source.length) {
    let end = source.indexOf('\n', start);
    if (end === -1) end = source.length;
    if (end - start > MAX_LINE_CHARS) return `a line of ${groupDigits(end - start)} characters (minified or generated code)`;
    start = end + 1;
  }
  const head = source.slice(0, 600);
  if (GENERATED.test(head)) return 'generated code (marked as such in its header)';
  return undefined;
}
