import type { Finding, Severity } from '../../domain/findingSchema.js';
import type { DiffFile } from '../DiffFile.js';

/** One of our checks for what no linter covers. It reads a code file's diff and reports on added lines. */
export interface Rule {
  id: string;
  /** Documentation anchor, relative to the repository root (the project URL is not known here). */
  url: string;
  check(file: DiffFile): Finding[];
}

export function ruleUrl(id: string): string {
  return `docs/rules.md#${id}`;
}

export function ruleFinding(
  id: string,
  path: string,
  line: number,
  fields: { severity: Severity; category: string; title: string; body: string },
): Finding {
  // No link in the body: the docs URL is relative until the renderer knows where the docs live.
  return {
    ...fields,
    path,
    line,
    endLine: null,
    suggestion: null,
    source: { kind: 'rule', id, url: ruleUrl(id) },
  };
}
