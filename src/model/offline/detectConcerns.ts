import { CONCERN_RULES, CONCERNS, DETECTION_THRESHOLD, type Concern } from './concernRules.js';
import { termPattern } from './termPattern.js';

export interface DetectedConcern {
  concern: Concern;
  /** The words that triggered it, lower-cased, in order of first appearance. */
  matched: string[];
}

/** Issues can be huge (pasted logs); the first 100 KB say what the work is about. */
export const MAX_SCAN_CHARS = 100_000;

interface CompiledTerm {
  pattern: RegExp;
  weight: number;
}

function compile(terms: string[] | undefined, weight: number): { term: string; weight: number }[] {
  return (terms ?? []).map((term) => ({ term, weight }));
}

/**
 * Longest terms first: a phrase ("authorization header", "integration tests") claims its words before
 * a shorter term inside it can count them again. Compiled on first use, not at import: a few hundred
 * Unicode-aware regexes take tens of milliseconds, and a review never asks for them.
 */
let compiled: Record<Concern, CompiledTerm[]> | undefined;
const COMPILE = (): Record<Concern, CompiledTerm[]> => Object.fromEntries(
  CONCERNS.map((concern) => {
    const rule = CONCERN_RULES[concern];
    const terms = [...compile(rule.strong, 2), ...compile(rule.weak, 1), ...compile(rule.ignore, 0)]
      .map((t, index) => ({ ...t, index }))
      .sort((a, b) => b.term.length - a.term.length || a.index - b.index)
      .map((t) => ({ pattern: termPattern(t.term), weight: t.weight }));
    return [concern, terms];
  }),
) as Record<Concern, CompiledTerm[]>;

function scoreConcern(text: string, terms: CompiledTerm[]): { score: number; matched: string[] } {
  let masked = text;
  let score = 0;
  const hits: { at: number; word: string }[] = [];
  for (const { pattern, weight } of terms) {
    const spans: [number, number][] = [];
    for (const m of masked.matchAll(pattern)) {
      spans.push([m.index, m.index + m[0].length]);
      if (weight > 0) hits.push({ at: m.index, word: m[0].toLowerCase().replace(/\s+/g, ' ') });
    }
    if (spans.length === 0) continue;
    score += weight;
    // Blank out what this term claimed (same length, so positions stay comparable).
    let next = '';
    let from = 0;
    for (const [start, end] of spans) {
      next += masked.slice(from, start) + ' '.repeat(end - start);
      from = end;
    }
    masked = next + masked.slice(from);
  }
  hits.sort((a, b) => a.at - b.at);
  return { score, matched: [...new Set(hits.map((h) => h.word))] };
}

/**
 * Which backend concerns a text touches, by keyword rules (concernRules.ts). Case-insensitive, whole
 * words, plural-tolerant; results in the fixed order of CONCERNS, so the same text always gives the
 * same answer.
 */
export function detectConcerns(text: string): DetectedConcern[] {
  const scanned = text.slice(0, MAX_SCAN_CHARS).normalize('NFKC');
  const found: DetectedConcern[] = [];
  for (const concern of CONCERNS) {
    compiled ??= COMPILE();
    const { score, matched } = scoreConcern(scanned, compiled[concern]);
    if (score >= DETECTION_THRESHOLD) found.push({ concern, matched });
  }
  return found;
}
