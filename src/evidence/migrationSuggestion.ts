import type { Finding } from '../domain/findingSchema.js';
import type { DiffFile } from './DiffFile.js';

/** `CREATE [UNIQUE] INDEX name ON ...;` on one line, without CONCURRENTLY. */
const INDEX_ON_ONE_LINE = /^(\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+)(?!CONCURRENTLY\b)(.*;\s*(?:--.*)?)$/i;

/**
 * A committable fix where one is exact: squawk's require-concurrent-index-creation on a one-line
 * `CREATE INDEX` becomes the same line with CONCURRENTLY. Everything else keeps no suggestion.
 */
export function migrationSuggestion(finding: Finding, file: DiffFile | undefined): Finding {
  if (finding.source.kind !== 'squawk' || finding.source.id !== 'require-concurrent-index-creation') return finding;
  if (!file || finding.line === null || (finding.endLine !== null && finding.endLine !== finding.line)) return finding;
  const text = file.added.find((l) => l.line === finding.line)?.text;
  const m = text === undefined ? null : INDEX_ON_ONE_LINE.exec(text);
  if (!m) return finding;
  return {
    ...finding,
    suggestion: `${m[1]}CONCURRENTLY ${m[2]}`,
    body: `${finding.body}\n\n\`CONCURRENTLY\` cannot run inside a transaction: run this migration outside one (most migration tools have a per-file switch).`,
  };
}
