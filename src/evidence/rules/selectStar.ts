import type { Finding } from '../../domain/findingSchema.js';
import type { DiffFile } from '../DiffFile.js';
import { codeLines } from './codeLines.js';
import { ruleFinding, ruleUrl, type Rule } from './Rule.js';

const ID = 'select-star';
/** `SELECT *` / `SELECT t.*` followed by FROM and a table: SQL, not prose. `COUNT(*)` does not match. */
const SELECT_STAR = /\bselect\s+(?:distinct\s+)?(?:[A-Za-z_]\w*\.)?\*\s*(?:,\s*[\w.]+\s*)*\s+from\s+[\w."`[]/i;
/** `EXISTS (SELECT * ...)` reads no columns, so the star costs nothing. */
const IN_EXISTS = /\bexists\s*\(\s*select\s+\*/i;

/** `SELECT *` in new queries: every column is read and shipped, and the result changes when the table does. */
export const selectStar: Rule = {
  id: ID,
  url: ruleUrl(ID),
  check(file: DiffFile): Finding[] {
    if (!file.added.some((l) => /\*/.test(l.text))) return [];
    return codeLines(file)
      .filter((l) => l.added && !l.comment && SELECT_STAR.test(l.text) && !IN_EXISTS.test(l.text))
      .map((l) =>
        ruleFinding(ID, file.path, l.line, {
          severity: 'minor',
          category: 'performance',
          title: 'SELECT * in a new query',
          body:
            'The query reads every column: wider rows over the network, no index-only scans, and new columns (including sensitive ones) flow into the result when the table changes. List the columns this code uses.',
        }),
      );
  },
};
