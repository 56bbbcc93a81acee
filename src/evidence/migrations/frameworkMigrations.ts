import type { Finding } from '../../domain/findingSchema.js';
import { ruleLink } from '../../domain/ruleLink.js';
import type { DiffFile } from '../DiffFile.js';
import { isDownMigration } from '../isMigration.js';
import type { SquawkInput } from '../runSquawk.js';
import { CONCURRENT_INDEX_IN_TRANSACTION, ONCE_PER_FILE, VALIDATED_IN_ADD_TRANSACTION_TITLE } from '../squawkFindings.js';
import { djangoPriorFields } from './djangoFields.js';
import { frameworkFix, VALIDATED_IN_ADD_TRANSACTION } from './frameworkFix.js';
import { mayBeFrameworkMigration, migrationFramework } from './migrationFramework.js';
import { MIGRATION_RULE_REFERENCES } from './migrationRules.js';
import { FRAMEWORK_NAMES, tableKey, type Framework, type Operation, type SqlLine, type Translation } from './Translation.js';
import { translate } from './translate.js';

export interface FrameworkMigrationOptions {
  readFile?: (path: string) => Promise<string | undefined>;
  ignored?: (path: string) => boolean;
}

export interface FrameworkMigrations {
  /** Generated SQL for squawk, one input per migration file, each content line mapped to its source line. */
  inputs: SquawkInput[];
  /** Framework-only hazards (no SQL form) on the migrations' changed lines. */
  findings: Finding[];
  /** "Not linted" reasons and escapes, for the review's notes. */
  notes: string[];
  /**
   * Squawk's findings for the whole review → the same list with findings on translated files
   * refined: convention-only rules dropped, findings inside `safety_assured` turned into notes, and the
   * framework's own fix added. Findings on other files pass through untouched.
   */
  refine(findings: readonly Finding[]): { findings: Finding[]; notes: string[] };
}

/** Past these, a file is generated or minified, not a hand-written migration. */
const MAX_BYTES = 1_000_000;
const MAX_LINE = 10_000;

/**
 * Rules about conventions a framework sets for every migration (timeouts, types it picks), not about the
 * line: the statement-wide rules squawk reports once per file, and the column types a framework chooses.
 */
const CONVENTION_RULES: ReadonlySet<string> = new Set([...ONCE_PER_FILE, 'prefer-timestamp-tz', 'ban-char-field']);

/**
 * Frameworks that run each migration in one transaction on Postgres unless the migration opts out, and
 * whose translator reads the opt-out (`Translation.transactional`). Their SQL goes to squawk between
 * `BEGIN`/`COMMIT`, as it runs, so squawk judges what only a transaction makes unsafe (a `NOT VALID`
 * constraint validated in the same transaction, a concurrent index build). Alembic's `autocommit_block()`
 * runs outside it; Sequelize runs in one only when the migration opens it (`sequelize.transaction(...)`).
 */
const IN_TRANSACTION: ReadonlySet<Framework> = new Set(['rails', 'django', 'alembic', 'knex', 'typeorm', 'laravel', 'ecto', 'sequelize']);

interface Translated {
  path: string;
  framework: Framework;
  translation: Translation;
  changed: ReadonlySet<number>;
  /** Only the diff's hunks were read (not the full file). */
  partial: boolean;
}

/**
 * ORM and framework migrations in a diff (Rails, Django, Alembic, Knex, Sequelize, TypeORM, Laravel,
 * Ecto), translated to the Postgres they run so squawk can judge them with the review's `.sql` files,
 * in the same single run. What cannot be read is said in a note, never passed silently.
 */
