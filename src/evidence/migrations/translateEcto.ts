import { blockStatements, type BlockStatement } from './blockStatements.js';
import { assureByComments, EXCELLENT_MIGRATIONS_ESCAPE } from './escapeComments.js';
import { callArgs, chainNames, isFalse, isTrue, namesOf, option, Parser, textOf, type Args, type Value } from './parseValue.js';
import { changeRewrites, type RailsColumnType } from './railsColumnChange.js';
import { backfillHazards, schemaSql, sqlDefault, WRITES_ROWS } from './schemaSql.js';
import { tokenize, type Token } from './tokenize.js';
import { emptyTranslation, hazard, op, rawSql, type Hazard, type Translation } from './Translation.js';

const ECTO_TYPES: Record<string, string> = {
  string: 'varchar(255)', text: 'text', integer: 'integer', bigint: 'bigint', boolean: 'boolean', float: 'float8', decimal: 'numeric',
  date: 'date', time: 'time(0)', utc_datetime: 'timestamp(0)', naive_datetime: 'timestamp(0)', utc_datetime_usec: 'timestamp',
  naive_datetime_usec: 'timestamp', map: 'jsonb', uuid: 'uuid', binary_id: 'uuid', binary: 'bytea', citext: 'citext', serial: 'serial',
  bigserial: 'bigserial', id: 'bigint',
};
const HARMLESS = new Set(['flush', 'use', 'import', 'require', 'alias', 'IO']);

