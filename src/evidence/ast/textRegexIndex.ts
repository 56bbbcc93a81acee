import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The text tests of the shipped rules (rulePrefilter's textRegex), translated at build time: rule regex →
 * the JavaScript regex's source and flags, or null where there is no text test. Translating the few hundred
 * rule regexes was ~50-100 ms of a cold CLI review (every process did it again); reading them is ~1 ms.
 * Written by the same build (writeRulesIndex) from the same code as the translator, like rules.json.
 */
export type TextRegexIndex = Record<string, [source: string, flags: string] | null>;

/** Next to the compiled module (lib/evidence/ast/textRegexes.json). */
export const TEXT_REGEX_INDEX_URL = new URL('./textRegexes.json', import.meta.url);

/** The built table, or undefined when there is none (tests and the bench run from src/) or it does not read. */
export function readTextRegexIndex(url: URL = TEXT_REGEX_INDEX_URL): TextRegexIndex | undefined {
  const path = fileURLToPath(url);
  if (!existsSync(path)) return undefined;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as TextRegexIndex) : undefined;
  } catch {
    return undefined;
  }
}

/** The built translation of one regex: undefined when the table does not hold it (or holds something else). */
export function indexedTextRegex(index: TextRegexIndex, regex: string): RegExp | null | undefined {
  if (!Object.hasOwn(index, regex)) return undefined;
  const entry = index[regex];
  if (entry === null) return null;
  if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') return undefined;
  try {
    return new RegExp(entry[0], entry[1]);
  } catch {
    return undefined;
  }
}
