import type { Severity } from '../../domain/findingSchema.js';
import type { MigrationRule } from './migrationRules.js';

export type Framework = 'rails' | 'django' | 'alembic' | 'knex' | 'sequelize' | 'typeorm' | 'laravel' | 'ecto';

export const FRAMEWORK_NAMES: Record<Framework, string> = {
  rails: 'Rails',
  django: 'Django',
  alembic: 'Alembic',
  knex: 'Knex',
  sequelize: 'Sequelize',
  typeorm: 'TypeORM',
  laravel: 'Laravel',
  ecto: 'Ecto',
};

/** One line of generated SQL and the source line it came from. */
export interface SqlLine {
  text: string;
  line: number;
}

/** One migration operation, translated to the Postgres it runs. */
export interface Operation {
  /** Source line of the operation (where findings land). */
  line: number;
  /** The operation in the framework's words, e.g. `add_index`. */
  op: string;
  sql: SqlLine[];
  /** The table it changes, when known: a table created in the same change is not a locking hazard. */
  table?: string;
  /** Inside an explicit escape (`safety_assured`): squawk's findings become notes, not findings. */
  assured?: boolean;
  /** SQL written by the author (`execute`, `RunSQL`): linted as is, even on a new table. */
  raw?: boolean;
  /** Runs outside the migration's transaction (Alembic's `autocommit_block()`), in a transactional migration. */
  autocommit?: boolean;
  /** What the translation had to assume (an earlier state it could not read), said with each finding on the line. */
  assumption?: string;
}

/** A framework-only hazard: no SQL statement shows it, so squawk cannot. */
export interface Hazard {
  line: number;
  rule: MigrationRule;
  severity: Severity;
  title: string;
  body: string;
  /** Inside an escape the author wrote (`safety_assured`, `IgnoreMigration`): a note, not a finding. */
  assured?: boolean;
}

export interface Translation {
  framework: Framework;
  operations: Operation[];
  hazards: Hazard[];
  /** Constructs the translator could not read: each becomes a visible "not linted" note (line 0: the whole file). */
  unknown: Array<{ line: number; what: string }>;
  /** Tables this migration creates. */
  createdTables: string[];
  /** False when the framework runs the migration outside a transaction (`disable_ddl_transaction!`, `atomic = False`). */
  transactional: boolean;
  /** Escapes seen (`safety_assured`), noted in the review. */
  escapes: Array<{ line: number; what: string }>;
}

export function emptyTranslation(framework: Framework): Translation {
  return { framework, operations: [], hazards: [], unknown: [], createdTables: [], transactional: true, escapes: [] };
}

/** `"name"`, or `"schema"."name"` for a dotted name. */
export function ident(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part.replace(/"/g, '""')}"`)
    .join('.');
}

export function identList(names: readonly string[]): string {
  return names.map((n) => (/[()\s]/.test(n) ? n : ident(n))).join(', ');
}

export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Table names compare without schema or quoting. */
export function tableKey(name: string): string {
  return name.replace(/["`]/g, '').split('.').pop()?.toLowerCase() ?? name.toLowerCase();
}

/** One generated statement on one source line. */
export function op(line: number, name: string, table: string | undefined, sql: string, extra: Partial<Operation> = {}): Operation {
  return { line, op: name, sql: [{ text: sql, line }], ...(table === undefined ? {} : { table }), ...extra };
}

/** Author-written SQL, each content line mapped to its source line. */
export function rawSql(line: number, name: string, text: string, lines: readonly number[], extra: Partial<Operation> = {}): Operation {
  const sqlLines = text.split('\n').map((t, k) => ({ text: t, line: lines[k] ?? lines[lines.length - 1] ?? line }));
  // A statement must end: squawk reads the generated file as one script.
  const last = [...sqlLines].reverse().find((l) => l.text.trim() !== '');
  if (last && !/;\s*(--.*)?$/.test(last.text)) last.text += ';';
  return { line, op: name, sql: sqlLines, raw: true, ...extra };
}

/** Rails/Knex/Sequelize style singular for `users` → `user` (foreign key column names). */
export function singular(name: string): string {
  if (/ies$/.test(name)) return name.replace(/ies$/, 'y');
  if (/(ss|x|ch|sh)es$/.test(name)) return name.replace(/es$/, '');
  if (/s$/.test(name) && !/ss$/.test(name)) return name.slice(0, -1);
  return name;
}

/** A hazard of a framework migration that no SQL statement shows, at its line. */
export function hazard(line: number, rule: MigrationRule, severity: Severity, title: string, body: string): Hazard {
  return { line, rule, severity, title, body };
}
