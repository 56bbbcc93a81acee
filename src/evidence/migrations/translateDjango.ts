import { djangoField, type DjangoFieldStates } from './djangoFields.js';
import { callArgs, chainNames, isFalse, isTrue, namesOf, option, Parser, textOf, type Value } from './parseValue.js';
import { backfillHazard, schemaSql } from './schemaSql.js';
import { tokenize, type Token } from './tokenize.js';
import { emptyTranslation, hazard, ident, literal, op, rawSql, type Hazard, type Translation } from './Translation.js';

/** Operations with no SQL, or none a linter judges. */
const NO_SQL = new Set([
  'AlterModelOptions', 'AlterModelManagers', 'AlterOrderWithRespectTo', 'CreateExtension', 'HStoreExtension', 'TrigramExtension',
  'UnaccentExtension', 'BtreeGinExtension', 'CITextExtension', 'CryptoExtension', 'RemoveConstraint', 'RenameIndex', 'AlterModelTableComment',
  'CreateCollation', 'RemoveCollation',
]);

/**
 * Django migrations (`operations = [...]`) → the Postgres `sqlmigrate` would print, operation by
 * operation, on the operation's source line. The table name is `<app>_<model>` with the app taken
 * from the path (`<app>/migrations/0002_x.py`), unless `db_table` says otherwise.
 */
