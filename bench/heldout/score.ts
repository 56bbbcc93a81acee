import type { Expect } from './manifest.js';

export interface Label {
  file: string;
  lang: string;
  line: number;
  expect: Expect;
  kind: string;
}

export interface Hit {
  file: string;
  line: number;
  rule: string;
  /** The finding's category (migration, security, ...). */
  category?: string;
}

export interface Tally {
  unsafe: number;
  /** Unsafe labels with a finding of any rule within ±2 lines. */
  found: number;
  /** ... of the label's own kind. */
  foundOwn: number;
  safe: number;
  /** Safe labels with a finding of any rule on exactly that line. */
  flagged: number;
  /** ... of the label's own kind. */
  flaggedOwn: number;
  /**
   * Safe labels with a finding within ±2 lines, the window recall uses, that no unsafe label explains (no
   * unsafe label within ±2 lines of it): the finding on the line before or after a safe call counts too.
   */
  flaggedNear: number;
}

export interface CodeScore {
  all: Tally;
  byKind: Map<string, Tally>;
  byLang: Map<string, Tally>;
  missed: Label[];
  safeFlagged: { label: Label; rules: string[] }[];
  /** Safe labels with an unexplained finding within ±2 lines but none on the line itself. */
  safeFlaggedNear: { label: Label; hits: Hit[] }[];
}

export const WINDOW = 2;

/** The default own-rule test: the finding's rule id is the kind, or starts with `kind/`. */
export const sameKind = (kind: string, rule: string): boolean => rule === kind || rule.startsWith(`${kind}/`);

const empty = (): Tally => ({ unsafe: 0, found: 0, foundOwn: 0, safe: 0, flagged: 0, flaggedOwn: 0, flaggedNear: 0 });

/**
 * Code sets: recall on the unsafe labels (a finding within ±2 lines of the labelled line) and findings on
 * the safe labels (on exactly that line), each by any rule and by the label's own kind; per kind and language.
 * A line labelled safe for two kinds counts once per kind.
 */
export function scoreCode(labels: readonly Label[], hits: readonly Hit[], own: (kind: string, rule: string) => boolean = sameKind): CodeScore {
  const score: CodeScore = { all: empty(), byKind: new Map(), byLang: new Map(), missed: [], safeFlagged: [], safeFlaggedNear: [] };
  const unsafe = labels.filter((l) => l.expect === 'unsafe');
  const unexplained = hits.filter((h) => !unsafe.some((l) => l.file === h.file && Math.abs(h.line - l.line) <= WINDOW));
  const tally = (map: Map<string, Tally>, key: string) => {
    let t = map.get(key);
    if (!t) map.set(key, (t = empty()));
    return t;
  };
  for (const label of labels) {
    const tallies = [score.all, tally(score.byKind, label.kind), tally(score.byLang, label.lang)];
    if (label.expect === 'unsafe') {
      const near = hits.filter((h) => h.file === label.file && Math.abs(h.line - label.line) <= WINDOW);
      const any = near.length > 0;
      const mine = near.some((h) => own(label.kind, h.rule));
      for (const t of tallies) {
        t.unsafe++;
        if (any) t.found++;
        if (mine) t.foundOwn++;
      }
      if (!any) score.missed.push(label);
    } else {
      const on = hits.filter((h) => h.file === label.file && h.line === label.line);
      const mine = on.some((h) => own(label.kind, h.rule));
      const near = unexplained.filter((h) => h.file === label.file && Math.abs(h.line - label.line) <= WINDOW);
      for (const t of tallies) {
        t.safe++;
        if (on.length > 0) t.flagged++;
        if (mine) t.flaggedOwn++;
        if (on.length > 0 || near.length > 0) t.flaggedNear++;
      }
      if (on.length > 0) score.safeFlagged.push({ label, rules: [...new Set(on.map((h) => h.rule))].sort() });
      else if (near.length > 0) score.safeFlaggedNear.push({ label, hits: near });
    }
  }
  return score;
}

export interface MigrationCase {
  file: string;
  expect: Expect;
  /** Findings on the case (any rule). */
  findings: number;
}

export interface MigrationScore {
  unsafe: number;
  unsafeFlagged: number;
  safe: number;
  safeFlagged: number;
  missed: string[];
  falseFlags: string[];
}

/** Migration sets: unsafe cases with any finding, safe cases with any finding. */
export function scoreMigration(cases: readonly MigrationCase[]): MigrationScore {
  const s: MigrationScore = { unsafe: 0, unsafeFlagged: 0, safe: 0, safeFlagged: 0, missed: [], falseFlags: [] };
  for (const c of cases) {
    if (c.expect === 'unsafe') {
      s.unsafe++;
      if (c.findings > 0) s.unsafeFlagged++;
      else s.missed.push(c.file);
    } else {
      s.safe++;
      if (c.findings > 0) {
        s.safeFlagged++;
        s.falseFlags.push(c.file);
      }
    }
  }
  return s;
}

export const ratio = (n: number, d: number): string => (d === 0 ? '-' : (n / d).toFixed(2));
export const percent = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);

/** One line of figures for a tally. */
export function tallyLine(t: Tally): string {
  return (
    `recall ${ratio(t.found, t.unsafe)} (${t.found}/${t.unsafe}; own kind ${t.foundOwn}/${t.unsafe})  ` +
    `safe lines flagged ${percent(t.flagged, t.safe)} (${t.flagged}/${t.safe}) by any rule, ${percent(t.flaggedOwn, t.safe)} (${t.flaggedOwn}/${t.safe}) by the kind's own rule; ` +
    `${percent(t.flaggedNear, t.safe)} (${t.flaggedNear}/${t.safe}) by any rule within ±${WINDOW} lines`
  );
}
