import { charCount, MAX_SHOWN_CHARS, quoteShort } from './quoteShort.js';

/** The shapes a YAML config value can take, in the words a config author uses. */
export type ValueKind = 'string' | 'number' | 'integer' | 'boolean' | 'list' | 'mapping';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * What the user wrote, short and safe to show: scalars as literals (strings cut and quoted), lists and
 * mappings only by size, never dumped. The kind is named when it differs from the `expected` one.
 */
export function describeValue(value: unknown, expected?: ValueKind): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    const length = charCount(value);
    const cut = length > MAX_SHOWN_CHARS;
    const wrongKind = expected !== undefined && expected !== 'string';
    const note = wrongKind ? (cut ? ` (a string of ${length} characters)` : ' (a string)') : cut ? ` (${length} characters)` : '';
    return quoteShort(value) + note;
  }
  if (typeof value === 'number') {
    // YAML spells the non-finite numbers this way, so show them as the author wrote them.
    const shown = Number.isFinite(value) ? String(value) : Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
    if (expected === 'integer' && !Number.isInteger(value)) return `${shown} (not a whole number)`;
    const wrongKind = expected !== undefined && expected !== 'number' && expected !== 'integer';
    return wrongKind ? `${shown} (a number)` : shown;
  }
  if (typeof value === 'boolean') {
    return expected !== undefined && expected !== 'boolean' ? `${value} (a boolean)` : String(value);
  }
  if (Array.isArray(value)) return `a list of ${plural(value.length, 'item')}`;
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return `a mapping of ${plural(Object.keys(value).length, 'field')}`;
  return `a value of type ${typeof value}`;
}
