import type { Finding } from '../../domain/findingSchema.js';
import type { DiffFile } from '../DiffFile.js';
import { codeLines, type CodeLine } from './codeLines.js';
import { ruleFinding, ruleUrl, type Rule } from './Rule.js';

const ID = 'query-in-loop';

/** Loop heads in the languages we read; `index` of the match tells where the body may start on the line. */
const LOOP =
  /\b(?:for|foreach|while)\s*\(|^\s*(?:async\s+)?for\s+.+\s+in\s+.+:\s*$|^\s*for\s+.*\brange\b|^\s*for\s*\{|\.(?:forEach|map|flatMap|each|each_with_index|find_each)\s*(?:\(|\{|do\b)|\beach\s+do\b/;
/** Receivers that are a database handle, a repository or an ORM manager. */
const DB_RECEIVER =
  '(?:db|database|conn|connection|pool|prisma|knex|tx|trx|transaction|em|entityManager|manager|sequelize|repo|repository|\\w+Repository|\\w+Repo|\\w+_repo|\\w+_repository|dataSource|models?)';
/** Names shared with non-database code (an editor cursor, an HTTP session) count only with their SQL methods. */
const AMBIGUOUS_RECEIVER = '(?:cursor|session)\\.(?:execute\\w*|fetch\\w*|query|scalars?)\\s*\\(';
const DB_METHOD =
  '(?:query\\w*|execute\\w*|exec\\w*|raw|find\\w*|get\\w*|fetch\\w*|insert\\w*|update\\w*|delete\\w*|upsert\\w*|create\\w*|save\\w*|count|aggregate|select\\w*|one|many|any|none|oneOrNone|manyOrNone|Query\\w*|Exec\\w*|Get|Select)';
const GLOBALS = '(?:Object|Array|Promise|Math|JSON|Date|Number|String|Reflect|Symbol|Buffer|Intl|Map|Set|URL|Error|Boolean|BigInt|Proxy|React|Vue)';
const DB_CALL = new RegExp(
  [
    `\\b${DB_RECEIVER}(?:\\.\\w+)*\\.${DB_METHOD}\\s*\\(`,
    `\\b${AMBIGUOUS_RECEIVER}`,
    '\\bknex\\s*\\(',
    '\\.objects\\.\\w+\\(',
    // Active Record style models; generic verbs (get, create, delete) are left out, Maps and registries use them too.
    `\\b(?!${GLOBALS}\\b)[A-Z][A-Za-z0-9]+\\.(?:find\\w*|where|update_all|destroy\\w*)\\s*\\(`,
  ].join('|'),
);
/** How far below a loop head a call still counts as inside it. */
const WINDOW = 8;

/**
 * A database call inside a loop (N+1): one round trip per item where one query (a join, `IN (...)`, a
 * batch load) would do. The loop head may be an unchanged line; the call must be new. Indentation
 * decides what is inside the loop, so a call after the loop's closing line is not reported.
 */
export const queryInLoop: Rule = {
  id: ID,
  url: ruleUrl(ID),
  check(file: DiffFile): Finding[] {
    if (!file.added.some((l) => DB_CALL.test(l.text))) return [];
    const lines = codeLines(file);
    const reported = new Set<number>();
    const findings: Finding[] = [];
    lines.forEach((head, index) => {
      if (head.comment) return;
      const loop = LOOP.exec(head.text);
      if (!loop) return;
      const call = callInLoop(lines, index, loop.index + loop[0].length);
      if (!call || reported.has(call.line)) return;
      reported.add(call.line);
      findings.push(
        ruleFinding(ID, file.path, call.line, {
          severity: 'major',
          category: 'performance',
          title: 'Database call inside a loop (N+1 queries)',
          body:
            `This call runs once per iteration of the loop on line ${head.line}: N round trips that grow with the data. ` +
            'Load the rows in one query (a join, `WHERE id IN (...)`/`= ANY($1)`, the ORM\'s `include`/`select_related`/`preload`, or a DataLoader) and look them up in memory.',
        }),
      );
    });
    return findings;
  },
};

function callInLoop(lines: readonly CodeLine[], index: number, bodyStart: number): CodeLine | undefined {
  const head = lines[index] as CodeLine;
  if (head.added && DB_CALL.test(head.text.slice(bodyStart))) return head;
  for (let i = index + 1; i < lines.length && i <= index + WINDOW; i++) {
    const line = lines[i] as CodeLine;
    if (line.gapBefore) return undefined;
    if (line.text.trim() === '' || line.comment) continue;
    // Back at the head's indentation (or out of it): the loop body is over.
    if (line.indent <= head.indent) return undefined;
    if (line.added && DB_CALL.test(line.text)) return line;
  }
  return undefined;
}