/** Ecto migrations (`alter table`, `create index`, `execute` in `change`/`up`) → Postgres. */
export function translateEcto(source: string): Translation {
  const tokens = tokenize(source, 'elixir');
  const tr = emptyTranslation('ecto');
  if (/@disable_ddl_transaction\s+true/.test(source)) tr.transactional = false;
  let sawChange = false;
  const dataOps: number[] = [];
  const concurrentLines: number[] = [];
  /** `idx = index(:t, [:c])` in the function: the tokens of the value, put back where the name is used. */
  const vars = new Map<string, Token[]>();
  walk(blockStatements(tokens, 'elixir'), undefined, false);
  if (!sawChange) tr.unknown.push({ line: 0, what: 'no `change` or `up` function' });
  backfillHazards(tr, dataOps, 'Move the backfill to its own migration (`@disable_ddl_transaction true`, `@disable_migration_lock true`) and update in batches.');
  if (!/@disable_migration_lock\s+true/.test(source)) for (const line of concurrentLines) tr.hazards.push(migrationLockHazard(line));
  assureByComments(tr, source, EXCELLENT_MIGRATIONS_ESCAPE);
  return tr;

  function walk(stmts: readonly BlockStatement[], table: { name: string; created: boolean } | undefined, inMigration: boolean): void {
    for (const s of stmts) {
      const first = tokens[s.start] as Token;
      if (first.kind === 'id' && (first.text === 'defmodule' || first.text === 'if' || first.text === 'unless' || first.text === 'for')) {
        walk(s.block?.children ?? [], table, inMigration);
        continue;
      }
      if (first.kind === 'id' && (first.text === 'def' || first.text === 'defp')) {
        const name = tokens[s.start + 1]?.text;
        if (first.text === 'def' && (name === 'change' || name === 'up')) {
          sawChange = true;
          walk(s.block?.children ?? [], undefined, true);
        }
        continue;
      }
      if (!inMigration) continue;
      // `Repo.update_all(...)`, `from(u in User) |> repo().update_all(set: ...)`: rows written, whatever the query's shape
      // (a pipeline's `|> Repo.update_all(…)` line is a statement of its own).
      if (writesRows(s)) {
        dataOps.push(s.line);
        continue;
      }
      if (first.kind === 'id' && tokens[s.start + 1]?.text === '=' && tokens[s.start + 2]?.text !== '=' && s.start + 2 < s.end && !s.block) {
        vars.set(first.text, tokens.slice(s.start + 2, s.end));
        continue;
      }
      // A name bound above or a pipeline (`:t |> index([:c]) |> create()`) is read as the call it stands for.
      const rewritten = resolveStatement(tokens.slice(s.start, s.end), vars);
      const toks = rewritten ?? tokens;
      const from = rewritten ? 0 : s.start;
      const to = rewritten ? rewritten.length : s.end;
      if (toks[from]?.kind !== 'id') {
        if (rewritten) tr.unknown.push({ line: s.line, what: 'a pipeline that does not end in a call' });
        continue;
      }
      const p = new Parser(toks, 'elixir', from, to);
      const head = p.expr();
      let args: Args = callArgs(head);
      if (p.i < to) args = p.items('\0', 0);
      const verb = chainNames(head).join('.');
      statement(verb, args, s, table);
    }
  }

  function statement(verb: string, args: Args, s: BlockStatement, table: { name: string; created: boolean } | undefined): void {
    const line = s.line;
    const target = args.positional[0];
    const targetKind = chainNames(target)[0];
    const targetArgs = callArgs(target);
    const targetTable = textOf(targetArgs.positional[0]);
    if ((verb === 'alter' || verb === 'create' || verb === 'create_if_not_exists') && targetKind === 'table' && s.block) {
      if (!targetTable) return void tr.unknown.push({ line, what: `\`${verb} table\` with a computed name` });
      if (verb !== 'alter') tr.createdTables.push(targetTable);
      walk(s.block.children, { name: targetTable, created: verb !== 'alter' }, true);
      return;
    }
    if (table) {
      if (table.created) return;
      return column(verb, args, line, table.name);
    }
    switch (verb) {
      case 'create':
      case 'create_if_not_exists': {
        if (targetKind === 'table') {
          if (targetTable) tr.createdTables.push(targetTable);
          return;
        }
        if (!targetTable) return void tr.unknown.push({ line, what: `\`${verb}\` with a computed target` });
        if (targetKind === 'index' || targetKind === 'unique_index') {
          const cols = (namesOf(targetArgs.positional[1]) ?? []).filter((c) => /^\w+$/.test(c));
          const unique = targetKind === 'unique_index' || isTrue(option(targetArgs, 'unique'));
          const conc = isTrue(option(targetArgs, 'concurrently'));
          if (conc) concurrentLines.push(line);
          const name = textOf(option(targetArgs, 'name')) ?? `${targetTable}_${cols.join('_')}_index`;
          tr.operations.push(op(line, `create ${targetKind}`, targetTable, schemaSql.createIndex(name, targetTable, cols.length > 0 ? cols : ['id'], { unique, concurrently: conc })));
          return;
        }
        if (targetKind === 'constraint') {
          const name = textOf(targetArgs.positional[1]) ?? 'constraint';
          const check = textOf(option(targetArgs, 'check'));
          const notValid = isFalse(option(targetArgs, 'validate'));
          if (check) tr.operations.push(op(line, 'create constraint', targetTable, schemaSql.addCheck(targetTable, name, check, { notValid })));
          return;
        }
        return void tr.unknown.push({ line, what: `\`${verb} ${targetKind ?? '…'}\`` });
      }
      case 'drop':
      case 'drop_if_exists': {
        if (targetKind === 'table' && targetTable) tr.operations.push(op(line, 'drop table', targetTable, schemaSql.dropTable(targetTable)));
        if ((targetKind === 'index' || targetKind === 'unique_index') && targetTable) {
          const cols = namesOf(targetArgs.positional[1]) ?? [];
          const conc = isTrue(option(targetArgs, 'concurrently'));
          if (conc) concurrentLines.push(line);
          tr.operations.push(op(line, 'drop index', targetTable, schemaSql.dropIndex(textOf(option(targetArgs, 'name')) ?? `${targetTable}_${cols.join('_')}_index`, { concurrently: conc })));
        }
        return;
      }
      case 'rename': {
        if (!targetTable) return;
        const to = option(args, 'to');
        if (chainNames(to)[0] === 'table') {
          const newName = textOf(callArgs(to).positional[0]);
          if (newName) tr.operations.push(op(line, 'rename table', targetTable, schemaSql.renameTable(targetTable, newName)));
          return;
        }
        const from = textOf(args.positional[1]);
        const toName = textOf(to);
        if (from && toName) tr.operations.push(op(line, 'rename column', targetTable, schemaSql.renameColumn(targetTable, from, toName)));
        return;
      }
      case 'execute': {
        if (target?.kind === 'str' && !target.dynamic) {
          tr.operations.push(rawSql(line, 'execute', target.value, target.lines));
          if (WRITES_ROWS.test(target.value)) dataOps.push(line);
        }
        else tr.unknown.push({ line, what: '`execute` with interpolated or computed SQL' });
        return;
      }
      default:
        if (HARMLESS.has(verb.split('.')[0] ?? '')) return;
        tr.unknown.push({ line, what: `\`${verb}\`` });
    }
  }

  /** A call of the repo's write functions anywhere in the statement (`Repo.`, `MyApp.Repo.`, `repo().`). */
  function writesRows(s: BlockStatement): boolean {
    for (let k = s.start; k + 2 < s.end; k++) {
      const t = tokens[k] as Token;
      const repo = (t.kind === 'id' && /Repo$/.test(t.text)) || (t.text === ')' && tokens[k - 1]?.text === '(' && tokens[k - 2]?.text === 'repo');
      if (repo && tokens[k + 1]?.text === '.' && /^(update_all|insert_all|delete_all|update!?|insert!?|delete!?|insert_or_update!?)$/.test(tokens[k + 2]?.text ?? '')) return true;
    }
    return false;
  }

  function column(verb: string, args: Args, line: number, t: string): void {
    const c = textOf(args.positional[0]);
    switch (verb) {
      case 'add':
      case 'add_if_not_exists': {
        if (!c) return void tr.unknown.push({ line, what: '`add` with a computed column' });
        const typeArg = args.positional[1];
        const ref = chainNames(typeArg)[0] === 'references' ? callArgs(typeArg) : undefined;
        const type = ref ? 'bigint' : ectoType(typeArg);
        const dflt = option(args, 'default');
        const sql = [schemaSql.addColumn(t, c, type, { dflt: dflt ? sqlDefault(dflt, ectoDefault) : undefined, notNull: isFalse(option(args, 'null')) })];
        const refTable = textOf(ref?.positional[0]);
        if (ref && refTable) sql.push(schemaSql.addForeignKey(t, `${t}_${c}_fkey`, [c], refTable, [textOf(option(ref, 'column')) ?? 'id'], { notValid: isFalse(option(ref, 'validate')) }));
        tr.operations.push({ line, op: 'add', table: t, sql: sql.map((text) => ({ text, line })) });
        return;
      }
      case 'modify': {
        if (!c) return;
        const typeArg = args.positional[1];
        const ref = chainNames(typeArg)[0] === 'references' ? callArgs(typeArg) : undefined;
        const sql: string[] = [];
        // `modify :site_id, references(:sites, on_delete: …)` keeps the key's type and (re)adds the foreign key;
        // any other type is a rewrite unless Postgres changes only the catalog (to `text`, a longer string …).
        const from = option(args, 'from');
        if (!ref && changeRewrites(from ? ectoColumnType(from) : undefined, ectoColumnType(typeArg, textOf(option(args, 'size'))))) sql.push(schemaSql.alterType(t, c, ectoType(typeArg)));
        const refTable = textOf(ref?.positional[0]);
        if (ref && refTable) sql.push(schemaSql.addForeignKey(t, `${t}_${c}_fkey`, [c], refTable, [textOf(option(ref, 'column')) ?? 'id'], { notValid: isFalse(option(ref, 'validate')) }));
        if (isFalse(option(args, 'null'))) sql.push(schemaSql.setNotNull(t, c));
        if (sql.length === 0) return;
        tr.operations.push({ line, op: 'modify', table: t, sql: sql.map((text) => ({ text, line })) });
        return;
      }
      case 'remove':
      case 'remove_if_exists':
        if (c) tr.operations.push(op(line, 'remove', t, schemaSql.dropColumn(t, c)));
        return;
      case 'timestamps': {
        // Ecto's timestamps are NOT NULL unless `null: true`.
        const notNull = !isTrue(option(args, 'null'));
        tr.operations.push({ line, op: 'timestamps', table: t, sql: ['inserted_at', 'updated_at'].map((name) => ({ text: schemaSql.addColumn(t, name, 'timestamp(0)', { notNull }), line })) });
        return;
      }
      default:
        tr.unknown.push({ line, what: `\`${verb}\` inside \`alter table\`` });
    }
  }
}

