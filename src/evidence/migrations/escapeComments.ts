import type { Translation } from './Translation.js';

/**
 * Escape comments a migration linter reads (excellent_migrations for Ecto:
 * `# excellent_migrations:safety-assured-for-next-line <check>` and `…-for-this-file <check>`): what they
 * cover becomes a note instead of a finding, and the escape itself is noted, never hidden.
 */
export function assureByComments(tr: Translation, source: string, marker: RegExp): void {
  const lines = source.split('\n');
  const covered = new Set<number>();
  let wholeFile = false;
  lines.forEach((text, k) => {
    const m = marker.exec(text);
    if (!m) return;
    tr.escapes.push({ line: k + 1, what: m[0].trim() });
    if (m[1] === 'this-file') wholeFile = true;
    else {
      let next = k + 1;
      while (next < lines.length && (lines[next] as string).trim() === '') next++;
      covered.add(next + 1);
    }
  });
  if (!wholeFile && covered.size === 0) return;
  const assured = (line: number) => wholeFile || covered.has(line);
  tr.operations = tr.operations.map((o) => (assured(o.line) ? { ...o, assured: true } : o));
  tr.hazards = tr.hazards.map((h) => (assured(h.line) ? { ...h, assured: true } : h));
}

/** excellent_migrations' escape comment; group 1 is `next-line` or `this-file`. */
export const EXCELLENT_MIGRATIONS_ESCAPE = /#\s*excellent_migrations:safety-assured-for-(next-line|this-file)\b[^\n]*/;
