import type { Expect, KindsFile, LineLabel } from './manifest.js';

export interface Annotation {
  line: number;
  expect: Expect;
  rules: string[];
}

/** A `ruleid: a, b` or `ok: a` annotation in a comment (`#`, `//`, `/*`, `--`, `<!--`), not `todoruleid`/`todook`. */
const ANNOTATION = /(?:#|\/\/|\/\*|--|<!--)\s*(ruleid|ok)\s*:\s*([\w.\-/]+(?:\s*,\s*[\w.\-/]+)*)/;
const COMMENT_ONLY = /^\s*(?:#|\/\/|\/\*|\*|--|<!--)/;

/**
 * Semgrep test annotations: a comment `ruleid: X` labels the next code line as unsafe for rule X, `ok: X`
 * as safe; after code on the same line, the comment labels its own line. Lines are 1-based.
 */
export function parseAnnotations(text: string): Annotation[] {
  const lines = text.split('\n');
  const out: Annotation[] = [];
  lines.forEach((raw, i) => {
    const match = ANNOTATION.exec(raw);
    if (!match) return;
    const expect: Expect = match[1] === 'ruleid' ? 'unsafe' : 'safe';
    const rules = match[2]!.split(',').map((r) => r.trim()).filter(Boolean);
    const before = raw.slice(0, match.index);
    if (before.trim() !== '' && !COMMENT_ONLY.test(before)) {
      out.push({ line: i + 1, expect, rules });
      return;
    }
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j]!;
      if (next.trim() === '' || COMMENT_ONLY.test(next)) continue;
      out.push({ line: j + 1, expect, rules });
      return;
    }
  });
  return out;
}

/** Our kind for a semgrep rule id: an exact key, else the longest key the id contains; undefined or null: not ours. */
export function kindOf(rule: string, ...maps: (Record<string, string | null> | undefined)[]): string | null {
  for (const map of maps) {
    if (!map) continue;
    if (Object.hasOwn(map, rule)) return map[rule] ?? null;
    const key = Object.keys(map)
      .filter((k) => rule.includes(k))
      .sort((a, b) => b.length - a.length)[0];
    if (key !== undefined) return map[key] ?? null;
  }
  return null;
}

/** Annotations as labels of our kinds, one per line, expectation and kind. */
export function annotationLabels(text: string, kinds: KindsFile, kindMap?: Record<string, string | null>): LineLabel[] {
  const seen = new Set<string>();
  const out: LineLabel[] = [];
  for (const a of parseAnnotations(text)) {
    for (const rule of a.rules) {
      const kind = kindOf(rule, kindMap, kinds.rules);
      if (!kind) continue;
      const key = `${a.line} ${a.expect} ${kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ line: a.line, expect: a.expect, kind });
    }
  }
  return out;
}
