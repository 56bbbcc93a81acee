import type { Finding } from '../../domain/findingSchema.js';
import type { DiffFile } from '../DiffFile.js';
import { codeLines, hashComments } from './codeLines.js';
import { ruleFinding, ruleUrl, type Rule } from './Rule.js';
import { scanStrings, type StringLiteral } from './scanStrings.js';

const ID = 'sql-string-building';

/** SQL structure, not just a keyword: "Select a user from the list" must not count. */
const SQL_SHAPES = [
  /\bSELECT\b[\s\S]*?\bFROM\b/,
  /\bINSERT\s+INTO\b/,
  /\bUPDATE\s+[\w."`]+\s+SET\b/,
  /\bDELETE\s+FROM\b/,
  /\bWHERE\s+[\w."`]+\s*(?:=|<>|!=|<=|>=|<|>|\bLIKE\b|\bILIKE\b|\bIN\b)/,
  /\b(?:ORDER|GROUP)\s+BY\s*$/,
  /\b(?:LIMIT|OFFSET)\s*$/,
];
const SQL_SHAPES_ANY_CASE = SQL_SHAPES.map((shape) => new RegExp(shape.source, 'i'));
/** Calls that run SQL text: drivers, query builders' raw escapes, ORMs' native queries. */
const SQL_CALL =
  /\b(?:query\w*|\w*raw|\w*rawsql|\w*sql|execute\w*|executemany|exec\w*|prepare\w*|createQuery|createNativeQuery|find_by_sql|extra|text)\s*\(\s*$/i;
/** Interpolated values that cannot carry input: placeholder lists, numbers, UPPER_CASE constants. */
const SAFE_EXPRESSION = /placeholder|^\s*[A-Z][A-Z0-9_]*\s*$|^\s*\d+\s*$|\bNumber\(|\bparseInt\(|\bint\(|['"]\?['"]|['"]\$['"]|\.length\s*$/;
/** Where a value plainly comes from the request. */
const REQUEST_INPUT =
  /\b(?:req|request)\.(?:params|query|body|args|form|values|GET|POST|data|json)\b|\bparams\[|\bctx\.(?:params|query|request)|URL\.Query\(|\bc\.(?:Param|Query|PostForm)\(|\$_(?:GET|POST|REQUEST)\b/;

/** SQL built by concatenating or interpolating values into the query text instead of binding parameters. */
export const sqlStringBuilding: Rule = {
  id: ID,
  url: ruleUrl(ID),
  check(file: DiffFile): Finding[] {
    if (!file.added.some((l) => /select|insert|update|delete|where|order\s+by|limit/i.test(l.text))) return [];
    const lines = codeLines(file);
    const texts = lines.map((l) => l.text);
    const breaks = new Set(lines.flatMap((l, i) => (l.gapBefore ? [i] : [])));
    const literals = scanStrings(texts, { hashComments: hashComments(file.path), slashComments: !/\.(py|rb)$/i.test(file.path), breaks });
    const lang = file.path.slice(file.path.lastIndexOf('.') + 1).toLowerCase();
    const findings: Finding[] = [];
    const reported = new Set<number>();
    for (const literal of literals) {
      const first = literal.segments[0];
      if (!first) continue;
      const full = literal.segments.map((s) => s.text).join('\n');
      const before = first.open >= 0 ? (texts[first.index] as string).slice(0, first.open - literal.prefix.length) : '';
      const inCall = SQL_CALL.test(before) || (first.open >= 0 && SQL_CALL.test((texts[first.index - 1] ?? '') + before));
      if (!SQL_SHAPES.some((shape) => shape.test(full)) && !(inCall && SQL_SHAPES_ANY_CASE.some((shape) => shape.test(full)))) continue;
      // Report where the value enters, and only when that line is new: old code is not this change's doing.
      const hit = dynamicParts(literal, texts, lang).find((h) => lines[h.index]?.added && !lines[h.index]?.comment);
      const at = hit && lines[hit.index];
      if (!hit || !at || reported.has(at.line)) continue;
      reported.add(at.line);
      const spanned = literal.segments.map((s) => texts[s.index]).join('\n');
      const fromRequest = REQUEST_INPUT.test(spanned);
      findings.push(
        ruleFinding(ID, file.path, at.line, {
          severity: fromRequest ? 'blocker' : 'major',
          category: 'security',
          title: `SQL built by string ${hit.how}${fromRequest ? ' with request input' : ''}`,
          body:
            `This query's text is assembled by ${hit.how}${fromRequest ? ' from values of the incoming request' : ''}. ` +
            'Any value that reaches it can change the statement (SQL injection), and every distinct text is parsed and planned anew. ' +
            'Pass values as bound parameters (`$1`/`?` placeholders, or the driver\'s tagged `sql` template); for identifiers such as a sort column, map the input to an allow-list.',
        }),
      );
    }
    return findings;
  },
};

/** Where the literal takes in values: interpolation inside it, or concatenation/formatting around it. */
function dynamicParts(literal: StringLiteral, texts: readonly string[], lang: string): { index: number; how: string }[] {
  const { quote, prefix } = literal;
  const hits: { index: number; how: string }[] = [];
  for (const segment of literal.segments) {
    const line = texts[segment.index] as string;
    const how = segmentHow(segment.text, quote, prefix, lang, {
      before: segment.open >= 0 ? line.slice(0, segment.open - prefix.length) : undefined,
      after: segment.close >= 0 ? line.slice(segment.close + quote.length) : undefined,
      nextLine: texts[segment.index + 1] ?? '',
    });
    if (how) hits.push({ index: segment.index, how });
  }
  return hits;
}

function segmentHow(
  text: string,
  quote: string,
  prefix: string,
  lang: string,
  around: { before: string | undefined; after: string | undefined; nextLine: string },
): string | undefined {
  if (interpolates(text, quote, prefix, lang)) return 'interpolation';
  const { before, after } = around;
  if (before !== undefined) {
    if (/[\w)\]]\s*\+\s*$/.test(before) || (lang === 'php' && /\$\w+\s*\.\s*$/.test(before))) return 'concatenation';
    if (/\b(?:Sprintf|String\.format|format)\(\s*$/.test(before) && /%[sdvq]/.test(text)) return 'formatting';
  }
  if (after !== undefined) {
    // `"..." +` at the end of a line continues with the next line's first operand.
    const rest = /^\s*\+\s*$/.test(after) ? `+ ${around.nextLine.trim()}` : after;
    if (/^\s*\+\s*(?!["'`\s])/.test(rest) && !/^\s*\+\s*\d+\s*(?:[,)+;]|$)/.test(rest) && rest.trim() !== '+') return 'concatenation';
    if (lang === 'php' && /^\s*\.\s*\$/.test(after)) return 'concatenation';
    if (/^\s*%\s*[\w([{]/.test(after) || /^\s*\.format(?:ted)?\(/.test(after)) return 'formatting';
  }
  return undefined;
}

function interpolates(text: string, quote: string, prefix: string, lang: string): boolean {
  if (quote === '`') {
    // A tagged template (sql`...`, Prisma.sql`...`, $queryRaw`...`) binds its values as parameters.
    if (prefix !== '' || lang === 'go') return false;
    return expressions(text, /\$\{([^}]*)\}/g);
  }
  if (lang === 'py' && /f/i.test(prefix)) return expressions(text.replace(/\{\{|\}\}/g, ''), /\{([^{}]+)\}/g);
  if (lang === 'cs' && prefix.includes('$')) return expressions(text.replace(/\{\{|\}\}/g, ''), /\{([^{}]+)\}/g);
  if (quote !== '"') return false;
  if (lang === 'rb') return expressions(text, /#\{([^}]*)\}/g);
  if (lang === 'php' || lang === 'kt' || lang === 'kts') return expressions(text, /\$\{([^}]*)\}|\{\$([^}]*)\}|\$([A-Za-z_]\w*)/g);
  return false;
}

/** True when at least one interpolated expression could carry a value from outside. */
function expressions(text: string, pattern: RegExp): boolean {
  for (const m of text.matchAll(pattern)) {
    const expression = m[1] ?? m[2] ?? m[3] ?? '';
    if (!SAFE_EXPRESSION.test(expression)) return true;
  }
  return false;
}
