import type { Finding } from '../domain/findingSchema.js';
import { ruleLink } from '../domain/ruleLink.js';
import type { LeftOutStatement } from './blankUnparsable.js';
import { MIGRATION_RULE_REFERENCES } from './migrations/migrationRules.js';
import { squawkSeverity } from './squawkSeverity.js';

/** One entry of `squawk --reporter json` (lines are 0-based). */
export interface SquawkViolation {
  file: string;
  line: number;
  line_end?: number;
  column?: number;
  level: string;
  message: string;
  help?: string | null;
  rule_name: string;
}

/** How a linted file maps back to the diff. */
export interface SquawkTarget {
  path: string;
  /** New-side line number of each content line, when the content is an excerpt (added lines only). */
  lines?: readonly number[];
  /** Report only violations touching these new-side lines (the lines the change added). */
  changedLines?: ReadonlySet<number>;
}

/** Statements of one file left out of the lint because squawk could not parse them (see blankUnparsable). */
export interface LeftOutFile {
  statements: readonly LeftOutStatement[];
  /** Whether anything was left to lint once they were out. */
  rest: boolean;
}

/** Rules that fire on every statement; one finding per file says it without burying the real problems. */
export const ONCE_PER_FILE: ReadonlySet<string> = new Set([
  'prefer-robust-stmts',
  'require-lock-timeout',
  'require-statement-timeout',
  'require-timeout-settings',
  'prefer-bigint-over-int',
  'prefer-bigint-over-smallint',
  'prefer-big-int',
  'prefer-identity',
  'prefer-text-field',
  'prefer-timestamptz',
]);

/**
 * A rule whose finding says nothing more than another rule's on the same statement: a foreign key added
 * without NOT VALID gets both `adding-foreign-key-constraint` and the generic `constraint-missing-not-valid`,
 * one problem the review would list twice. The more specific one (it names the lock on both tables) stays.
 */
const SAID_BY: Readonly<Record<string, string>> = {
  'constraint-missing-not-valid': 'adding-foreign-key-constraint',
};

const TITLES: Record<string, string> = {
  'adding-required-field': 'NOT NULL column added without a default',
  'require-concurrent-index-creation': 'Index created without CONCURRENTLY (blocks writes)',
  'require-concurrent-index-deletion': 'Index dropped without CONCURRENTLY',
  'ban-drop-column': 'Column dropped',
  'ban-drop-table': 'Table dropped',
  'ban-drop-database': 'Database dropped',
  'changing-column-type': 'Column type changed (table rewrite under an exclusive lock)',
  'adding-field-with-default': 'Column added with a default that rewrites the table',
  'adding-not-nullable-field': 'SET NOT NULL scans the table under an exclusive lock',
  'adding-foreign-key-constraint': 'Foreign key added without NOT VALID',
  'constraint-missing-not-valid': 'Constraint added without NOT VALID',
  'disallowed-unique-constraint': 'UNIQUE constraint added without an index built concurrently',
  'renaming-column': 'Column renamed (breaks running clients)',
  'renaming-table': 'Table renamed (breaks running clients)',
};

/**
 * squawk's `constraint-missing-not-valid` also fires on a constraint added NOT VALID and validated in the
 * same transaction. That is right (the add's lock stays held through the validation scan, so NOT VALID
 * gains nothing), but its title would say the opposite and its message says "block all reads", true of a
 * CHECK (ACCESS EXCLUSIVE) and not of a foreign key (SHARE ROW EXCLUSIVE: writes wait, reads go on).
 */
const VALIDATED_IN_ADD_TRANSACTION = /^Using `NOT VALID` and `VALIDATE CONSTRAINT` in the same transaction/;
export const VALIDATED_IN_ADD_TRANSACTION_TITLE = 'Constraint validated in the transaction that added it NOT VALID';
const VALIDATED_IN_ADD_TRANSACTION_BODY =
  'The constraint is added `NOT VALID` and validated before the transaction commits, so the lock the add took is held through the whole validation scan: ' +
  'for a foreign key, SHARE ROW EXCLUSIVE on this table and on the referenced one (writes to both wait, reads go on); for a CHECK, ACCESS EXCLUSIVE (reads wait too). ' +
  '`NOT VALID` saves nothing here.\n\nCommit the add first, then run `VALIDATE CONSTRAINT` in a separate transaction (a separate migration): ' +
  'on its own it takes SHARE UPDATE EXCLUSIVE, which lets reads and writes go on while it scans.';

/**
 * Our own rule on the script squawk lints (runSquawk's ownViolations): a concurrent index statement inside a
 * transaction, which squawk reports for CREATE INDEX only. Mapped like squawk's violations, named as ours.
 */
export const CONCURRENT_INDEX_IN_TRANSACTION = 'concurrent-index-in-transaction';
const OWN_TITLES: Readonly<Record<string, string>> = {
  'DROP INDEX CONCURRENTLY': 'Index dropped CONCURRENTLY inside a transaction (the migration fails)',
  'REINDEX CONCURRENTLY': 'Index rebuilt CONCURRENTLY inside a transaction (the migration fails)',
};

export function squawkDocsUrl(rule: string): string {
  return `https://squawkhq.com/docs/${rule}`;
}

/**
 * Maps squawk's JSON to findings on new-side lines. Syntax errors become notes, not findings: squawk
 * parses Postgres only, and a MySQL or templated migration is not a defect of the change.
 */