export function translateDjango(source: string, path: string, prior?: DjangoFieldStates): Translation {
  const tokens = tokenize(source, 'python');
  const tr = emptyTranslation('django');
  const app = /(?:^|\/)([^/]+)\/migrations\/[^/]+$/.exec(path)?.[1] ?? 'app';
  const tableOf = (model: string) => `${app}_${model.toLowerCase()}`;
  const tableNames = new Map<string, string>();
  const table = (model: string) => tableNames.get(model.toLowerCase()) ?? tableOf(model);
  const dataOps: number[] = [];
  const concurrent: number[] = [];
  const runPython: number[] = [];
  /** NOT NULL columns added with a Django-only default, and the columns a later operation gives a database default. */
  const droppedDefaults: Array<{ line: number; table: string; column: string }> = [];
  const databaseDefaults = new Set<string>();

  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.kind === 'id' && t.text === 'atomic' && tokens[k + 1]?.text === '=' && tokens[k + 2]?.text === 'False') tr.transactional = false;
  }
  const start = tokens.findIndex((t, k) => t.kind === 'id' && t.text === 'operations' && tokens[k + 1]?.text === '=' && tokens[k + 2]?.text === '[');
  if (start < 0) {
    tr.unknown.push({ line: 0, what: 'no `operations = [...]` list' });
    return tr;
  }
  const list = new Parser(tokens, 'python', start + 2).expr(1);
  if (list.kind !== 'list') {
    tr.unknown.push({ line: 0, what: '`operations` is not a list' });
    return tr;
  }
  for (const item of list.items) operation(item);
  for (const d of droppedDefaults) if (!databaseDefaults.has(`${d.table}.${d.column}`)) tr.hazards.push(defaultDropped(d.line, d.table, d.column));
  if (runPython.length > 0) for (const line of appModelImports(source)) tr.hazards.push(appModelImport(line));

  const changesSchema = tr.operations.length > 0;
  if (tr.transactional) {
    if (changesSchema) for (const line of dataOps) tr.hazards.push(backfill(line));
    for (const line of concurrent) tr.hazards.push(concurrentInAtomic(line));
  }
  if (tr.escapes.length > 0) assureAll(tr);
  return tr;

  function operation(v: Value): void {
    const names = chainNames(v);
    const name = names[names.length - 1] ?? '';
    const line = v.line;
    const lineOf = v.kind === 'chain' ? (v.segments[v.segments.length - 1]?.line ?? line) : line;
    const args = callArgs(v);
    const arg = (key: string, index: number) => args.named.get(key) ?? args.positional[index];
    const model = textOf(arg('model_name', 0)) ?? textOf(arg('name', 0));
    switch (name) {
      case 'CreateModel': {
        const created = textOf(arg('name', 0));
        if (!created) return;
        const options = arg('options', 2);
        const dbTable = options?.kind === 'map' ? textOf(options.entries.get('db_table')) : undefined;
        if (dbTable) tableNames.set(created.toLowerCase(), dbTable);
        tr.createdTables.push(table(created));
        return;
      }
      case 'DeleteModel':
        if (model) tr.operations.push(op(lineOf, name, table(model), schemaSql.dropTable(table(model))));
        return;
      case 'AddField': {
        const field = arg('field', 2);
        const column = textOf(arg('name', 1));
        if (!model || !column || !field) return void tr.unknown.push({ line: lineOf, what: '`AddField` with computed arguments' });
        addField(lineOf, table(model), column, field);
        prior?.set(`${model.toLowerCase()}.${column}`, djangoField(field, column, tableOf));
        return;
      }
      case 'AlterField': {
        const field = arg('field', 2);
        const column = textOf(arg('name', 1));
        if (!model || !column || !field) return void tr.unknown.push({ line: lineOf, what: '`AlterField` with computed arguments' });
        alterField(lineOf, model, column, field);
        return;
      }
      case 'RemoveField': {
        const column = textOf(arg('name', 1));
        if (model && column) tr.operations.push(op(lineOf, name, table(model), schemaSql.dropColumn(table(model), column)));
        return;
      }
      case 'RenameField': {
        const from = textOf(arg('old_name', 1));
        const to = textOf(arg('new_name', 2));
        if (model && from && to) tr.operations.push(op(lineOf, name, table(model), schemaSql.renameColumn(table(model), from, to)));
        return;
      }
      case 'RenameModel': {
        const from = textOf(arg('old_name', 0));
        const to = textOf(arg('new_name', 1));
        if (from && to) tr.operations.push(op(lineOf, name, table(from), schemaSql.renameTable(table(from), tableOf(to))));
        return;
      }
      case 'AlterModelTable': {
        const to = textOf(arg('table', 1));
        if (model && to) tr.operations.push(op(lineOf, name, table(model), schemaSql.renameTable(table(model), to)));
        return;
      }
      case 'AddIndex':
      case 'AddIndexConcurrently': {
        const index = arg('index', 1);
        const iargs = callArgs(index);
        const fields = (namesOf(option(iargs, 'fields')) ?? []).map((f) => f.replace(/^-/, ''));
        if (!model || fields.length === 0) return void tr.unknown.push({ line: lineOf, what: `\`${name}\` on expressions` });
        const indexName = textOf(option(iargs, 'name')) ?? `${table(model)}_${fields.join('_')}_idx`;
        const conc = name === 'AddIndexConcurrently';
        if (conc) concurrent.push(lineOf);
        const where = option(iargs, 'condition') ? 'id IS NOT NULL' : undefined;
        tr.operations.push(op(lineOf, name, table(model), schemaSql.createIndex(indexName, table(model), fields, { concurrently: conc, where })));
        return;
      }
      case 'RemoveIndex':
      case 'RemoveIndexConcurrently': {
        const indexName = textOf(arg('name', 1));
        const conc = name === 'RemoveIndexConcurrently';
        if (conc) concurrent.push(lineOf);
        if (model && indexName) tr.operations.push(op(lineOf, name, table(model), schemaSql.dropIndex(indexName, { concurrently: conc })));
        return;
      }
      case 'AddConstraint':
      case 'AddConstraintNotValid': {
        const constraint = arg('constraint', 1);
        const kind = chainNames(constraint).pop();
        const cargs = callArgs(constraint);
        const cname = textOf(option(cargs, 'name')) ?? 'constraint';
        if (!model) return;
        const t = table(model);
        const notValid = name === 'AddConstraintNotValid';
        if (kind === 'UniqueConstraint') {
          const fields = namesOf(option(cargs, 'fields')) ?? [];
          // With a condition or expressions Django writes a unique index, otherwise a constraint.
          const sql = option(cargs, 'condition') || fields.length === 0
            ? schemaSql.createIndex(cname, t, fields.length > 0 ? fields : ['id'], { unique: true, where: 'id IS NOT NULL' })
            : schemaSql.addUnique(t, cname, fields);
          tr.operations.push(op(lineOf, name, t, sql));
        } else if (kind === 'ExclusionConstraint') {
          tr.operations.push(op(lineOf, name, t, schemaSql.addExclusion(t, cname)));
        } else {
          // The check's expression is Python (Q objects); the lock is the same whatever it says.
          tr.operations.push(op(lineOf, name, t, schemaSql.addCheck(t, cname, 'id IS NOT NULL', { notValid })));
        }
        return;
      }
      case 'ValidateConstraint': {
        const cname = textOf(arg('name', 1));
        if (model && cname) tr.operations.push(op(lineOf, name, table(model), `ALTER TABLE ${ident(table(model))} VALIDATE CONSTRAINT ${ident(cname)};`));
        return;
      }
      case 'AlterUniqueTogether':
      case 'AlterIndexTogether': {
        const together = arg(name === 'AlterUniqueTogether' ? 'unique_together' : 'index_together', 1);
        if (!model) return;
        const groups = together?.kind === 'list' ? (together.items.some((x) => x.kind === 'list') ? together.items : [together]) : [];
        for (const g of groups) {
          const fields = namesOf(g);
          if (!fields || fields.length === 0) continue;
          const t = table(model);
          const sql = name === 'AlterUniqueTogether'
            ? schemaSql.addUnique(t, `${t}_${fields.join('_')}_uniq`, fields)
            : schemaSql.createIndex(`${t}_${fields.join('_')}_idx`, t, fields);
          tr.operations.push(op(lineOf, name, t, sql));
        }
        return;
      }
      case 'RunSQL': {
        if (!arg('reverse_sql', 1)) tr.hazards.push(irreversible(lineOf, 'RunSQL', 'reverse_sql'));
        const sql = arg('sql', 0);
        const parts = sql?.kind === 'list' ? sql.items.map((x) => (x.kind === 'list' ? x.items[0] : x)) : [sql];
        for (const part of parts) {
          if (part?.kind === 'str' && !part.dynamic) {
            tr.operations.push(rawSql(lineOf, name, part.value, part.lines));
            if (/^\s*(UPDATE|INSERT|DELETE)\b/i.test(part.value)) dataOps.push(part.line);
          } else tr.unknown.push({ line: lineOf, what: '`RunSQL` with computed SQL' });
        }
        return;
      }
      case 'RunPython':
        if (!arg('reverse_code', 1)) tr.hazards.push(irreversible(lineOf, 'RunPython', 'reverse_code'));
        dataOps.push(lineOf);
        runPython.push(lineOf);
        return;
      case 'AddDefaultValue': {
        // django-add-default-value: `ALTER COLUMN … SET DEFAULT` in the database (catalog only), so old code's inserts keep working.
        const column = textOf(arg('name', 1));
        if (model && column) databaseDefaults.add(`${table(model)}.${column}`);
        return;
      }
      case 'SeparateDatabaseAndState': {
        const db = arg('database_operations', 0);
        if (db?.kind === 'list') for (const item of db.items) operation(item);
        return;
      }
      case 'IgnoreMigration':
        // django-migration-linter's escape: the author vouches for the whole migration.
        tr.escapes.push({ line: lineOf, what: names.join('.') || name });
        return;
      default:
        if (NO_SQL.has(name)) return;
        tr.unknown.push({ line: lineOf, what: `\`${names.join('.') || 'operation'}\`` });
    }
  }

  function addField(line: number, t: string, name: string, field: Value): void {
    const f = djangoField(field, name, tableOf);
    if (f.m2m) return; // A new join table.
    if (f.generated) {
      // The expression is Python (F() objects); a stored column is computed into every row either way. A virtual one costs nothing.
      if (f.generated === 'stored') tr.operations.push(op(line, 'AddField', t, `ALTER TABLE ${ident(t)} ADD COLUMN ${ident(f.column)} ${f.type} GENERATED ALWAYS AS (id) STORED;`));
      return;
    }
    const sql: string[] = [];
    const dflt = f.dbDefault ? ` DEFAULT ${sqlValue(f.dbDefault)}` : f.hasDefault ? ` DEFAULT ${sqlValue(option(f.args, 'default'))}` : f.blankDefault ? " DEFAULT ''" : '';
    sql.push(`ALTER TABLE ${ident(t)} ADD COLUMN ${ident(f.column)} ${f.type}${dflt}${f.nullable ? ' NULL' : ' NOT NULL'};`);
    if ((f.hasDefault || f.blankDefault) && !f.dbDefault) sql.push(`ALTER TABLE ${ident(t)} ALTER COLUMN ${ident(f.column)} DROP DEFAULT;`);
    if (f.unique) sql.push(schemaSql.addUnique(t, `${t}_${f.column}_uniq`, [f.column]));
    else if (f.index) sql.push(schemaSql.createIndex(`${t}_${f.column}_idx`, t, [f.column]));
    if (f.fk) sql.push(schemaSql.addForeignKey(t, `${t}_${f.column}_fk`, [f.column], f.fk, ['id'], { deferrable: true }));
    tr.operations.push({ line, op: 'AddField', table: t, sql: sql.map((text) => ({ text, line })) });
    if (!f.nullable && (f.hasDefault || f.blankDefault) && !f.dbDefault) droppedDefaults.push({ line, table: t, column: f.column });
  }

  function alterField(line: number, model: string, name: string, field: Value): void {
    const t = table(model);
    const f = djangoField(field, name, tableOf);
    if (f.m2m) return;
    const key = `${model.toLowerCase()}.${name}`;
    const before = prior?.get(key);
    prior?.set(key, f);
    const sql: string[] = [];
    if (before) {
      // The field as the app's earlier migrations left it: only what changes is written (Django writes nothing for `help_text`, `choices` …).
      if (before.type !== f.type) sql.push(schemaSql.alterType(t, f.column, f.type));
      if (before.nullable && !f.nullable) sql.push(schemaSql.setNotNull(t, f.column));
    } else {
      // The previous state is in older migrations we could not read: judge what the new field asks for.
      // A field made nullable is almost always only that (`DROP NOT NULL`, safe); otherwise assume the type may change.
      if (!f.nullable) sql.push(schemaSql.alterType(t, f.column, f.type), schemaSql.setNotNull(t, f.column));
    }
    if (f.unique && !before?.unique) sql.push(schemaSql.addUnique(t, `${t}_${f.column}_uniq`, [f.column]));
    else if (isTrue(option(f.args, 'db_index')) && !before?.index) sql.push(schemaSql.createIndex(`${t}_${f.column}_idx`, t, [f.column]));
    // Without the earlier state the type change and SET NOT NULL are a guess: the finding says so.
    const assumption = before ? undefined : 'the field as earlier migrations left it was not found, so a type change and SET NOT NULL are assumed; if the field already had this type and was NOT NULL, Django runs neither';
    if (sql.length > 0) tr.operations.push({ line, op: 'AlterField', table: t, sql: sql.map((text) => ({ text, line })), ...(assumption && !f.nullable ? { assumption } : {}) });
  }

}