export async function frameworkMigrations(files: readonly DiffFile[], opts: FrameworkMigrationOptions = {}): Promise<FrameworkMigrations> {
  const notes: string[] = [];
  const candidates = files.filter(
    (f) => !f.binary && f.status !== 'removed' && f.added.length > 0 && mayBeFrameworkMigration(f.path) && !isDownMigration(f.path) && !opts.ignored?.(f.path),
  );
  const translated: Translated[] = [];
  // Django migrations of one app share their history: each earlier migration is read once per review.
  const readOnce = opts.readFile ? memo(opts.readFile) : undefined;
  for (const file of candidates) {
    const { content, partial } = await wholeFile(file, opts.readFile);
    const changed = new Set(file.added.map((l) => l.line));
    if (content.length > MAX_BYTES || content.split('\n').some((l) => l.length > MAX_LINE)) {
      notes.push(`Not linted: ${file.path} looks generated or minified (over ${MAX_BYTES / 1_000_000} MB or a line over ${MAX_LINE} characters).`);
      continue;
    }
    // With the changed lines only, the hunk headings (`@@ … @@ class AddX < ActiveRecord::Migration`) help tell the framework.
    const framework = migrationFramework(file.path, partial ? `${file.hunks.map((h) => h.section).join('\n')}\n${content}` : content);
    if (!framework) {
      notes.push(
        partial
          ? `Not linted: only the diff's hunks of ${file.path} were available (not the full file), and they do not show which framework's migration it is; review it by hand.`
          : `Not linted: ${file.path} is in a migrations folder but is not a migration format this review reads (Rails, Django, Alembic, Knex, Sequelize, TypeORM, Laravel, Ecto, SQL).`,
      );
      continue;
    }
    if (partial) notes.push(`Only the diff's hunks of ${file.path} (added and context lines) were translated (the full file was not available).`);
    try {
      // A Django AlterField is judged against the field as the app's earlier migrations left it, when they can be read.
      const prior = framework === 'django' && readOnce ? await djangoPriorFields(file.path, content, readOnce) : undefined;
      translated.push({ path: file.path, framework, translation: translate(framework, content, file.path, prior), changed, partial });
    } catch (error) {
      // A translator bug costs this file's lint, visibly, not the review.
      notes.push(`Not linted: ${file.path} could not be read as a ${FRAMEWORK_NAMES[framework]} migration (${(error as Error).message.slice(0, 120)}).`);
    }
  }

  // A table created in this change (by any migration of the PR, or new in db/schema.rb) is empty when
  // the rest runs: indexes, columns and constraints on it lock nothing.
  const created = new Set(translated.flatMap((t) => t.translation.createdTables.map(tableKey)));
  for (const f of files) if (/(^|\/)db\/schema\.rb$/.test(f.path)) for (const l of f.added) {
    const m = /^\s*create_table\s+["':]([\w.]+)/.exec(l.text);
    if (m) created.add(tableKey(m[1] as string));
  }

  const inputs: SquawkInput[] = [];
  const findings: Finding[] = [];
  const assured = new Map<string, Set<number>>();
  const byPath = new Map<string, Translated>();
  const escapes = new Map<string, string[]>();
  for (const t of translated) {
    byPath.set(t.path, t);
    const { translation: tr, changed, path } = t;
    const ops = tr.operations.filter((o) => o.raw || o.table === undefined || !created.has(tableKey(o.table)));
    const sql = inTransaction(t, ops);
    if (sql.length > 0) inputs.push({ path, content: sql.map((l) => l.text.replace(/\r/g, '')).join('\n'), lines: sql.map((l) => l.line), changedLines: changed });
    assured.set(path, new Set(ops.filter((o) => o.assured).flatMap((o) => o.sql.map((l) => l.line))));
    for (const h of tr.hazards) {
      if (!changed.has(h.line)) continue;
      if (h.assured) {
        notes.push(`${path}:${h.line} ${h.rule} (${h.title}) inside \`${escapeName(tr)}\`: accepted by the author, not reported as a finding.`);
        continue;
      }
      findings.push({
        severity: h.severity,
        category: 'migration',
        title: h.title,
        body: h.body,
        path,
        line: h.line,
        endLine: null,
        suggestion: null,
        source: { kind: 'rule', id: h.rule, url: ruleLink(`docs/migrations.md#${h.rule}`, MIGRATION_RULE_REFERENCES[h.rule]) },
      });
    }
    const unknown = tr.unknown.filter((u) => u.line === 0 || changed.has(u.line));
    if (unknown.length > 0) {
      // One entry per construct and line (`knex.raw('... ?', [knex.raw(type)])` is two calls on one line).
      const distinct = [...new Set(unknown.map((u) => (u.line === 0 ? (t.partial ? outsideHunks(changed) : u.what) : `line ${u.line} ${u.what}`)))];
      const listed = distinct.slice(0, 5).join('; ');
      notes.push(`Not linted in ${path} (${FRAMEWORK_NAMES[t.framework]}): ${listed}${distinct.length > 5 ? `; and ${distinct.length - 5} more` : ''}. These were not translated to SQL; review them by hand.`);
    }
    escapes.set(path, tr.escapes.filter((e) => changed.has(e.line)).map((e) => `${path}:${e.line} uses \`${e.what}\`: squawk found nothing to report in what it wraps.`));
  }

  return {
    inputs,
    findings,
    notes,
    refine(all) {
      const out: Finding[] = [];
      const refineNotes: string[] = [];
      for (const f of all) {
        const t = f.path === null ? undefined : byPath.get(f.path);
        // The translator's own hazard (Rails, Django) says the same at this line, with the framework's opt-out.
        const inTransaction = f.source.id === 'ban-concurrent-index-creation-in-transaction' || f.source.id === CONCURRENT_INDEX_IN_TRANSACTION;
        if (t && inTransaction && t.translation.hazards.some((h) => h.line === f.line && h.rule === 'concurrent-index-in-transaction')) continue;
        if (t && f.source.id === CONCURRENT_INDEX_IN_TRANSACTION && f.source.kind === 'rule') {
          // A drop gets the framework's way to drop concurrently; its statement is the operation's SQL on that line.
          const drops = t.translation.operations.some((o) => o.line === f.line && o.sql.some((l) => /^\s*DROP\s+INDEX\s+CONCURRENTLY\b/i.test(l.text)));
          const fix = drops ? frameworkFix(t.framework, 'require-concurrent-index-deletion') : undefined;
          out.push(fix ? { ...f, body: `${f.body}\n\n**${FRAMEWORK_NAMES[t.framework]}:** ${fix}` } : f);
          continue;
        }
        if (!t || f.source.kind !== 'squawk') {
          out.push(f);
          continue;
        }
        if (CONVENTION_RULES.has(f.source.id)) continue;
        if (f.line !== null && assured.get(t.path)?.has(f.line)) {
          refineNotes.push(`${t.path}:${f.line} squawk ${f.source.id} (${f.title}) inside \`${escapeName(t.translation)}\`: accepted by the author, not reported as a finding.`);
          continue;
        }
        // squawk asks for NOT VALID on a UNIQUE constraint too, which Postgres refuses; disallowed-unique-constraint
        // on the same statement gives the real way (an index built concurrently, then USING INDEX).
        const atLine = t.translation.operations.filter((o) => o.line === f.line);
        if (f.source.id === 'constraint-missing-not-valid' && atLine.length > 0 && atLine.every((o) => uniqueOnly(o.sql))) continue;
        const fix = frameworkFix(t.framework, f.title === VALIDATED_IN_ADD_TRANSACTION_TITLE ? VALIDATED_IN_ADD_TRANSACTION : f.source.id);
        const read = t.translation.operations.find((o) => o.line === f.line && !o.raw);
        const readAs = read ? `\n\nLinted as the SQL ${FRAMEWORK_NAMES[t.framework]} runs for \`${read.op}\`: \`${clip(read.sql.map((l) => l.text).join(' '))}\`${read.assumption ? ` (${read.assumption})` : ''}` : '';
        out.push({ ...f, body: `${f.body}${fix ? `\n\n**${FRAMEWORK_NAMES[t.framework]}:** ${fix}` : ''}${readAs}` });
      }
      // An escape with nothing under it still shows, so an escape is never invisible.
      for (const [path, lines] of escapes) if (!refineNotes.some((n) => n.startsWith(`${path}:`))) refineNotes.push(...lines);
      return { findings: out, notes: refineNotes };
    },
  };
}

/**
 * The statements, between `BEGIN`/`COMMIT` when the framework runs this migration in a transaction; an
 * operation that runs outside it (`autocommit_block()`) closes the transaction before it and reopens it after.
 */
function inTransaction(t: Translated, ops: readonly Operation[]): SqlLine[] {
  const sql = ops.flatMap((o) => o.sql);
  if (!t.translation.transactional || !IN_TRANSACTION.has(t.framework)) return sql;
  const out: SqlLine[] = [];
  let open = false;
  for (const o of ops) {
    const first = o.sql[0];
    const last = o.sql[o.sql.length - 1];
    if (!first || !last) continue;
    if (!o.autocommit && !open) out.push({ text: 'BEGIN;', line: first.line });
    if (o.autocommit && open) out.push({ text: 'COMMIT;', line: first.line });
    open = !o.autocommit;
    out.push(...o.sql);
  }
  const end = out[out.length - 1];
  if (open && end) out.push({ text: 'COMMIT;', line: end.line });
  return out;
}

/** The escape the migration uses, as the author wrote it. */
function escapeName(tr: Translation): string {
  return tr.escapes[0]?.what ?? 'safety_assured';
}

function memo(read: (path: string) => Promise<string | undefined>): (path: string) => Promise<string | undefined> {
  const cache = new Map<string, Promise<string | undefined>>();
  return (path) => {
    let hit = cache.get(path);
    if (!hit) cache.set(path, (hit = read(path).catch(() => undefined)));
    return hit;
  };
}

function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

/**
 * The file at the head commit: a new file's added lines are all of it; otherwise read it, and when it
 * cannot be read, what the hunks show of the new file (added and context lines) at their own line numbers,
 * the rest blank, with a note. A context line can be what gives the added ones their meaning (the
 * `change_table :users do |t|` above them).
 */
async function wholeFile(file: DiffFile, readFile: FrameworkMigrationOptions['readFile']): Promise<{ content: string; partial: boolean }> {
  if (file.status !== 'added' && readFile) {
    try {
      const content = await readFile(file.path);
      if (content !== undefined) return { content, partial: false };
    } catch {
      // Fall through to the hunks.
    }
  }
  const shown = file.hunks.flatMap((h) => h.lines.flatMap((l) => (l.newLine === null ? [] : [{ line: l.newLine, text: l.text }])));
  const known = shown.length > 0 ? shown : file.added;
  const last = Math.max(...known.map((l) => l.line));
  const lines = new Array<string>(last).fill('');
  for (const l of known) lines[l.line - 1] = l.text;
  return { content: lines.join('\n'), partial: file.status !== 'added' };
}

/**
 * A partial file's "no `up` method" is the hunks' doing, not the file's: said as what it is, with the
 * changed lines that were not translated for it.
 */
function outsideHunks(changed: ReadonlySet<number>): string {
  const lines = [...changed].sort((a, b) => a - b);
  const where = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines[0]}-${lines[lines.length - 1]}`;
  return `${where} (the hunks do not show the migration's \`up\`/\`change\` method, \`operations\` list or the block the lines are in, such as \`change_table … do |t|\` or \`Schema::table(…)\`, and the full file was not available)`;
}

/** SQL whose only constraint is UNIQUE (no foreign key, check or exclusion, which NOT VALID would suit). */
function uniqueOnly(sql: ReadonlyArray<{ text: string }>): boolean {
  const text = sql.map((l) => l.text).join('\n');
  return /\bADD\s+CONSTRAINT\b[^;]*\bUNIQUE\b/i.test(text) && !/\b(FOREIGN\s+KEY|CHECK|EXCLUDE)\b/i.test(text);
}
