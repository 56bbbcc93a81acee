import type { Finding } from '../../domain/findingSchema.js';
import type { DiffFile } from '../DiffFile.js';
import { codeLines, type CodeLine } from './codeLines.js';
import { isHandlerFile } from './routeDeclarations.js';
import { ruleFinding, ruleUrl, type Rule } from './Rule.js';

const ID = 'unbounded-list';

/** List queries of the common ORMs, each known to return every matching row unless told otherwise. */
const LIST_CALLS: { re: RegExp; what: string }[] = [
  { re: /\.findMany\(/, what: '`findMany`' },
  { re: /\.findAll\(/, what: '`findAll`' },
  { re: /\.find\(\s*(?:\{\s*\}\s*)?\)/, what: '`find` with no filter' },
  { re: /\.getMany\(\s*\)/, what: '`getMany`' },
  { re: /\.objects\.all\(\s*\)/, what: '`objects.all()`' },
  { re: /\b(?:query|select|scalars)\([^)]*\)(?:\.\w+\([^)]*\))*\.all\(\s*\)/, what: '`.all()`' },
  { re: /\b(?!Promise\b)[A-Z]\w*\.all\b(?!\s*\()/, what: '`.all`' },
];
/** Raw SQL listing a table. */
const RAW_SELECT = /\bselect\s+[\s\S]*?\bfrom\s+[\w."`]+/i;
/** Anything that bounds or narrows the result. */
const BOUNDED =
  /\b(?:take|limit|first|last|top|cursor|skip|offset|page|paginate|per_page|perPage|pageSize|page_size|paginator|Paginator|where|fetch\s+first|count|sum|max|min|avg|exists|slice)\b|\[\s*:\s*\w+\s*\]|\[\s*\d*\s*:\s*\d+\s*\]/i;

/**
 * New list queries with no limit in HTTP handlers: fine on a demo table, a timeout and a memory spike on
 * a real one. Deliberately narrow: only handler files, and any hint of a bound (or filter) silences it.
 */
export const unboundedList: Rule = {
  id: ID,
  url: ruleUrl(ID),
  check(file: DiffFile): Finding[] {
    if (!file.added.some((l) => /findMany|findAll|\.find\(|getMany|\.all\b|\bselect\s/i.test(l.text))) return [];
    const lines = codeLines(file);
    if (!isHandlerFile(file.path, lines)) return [];
    const findings: Finding[] = [];
    lines.forEach((l, index) => {
      if (!l.added || l.comment) return;
      const call = LIST_CALLS.find((c) => c.re.test(l.text));
      const raw = !call && RAW_SELECT.test(statement(lines, index, 1));
      if (!call && !raw) return;
      const extent = statement(lines, index, 12);
      if (BOUNDED.test(raw ? extent : extent.replace(/^[\s\S]*?(?=\.(?:findMany|findAll|find|getMany|objects|all)\b)/, ''))) return;
      findings.push(
        ruleFinding(ID, file.path, l.line, {
          severity: 'minor',
          category: 'performance',
          title: 'List query without a limit in a request handler',
          body:
            `${call ? call.what : 'This SELECT'} returns every matching row: the response grows with the table until it times out or exhausts memory. ` +
            'Paginate (a cursor on an indexed column, or limit/offset with a maximum page size) and return the next cursor to the client.',
        }),
      );
    });
    return findings;
  },
};

/**
 * The text from this line to where its statement ends: parentheses balanced and no trailing operator, or
 * `max` lines, and a following chained `.limit(...)` line included. Context lines count: a bound added
 * before or after the change still bounds it.
 */
function statement(lines: readonly CodeLine[], from: number, max: number): string {
  let depth = 0;
  let text = '';
  for (let i = from; i < lines.length && i < from + max; i++) {
    const line = lines[i] as CodeLine;
    if (i > from && line.gapBefore) break;
    text += `${line.text}\n`;
    for (const ch of line.text) {
      if (ch === '(' || ch === '{' || ch === '[') depth++;
      else if (ch === ')' || ch === '}' || ch === ']') depth--;
    }
    const nextStartsChain = /^\s*\./.test(lines[i + 1]?.text ?? '');
    if (depth <= 0 && !nextStartsChain && !/[+,(`]\s*$/.test(line.text)) break;
  }
  return text;
}
