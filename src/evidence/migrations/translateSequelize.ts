import { chainNames, isFalse, isTrue, namesOf, option, textOf, type Args, type Segment, type Value } from './parseValue.js';
import { scanChains } from './scanChains.js';
import { sqlTypeOf } from './sqlTypeOf.js';
import { tokenize } from './tokenize.js';
import { emptyTranslation, ident, identList, literal, op, rawSql, type Translation } from './Translation.js';
import { upRegion } from './upRegion.js';

const HARMLESS = new Set(['removeConstraint', 'removeIndex', 'describeTable', 'showAllTables', 'dropAllTables', 'addEnum', 'createSchema', 'transaction', 'bulkInsert', 'bulkUpdate', 'bulkDelete']);

/** Sequelize migrations (`queryInterface.*`, `sequelize.query`) → Postgres. */
export function translateSequelize(source: string): Translation {
  const tokens = tokenize(source, 'js');
  const up = upRegion(tokens, 'js');
  const tr = emptyTranslation('sequelize');
  const dataOps: number[] = [];
  for (const { chain } of scanChains(tokens, 'js', up)) {
    if (chain.kind !== 'chain') continue;
    const names = chain.segments.map((s) => s.name);
    const at = names.findIndex((n) => n === 'queryInterface' || n === 'sequelize');
    if (at < 0) continue;
    const seg = chain.segments.slice(at + 1).find((s) => s.args);
    if (!seg?.args) continue;
    if (seg.name === 'query') {
      const sql = seg.args.positional[0];
      if (sql?.kind === 'str' && !sql.dynamic) {
        tr.operations.push(rawSql(seg.line, 'sequelize.query', sql.value, sql.lines));
        if (/^\s*(UPDATE|INSERT|DELETE)\b/i.test(sql.value)) dataOps.push(seg.line);
      } else tr.unknown.push({ line: seg.line, what: '`sequelize.query` with interpolated or computed SQL' });
      continue;
    }
    if (/^bulk(Insert|Update|Delete)$/.test(seg.name)) dataOps.push(seg.line);
    operation(seg, seg.args);
  }
  if (tr.transactional && tr.operations.some((o) => !o.raw)) {
    for (const line of dataOps) {
      tr.hazards.push({ line, rule: 'backfill-in-schema-migration', severity: 'major', title: 'Data backfill inside a schema migration', body: 'This migration changes the schema and rewrites rows in the same transaction: the schema change\'s locks are held until every row is written. Move the backfill to its own migration and update in batches.' });
    }
  }
  return tr;

  function operation(seg: Segment, args: Args): void {
    const line = seg.line;
    const pos = args.positional;
    const t = textOf(pos[0]) ?? (pos[0]?.kind === 'map' ? textOf(pos[0].entries.get('tableName')) : undefined);
    const col = textOf(pos[1]);
    switch (seg.name) {
      case 'createTable':
        if (t) tr.createdTables.push(t);
        return;
      case 'dropTable':
        if (t) tr.operations.push(op(line, seg.name, t, `DROP TABLE ${ident(t)};`));
        return;
      case 'renameTable': {
        if (t && col) tr.operations.push(op(line, seg.name, t, `ALTER TABLE ${ident(t)} RENAME TO ${ident(col)};`));
        return;
      }
      case 'addColumn':
      case 'changeColumn': {
        if (!t || !col) return void tr.unknown.push({ line, what: `\`queryInterface.${seg.name}\` with computed arguments` });
        const def = pos[2];
        const opts: Args = def?.kind === 'map' ? { positional: [], named: def.entries } : { positional: [], named: new Map() };
        const type = sqlTypeOf(def?.kind === 'map' ? option(opts, 'type') : def);
        const notNull = isFalse(option(opts, 'allowNull'));
        if (seg.name === 'changeColumn') {
          const sql = [`ALTER TABLE ${ident(t)} ALTER COLUMN ${ident(col)} TYPE ${type};`];
          if (notNull) sql.push(`ALTER TABLE ${ident(t)} ALTER COLUMN ${ident(col)} SET NOT NULL;`);
          tr.operations.push({ line, op: seg.name, table: t, sql: sql.map((text) => ({ text, line })) });
          return;
        }
        const dflt = option(opts, 'defaultValue');
        const sql = [`ALTER TABLE ${ident(t)} ADD COLUMN ${ident(col)} ${type}${dflt ? ` DEFAULT ${sqlDefault(dflt)}` : ''}${notNull ? ' NOT NULL' : ''};`];
        const refs = option(opts, 'references');
        if (refs?.kind === 'map') {
          const model = refs.entries.get('model');
          const target = textOf(model) ?? (model?.kind === 'map' ? textOf(model.entries.get('tableName')) : undefined);
          if (target) sql.push(`ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(`${t}_${col}_fkey`)} FOREIGN KEY (${ident(col)}) REFERENCES ${ident(target)} (${ident(textOf(refs.entries.get('key')) ?? 'id')});`);
        }
        if (isTrue(option(opts, 'unique'))) sql.push(`ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(`${t}_${col}_key`)} UNIQUE (${ident(col)});`);
        tr.operations.push({ line, op: seg.name, table: t, sql: sql.map((text) => ({ text, line })) });
        return;
      }
      case 'removeColumn':
        if (t && col) tr.operations.push(op(line, seg.name, t, `ALTER TABLE ${ident(t)} DROP COLUMN ${ident(col)};`));
        return;
      case 'renameColumn': {
        const to = textOf(pos[2]);
        if (t && col && to) tr.operations.push(op(line, seg.name, t, `ALTER TABLE ${ident(t)} RENAME COLUMN ${ident(col)} TO ${ident(to)};`));
        return;
      }
      case 'addIndex': {
        const opts: Args = { positional: pos.slice(1).filter((v) => v.kind === 'map'), named: new Map() };
        const fields = (namesOf(pos[1]) ?? namesOf(option(opts, 'fields')) ?? []).filter((f) => /^\w+$/.test(f));
        if (!t || fields.length === 0) return void tr.unknown.push({ line, what: '`queryInterface.addIndex` with computed fields' });
        const conc = isTrue(option(opts, 'concurrently'));
        const unique = isTrue(option(opts, 'unique'));
        const name = textOf(option(opts, 'name')) ?? `${t}_${fields.join('_')}`;
        tr.operations.push(op(line, seg.name, t, `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${conc ? 'CONCURRENTLY ' : ''}${ident(name)} ON ${ident(t)} (${identList(fields)});`));
        return;
      }
      case 'addConstraint': {
        const opts: Args = { positional: pos.slice(1).filter((v) => v.kind === 'map'), named: new Map() };
        const fields = namesOf(option(opts, 'fields')) ?? namesOf(pos[1]) ?? [];
        const type = (textOf(option(opts, 'type')) ?? '').toLowerCase();
        const name = textOf(option(opts, 'name')) ?? `${t}_${fields.join('_')}_${type.replace(/\W+/g, '_')}`;
        if (!t) return;
        if (type === 'foreign key') {
          const refs = option(opts, 'references');
          const target = refs?.kind === 'map' ? textOf(refs.entries.get('table')) : undefined;
          const field = refs?.kind === 'map' ? (textOf(refs.entries.get('field')) ?? 'id') : 'id';
          if (target) tr.operations.push(op(line, seg.name, t, `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(name)} FOREIGN KEY (${identList(fields)}) REFERENCES ${ident(target)} (${ident(field)});`));
        } else if (type === 'unique') {
          tr.operations.push(op(line, seg.name, t, `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(name)} UNIQUE (${identList(fields)});`));
        } else if (type === 'check') {
          tr.operations.push(op(line, seg.name, t, `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(name)} CHECK (id IS NOT NULL);`));
        } else if (type === 'primary key') {
          tr.operations.push(op(line, seg.name, t, `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(name)} PRIMARY KEY (${identList(fields)});`));
        }
        return;
      }
      default:
        if (HARMLESS.has(seg.name)) return;
        tr.unknown.push({ line, what: `\`queryInterface.${seg.name}\`` });
    }
  }
}

function sqlDefault(v: Value): string {
  if (v.kind === 'num') return v.value;
  if (v.kind === 'str' && !v.dynamic) return literal(v.value);
  const names = chainNames(v);
  if (names.includes('NOW') || names.includes('fn')) return 'now()';
  if (isTrue(v)) return 'true';
  if (isFalse(v)) return 'false';
  return "''";
}