/**
 * A statement's tokens with bound names replaced by their values and a pipeline turned into nested calls
 * (`a |> f(b) |> g()` → `g(f(a, b))`); undefined when there is neither. Tokens only: the parser reads the result.
 */
export function resolveStatement(stmt: readonly Token[], vars: ReadonlyMap<string, readonly Token[]>): Token[] | undefined {
  let changed = false;
  const out: Token[] = [];
  for (let k = 0; k < stmt.length; k++) {
    const t = stmt[k] as Token;
    const value = t.kind === 'id' ? vars.get(t.text) : undefined;
    if (value && stmt[k - 1]?.text !== '.' && stmt[k + 1]?.text !== '(' && stmt[k + 1]?.text !== '.' && value.length > 0) {
      out.push(...value);
      changed = true;
    } else out.push(t);
  }
  // Split on a top-level `|>` (two adjacent tokens).
  const stages: Token[][] = [[]];
  let depth = 0;
  for (let k = 0; k < out.length; k++) {
    const t = out[k] as Token;
    if (t.kind === 'p' && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
    if (t.kind === 'p' && (t.text === ')' || t.text === ']' || t.text === '}')) depth--;
    const next = out[k + 1];
    if (depth === 0 && t.text === '|' && next?.text === '>' && next.line === t.line && next.col === t.col + 1) {
      stages.push([]);
      k++;
      continue;
    }
    (stages[stages.length - 1] as Token[]).push(t);
  }
  if (stages.length === 1) return changed ? out : undefined;
  let acc = stages[0] as Token[];
  for (const stage of stages.slice(1)) {
    // The stage's callee is a dotted name (`create`, `Ecto.Migration.create`), then its own arguments in parentheses, if any.
    let k = 0;
    while (stage[k]?.kind === 'id' && stage[k + 1]?.text === '.' && stage[k + 2]?.kind === 'id') k += 2;
    if (stage[k]?.kind !== 'id') return undefined;
    const callee = stage.slice(0, k + 1);
    const punct = (text: string): Token => ({ kind: 'p', text, line: (stage[0] as Token).line, col: 0 });
    if (k + 1 === stage.length) {
      acc = [...callee, punct('('), ...acc, punct(')')];
      continue;
    }
    if (stage[k + 1]?.text !== '(' || stage[stage.length - 1]?.text !== ')') return undefined;
    const inner = stage.slice(k + 2, stage.length - 1);
    acc = [...callee, punct('('), ...acc, ...(inner.length > 0 ? [punct(','), ...inner] : []), punct(')')];
  }
  return acc;
}

function migrationLockHazard(line: number): Hazard {
  return hazard(
    line,
    'concurrent-index-with-migration-lock',
    'major',
    'Concurrent index while Ecto holds its migration lock',
    'Ecto takes its migration lock in a transaction of its own (a row lock on `schema_migrations` by default), and `CREATE`/`DROP INDEX CONCURRENTLY` waits for every transaction older than itself to finish, that one included: the migration waits on itself until it times out. Add `@disable_migration_lock true` (with `@disable_ddl_transaction true`) to this migration, or set `migration_lock: :pg_advisory_lock` for the repo.',
  );
}

function ectoType(v: Value | undefined): string {
  const t = textOf(v);
  return t === undefined ? 'text' : (ECTO_TYPES[t] ?? (/^\w+$/.test(t) ? t : 'text'));
}

/** An Ecto type as the column type `changeRewrites` compares (`:string` is `varchar(255)` unless `size:`). */
function ectoColumnType(v: Value | undefined, size?: string): RailsColumnType {
  const t = textOf(v) ?? '';
  if (t === 'string') return { type: 'string', limit: size ?? '255' };
  if (t === 'text' || t === 'citext') return { type: t };
  if (chainNames(v)[0] === 'references') return { type: 'bigint' };
  return { type: ectoType(v) };
}

/** `fragment("now()")`. */
function ectoDefault(v: Value): string | undefined {
  return chainNames(v)[0] === 'fragment' ? (textOf(callArgs(v).positional[0]) ?? "''") : undefined;
}