/** Under an escape (`IgnoreMigration`) every finding of the migration is the author's call: notes, not findings. */
function assureAll(tr: Translation): void {
  tr.operations = tr.operations.map((o) => ({ ...o, assured: true }));
  tr.hazards = tr.hazards.map((h) => ({ ...h, assured: true }));
}

function sqlValue(v: Value | undefined): string {
  if (!v) return "''";
  if (v.kind === 'num') return v.value;
  if (isTrue(v)) return 'true';
  if (isFalse(v)) return 'false';
  if (v.kind === 'str' && !v.dynamic) return literal(v.value);
  // A callable (timezone.now, uuid4) is evaluated once by Django: a constant to Postgres.
  return "''";
}

function backfill(line: number): Hazard {
  return backfillHazard(
    line,
    'Put `RunPython`/data `RunSQL` in its own migration (with `atomic = False` for large tables) and update in batches.',
    'This migration changes the schema and rewrites data in the same transaction: the schema change\'s locks are held until every row is written.',
    'Data migration inside a schema migration',
  );
}

function concurrentInAtomic(line: number): Hazard {
  return hazard(
    line,
    'concurrent-index-in-transaction',
    'blocker',
    'Concurrent index operation in an atomic migration',
    'Postgres cannot build or drop an index `CONCURRENTLY` inside a transaction, and Django runs this migration in one: it fails. Set `atomic = False` on the `Migration` class.',
  );
}

