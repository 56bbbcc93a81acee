import { chainNames, isFalse, isTrue, namesOf, option, textOf, type Args, type Value } from './parseValue.js';
import { translateApiCalls, type ReadCall, type SchemaApi } from './schemaApi.js';
import { backfillHazards, sqlDefault } from './schemaSql.js';
import { sqlTypeOf } from './sqlTypeOf.js';
import type { Translation } from './Translation.js';

const HARMLESS = new Set(['describeTable', 'showAllTables', 'dropAllTables', 'addEnum', 'createSchema', 'transaction', 'bulkInsert', 'bulkUpdate', 'bulkDelete']);

/** Sequelize's `queryInterface`, read into the shared schema-API calls. */
const SEQUELIZE: SchemaApi = {
  framework: 'sequelize',
  heads: ['queryInterface', 'sequelize'],
  harmless: HARMLESS,
  raw: { method: 'query', name: 'sequelize.query' },
  writesRows: /^bulk(Insert|Update|Delete)$/,
  read: (seg): ReadCall => {
    const pos = seg.args.positional;
    const t = textOf(pos[0]) ?? (pos[0]?.kind === 'map' ? textOf(pos[0].entries.get('tableName')) : undefined);
    const col = textOf(pos[1]);
    const mapOpts = (from: number): Args => ({ positional: pos.slice(from).filter((v) => v.kind === 'map'), named: new Map() });
    switch (seg.name) {
      case 'createTable':
      case 'dropTable':
        return t ? { kind: seg.name, table: t } : undefined;
      case 'renameTable':
        return t && col ? { kind: 'renameTable', table: t, to: col } : undefined;
      case 'addColumn':
      case 'changeColumn': {
        if (!t || !col) return { unknown: `\`queryInterface.${seg.name}\` with computed arguments` };
        const def = pos[2];
        const opts: Args = def?.kind === 'map' ? { positional: [], named: def.entries } : { positional: [], named: new Map() };
        const type = sqlTypeOf(def?.kind === 'map' ? option(opts, 'type') : def);
        const notNull = isFalse(option(opts, 'allowNull'));
        if (seg.name === 'changeColumn') return { kind: 'changeColumn', table: t, column: col, type, notNull };
        const dflt = option(opts, 'defaultValue');
        const refs = option(opts, 'references');
        const model = refs?.kind === 'map' ? refs.entries.get('model') : undefined;
        const target = textOf(model) ?? (model?.kind === 'map' ? textOf(model.entries.get('tableName')) : undefined);
        const ref = refs?.kind === 'map' && target ? { name: `${t}_${col}_fkey`, table: target, column: textOf(refs.entries.get('key')) ?? 'id' } : undefined;
        const unique = isTrue(option(opts, 'unique')) ? { name: `${t}_${col}_key` } : undefined;
        return { kind: 'addColumns', table: t, columns: [{ name: col, type, dflt: dflt ? sqlDefault(dflt, sequelizeDefault) : undefined, notNull, ref, unique }] };
      }
      case 'removeColumn':
        return t && col ? { kind: 'dropColumn', table: t, column: col } : undefined;
      case 'renameColumn': {
        const to = textOf(pos[2]);
        return t && col && to ? { kind: 'renameColumn', table: t, column: col, to } : undefined;
      }
      case 'addIndex': {
        const opts = mapOpts(1);
        const fields = (namesOf(pos[1]) ?? namesOf(option(opts, 'fields')) ?? []).filter((f) => /^\w+$/.test(f));
        if (!t || fields.length === 0) return { unknown: '`queryInterface.addIndex` with computed fields' };
        const name = textOf(option(opts, 'name')) ?? `${t}_${fields.join('_')}`;
        return { kind: 'index', table: t, name, columns: fields, unique: isTrue(option(opts, 'unique')), concurrently: isTrue(option(opts, 'concurrently')) };
      }
      case 'removeIndex': {
        // `removeIndex('t', 'name')` or `removeIndex('t', ['a', 'b'])` (the name addIndex gave those fields); `{ concurrently: true }`.
        const fields = pos[1]?.kind === 'list' ? namesOf(pos[1]) : undefined;
        const name = fields ? `${t}_${fields.join('_')}` : textOf(pos[1]);
        if (!t || !name) return { unknown: '`queryInterface.removeIndex` with a computed name' };
        return { kind: 'dropIndex', table: t, name, concurrently: isTrue(option(mapOpts(2), 'concurrently')) };
      }
      case 'removeConstraint':
        return t && col ? { kind: 'dropConstraint', table: t, name: col } : { unknown: '`queryInterface.removeConstraint` with a computed name' };
      case 'addConstraint': {
        const opts = mapOpts(1);
        const fields = namesOf(option(opts, 'fields')) ?? namesOf(pos[1]) ?? [];
        const type = (textOf(option(opts, 'type')) ?? '').toLowerCase();
        const name = textOf(option(opts, 'name')) ?? `${t}_${fields.join('_')}_${type.replace(/\W+/g, '_')}`;
        if (!t) return undefined;
        if (type === 'foreign key') {
          const refs = option(opts, 'references');
          const target = refs?.kind === 'map' ? textOf(refs.entries.get('table')) : undefined;
          const field = refs?.kind === 'map' ? (textOf(refs.entries.get('field')) ?? 'id') : 'id';
          return target ? { kind: 'foreignKey', table: t, name, columns: fields, refTable: target, refColumns: [field] } : undefined;
        }
        if (type === 'unique') return { kind: 'unique', table: t, name, columns: fields };
        if (type === 'check') return { kind: 'check', table: t, name, expression: 'id IS NOT NULL' };
        if (type === 'primary key') return { kind: 'primaryKey', table: t, name, columns: fields };
        return undefined;
      }
      default:
        return 'other';
    }
  },
};

/** Sequelize migrations (`queryInterface.*`, `sequelize.query`) → Postgres. */
export function translateSequelize(source: string): Translation {
  const { tr, rowWrites } = translateApiCalls(SEQUELIZE, source);
  // sequelize-cli runs a migration outside any transaction unless it opens one (`sequelize.transaction(...)`):
  // without one, each statement commits on its own and a backfill holds no schema lock.
  tr.transactional = /\.transaction\s*\(/.test(source);
  backfillHazards(tr, rowWrites, 'Move the backfill to its own migration and update in batches.');
  return tr;
}

/** `Sequelize.fn('NOW')`, `Sequelize.NOW`. */
function sequelizeDefault(v: Value): string | undefined {
  const names = chainNames(v);
  return names.includes('NOW') || names.includes('fn') ? 'now()' : undefined;
}