export function squawkFindings(
  violations: readonly SquawkViolation[],
  targetOf: (file: string) => SquawkTarget | undefined,
  leftOut: ReadonlyMap<string, LeftOutFile> = new Map(),
): { findings: Finding[]; notes: string[] } {
  const findings: Finding[] = [];
  const notes: string[] = [];
  const unparsable = new Set<string>();
  const firstOfRule = new Map<string, { finding: Finding; more: number }>();
  const statement = (v: SquawkViolation, rule: string): string => `${v.file}\0${v.line}\0${rule}`;
  const reported = new Set(violations.map((v) => statement(v, v.rule_name)));
  for (const v of violations) {
    const saidBy = SAID_BY[v.rule_name];
    if (saidBy && reported.has(statement(v, saidBy))) continue;
    const target = targetOf(v.file);
    if (!target) continue;
    const start = toNewSide(target, v.line + 1);
    const end = toNewSide(target, (v.line_end ?? v.line) + 1);
    if (v.rule_name === 'syntax-error') {
      if (!unparsable.has(target.path)) {
        unparsable.add(target.path);
        notes.push(`squawk could not parse ${target.path}${start === null ? '' : ` (line ${start})`}: ${v.message}; only Postgres SQL is linted.`);
      }
      continue;
    }
    if (target.changedLines && !touches(target, v.line + 1, (v.line_end ?? v.line) + 1)) continue;
    const key = `${target.path}\0${v.rule_name}`;
    const seen = firstOfRule.get(key);
    if (seen && ONCE_PER_FILE.has(v.rule_name)) {
      seen.more++;
      continue;
    }
    if (v.rule_name === CONCURRENT_INDEX_IN_TRANSACTION) {
      const statement = /^`([^`]+)`/.exec(v.message)?.[1] ?? '';
      findings.push({
        severity: 'blocker',
        category: 'migration',
        title: OWN_TITLES[statement] ?? 'Concurrent index statement inside a transaction (the migration fails)',
        body: v.message,
        path: target.path,
        line: start,
        endLine: null,
        suggestion: null,
        source: { kind: 'rule', id: v.rule_name, url: ruleLink(`docs/migrations.md#${v.rule_name}`, MIGRATION_RULE_REFERENCES[v.rule_name]) },
      });
      continue;
    }
    const url = squawkDocsUrl(v.rule_name);
    const validated = v.rule_name === 'constraint-missing-not-valid' && VALIDATED_IN_ADD_TRANSACTION.test(v.message);
    const finding: Finding = {
      severity: squawkSeverity(v.rule_name, v.level),
      category: 'migration',
      title: validated ? VALIDATED_IN_ADD_TRANSACTION_TITLE : (TITLES[v.rule_name] ?? firstSentence(v.message)),
      // The rule's documentation link travels in `source.url`; renderers show it beside the finding.
      body: validated ? VALIDATED_IN_ADD_TRANSACTION_BODY : `${v.message}${v.help ? `\n\n${v.help}` : ''}`,
      path: target.path,
      line: start,
      endLine: end !== null && start !== null && end > start ? end : null,
      suggestion: null,
      source: { kind: 'squawk', id: v.rule_name, url },
    };
    findings.push(finding);
    if (!seen) firstOfRule.set(key, { finding, more: 0 });
  }
  for (const [file, out] of leftOut) {
    const target = targetOf(file);
    if (target && !unparsable.has(target.path) && out.statements.length > 0) notes.push(leftOutNote(target, out));
  }
  for (const { finding, more } of firstOfRule.values()) {
    if (more > 0) finding.body += `\n\nThe same applies to ${more} more statement${more === 1 ? '' : 's'} in this file.`;
  }
  return { findings, notes };
}

/** The file's note once its unparsable statements were left out and the rest linted again. */
function leftOutNote(target: SquawkTarget, out: LeftOutFile): string {
  const [first] = out.statements as [LeftOutStatement];
  const at = (s: LeftOutStatement): string | null => {
    const from = toNewSide(target, s.line);
    const to = toNewSide(target, s.endLine);
    return from === null ? null : to !== null && to > from ? `${from}-${to}` : `${from}`;
  };
  const where = out.statements.map(at).filter((l) => l !== null);
  const lines = where.length === 0 ? '' : ` (line${where.length > 1 || where[0]?.includes('-') ? 's' : ''} ${where.join(', ')})`;
  if (!out.rest) {
    // Nothing of the file parses: the note it always had, at the first statement.
    const line = toNewSide(target, first.line);
    return `squawk could not parse ${target.path}${line === null ? '' : ` (line ${line})`}: ${first.message}; only Postgres SQL is linted.`;
  }
  const n = out.statements.length;
  const what = n === 1 ? `a statement of ${target.path}` : `${n} statements of ${target.path}`;
  return `squawk could not parse ${what}${lines}: ${first.message}; ${n === 1 ? 'it was' : 'they were'} left out and the rest of the file was linted (only Postgres SQL is linted).`;
}

function toNewSide(target: SquawkTarget, contentLine: number): number | null {
  if (!target.lines) return contentLine;
  return target.lines[contentLine - 1] ?? null;
}

function touches(target: SquawkTarget, from: number, to: number): boolean {
  for (let l = from; l <= to; l++) {
    const line = toNewSide(target, l);
    if (line !== null && target.changedLines?.has(line)) return true;
  }
  return false;
}

function firstSentence(message: string): string {
  const match = /^(.+?[.!?])(\s|$)/.exec(message);
  return (match?.[1] ?? message).replace(/\.$/, '');
}