function irreversible(line: number, operation: string, reverse: string): Hazard {
  return hazard(
    line,
    'irreversible-data-migration',
    'minor',
    `\`${operation}\` without \`${reverse}\`: the migration cannot be unapplied`,
    `Rolling back past this migration (\`migrate <app> <earlier>\`, a revert of the deploy) stops here with \`IrreversibleError\`. Give \`${reverse}\`: the inverse, or \`migrations.${operation}.noop\` when there is nothing to undo.`,
  );
}

/** Lines of `from <app>.models import …` (also relative, `from ..models import …`); Django's own modules are left alone. */
function appModelImports(source: string): number[] {
  const lines: number[] = [];
  source.split('\n').forEach((text, i) => {
    const m = /^from\s+(\.*(?:[A-Za-z_]\w*\.)*models)\s+import\b/.exec(text);
    if (m && !(m[1] as string).startsWith('django.')) lines.push(i + 1);
  });
  return lines;
}

function appModelImport(line: number): Hazard {
  return hazard(
    line,
    'migration-imports-models',
    'major',
    'Data migration uses the app\'s current models',
    'A migration runs against the schema as it was at that point of the history, but a model imported from the app is the class as it is today: once a later release adds or renames a field, this migration selects or writes columns that do not exist yet, and it breaks for every database migrated from scratch (new environments, tests). Inside `RunPython`, get the historical model with `apps.get_model("app_label", "Model")`.',
  );
}

function defaultDropped(line: number, table: string, column: string): Hazard {
  return hazard(
    line,
    'not-null-without-database-default',
    'major',
    `NOT NULL column ${table}.${column} keeps no default in the database`,
    'Django adds the column with the default, then drops the default: the database column is NOT NULL with no default. Code still running the previous release inserts rows without this column and fails until the deploy finishes. Add the field with `null=True` first, or use `db_default=` (Django 5+), and make it NOT NULL in a later release.',
  );
}

