import { isMigration } from '../evidence/isMigration.js';
import { hunksOf, newSideLines, type Hunk } from '../evidence/parseHunks.js';
import type { Finding } from '../domain/findingSchema.js';
import { tableName, tablesCreatedBy } from './foldSchema.js';

/** Squawk rules about locks and rewrites of a table that already holds rows: moot on a table the change creates. */
const EXISTING_ROWS_RULES = new Set([
  'require-concurrent-index-creation',
  'adding-foreign-key-constraint',
  'constraint-missing-not-valid',
  'adding-required-field',
  'adding-field-with-default',
  'adding-not-nullable-field',
  'disallowed-unique-constraint',
  'changing-column-type',
]);

const TARGET_TABLE = /\b(?:on\s+(?:only\s+)?|alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?)((?:"[^"]+"|[\w$]+)(?:\s*\.\s*(?:"[^"]+"|[\w$]+))?)/i;

/** Tables the added lines of a change's migrations create. */
export function tablesCreatedInChange(files: readonly { path: string; patch: string; hunks?: readonly Hunk[] }[]): Set<string> {
  const created = new Set<string>();
  for (const f of files) {
    if (!isMigration(f.path) && !f.path.toLowerCase().endsWith('.sql')) continue;
    const added = newSideLines(hunksOf(f)).filter((l) => l.added).map((l) => l.text).join('\n');
    tablesCreatedBy(added).forEach((t) => created.add(t));
  }
  return created;
}

/** The table a statement starting at a new-side line acts on (CREATE INDEX … ON t, ALTER TABLE t). */
export function statementTable(hunks: readonly Hunk[], line: number): string | undefined {
  const lines = newSideLines(hunks);
  const start = lines.findIndex((l) => l.line === line);
  if (start < 0) return undefined;
  let text = '';
  for (let i = start; i < lines.length && i < start + 20; i++) {
    text += `${lines[i]!.text}\n`;
    if (lines[i]!.text.includes(';')) break;
  }
  const m = TARGET_TABLE.exec(text);
  return m ? tableName(m[1]!) : undefined;
}

/**
 * Squawk findings about locking a table with rows, dropped when the table is created in the same change
 * (an empty table takes the lock for no time: squawk's own known false positive). The evidence step calls it.
 */
export function withoutNewTableHazards(findings: readonly Finding[], files: readonly { path: string; patch: string; hunks?: readonly Hunk[] }[]): Finding[] {
  const created = tablesCreatedInChange(files);
  if (created.size === 0) return [...findings];
  const byPath = new Map(files.map((f) => [f.path, f]));
  return findings.filter((f) => {
    if (f.source.kind !== 'squawk' || !EXISTING_ROWS_RULES.has(f.source.id) || f.path === null || f.line === null) return true;
    const file = byPath.get(f.path);
    const table = file === undefined ? undefined : statementTable(hunksOf(file), f.line);
    return table === undefined || !created.has(table);
  });
}
