import { callArgs, isTrue, namesOf, textOf, type Value } from './parseValue.js';
import { translateApiCalls, type ReadCall, type SchemaApi } from './schemaApi.js';
import { backfillHazards } from './schemaSql.js';
import { sqlTypeOf } from './sqlTypeOf.js';
import { literal, type Translation } from './Translation.js';

const HARMLESS = new Set(['hasTable', 'hasColumn', 'getTable', 'startTransaction', 'commitTransaction', 'rollbackTransaction', 'release', 'connect', 'clearSqlMemory']);

/** The options object inside `new TableColumn({...})` (or a plain object). */
function options(v: Value | undefined): Map<string, Value> {
  if (v?.kind === 'map') return v.entries;
  const inner = callArgs(v).positional[0];
  return inner?.kind === 'map' ? inner.entries : new Map();
}

/** TypeORM's `queryRunner`, read into the shared schema-API calls. */
const TYPEORM: SchemaApi = {
  framework: 'typeorm',
  heads: ['queryRunner'],
  harmless: HARMLESS,
  noTransaction: /\btransaction\s*=\s*false\b/,
  bookkeeping: /^\s*(INSERT\s+INTO|DELETE\s+FROM|UPDATE)\s+"?typeorm_metadata\b/i,
  raw: { method: 'query', name: 'queryRunner.query' },
  read: (seg): ReadCall => {
    const pos = seg.args.positional;
    const t = textOf(pos[0]) ?? textOf(options(pos[0]).get('name'));
    const nameOf = (v: Value | undefined) => textOf(v) ?? textOf(options(v).get('name'));
    switch (seg.name) {
      case 'createTable':
      case 'dropTable':
        return t ? { kind: seg.name, table: t } : undefined;
      case 'renameTable': {
        const to = textOf(pos[1]);
        return t && to ? { kind: 'renameTable', table: t, to } : undefined;
      }
      case 'addColumn':
      case 'addColumns': {
        const cols = seg.name === 'addColumns' && pos[1]?.kind === 'list' ? pos[1].items : [pos[1]];
        if (!t) return { unknown: `\`queryRunner.${seg.name}\` with a computed table` };
        return {
          kind: 'addColumns',
          table: t,
          columns: cols.map((c) => {
            const o = options(c);
            const dflt = o.get('default');
            // TypeORM columns are NOT NULL unless `isNullable: true`.
            return { name: textOf(o.get('name')) ?? 'column', type: sqlTypeOf(o.get('type')), dflt: dflt ? sqlDefault(dflt) : undefined, notNull: !isTrue(o.get('isNullable')) };
          }),
        };
      }
      case 'dropColumn': {
        const c = nameOf(pos[1]);
        return t && c ? { kind: 'dropColumn', table: t, column: c } : undefined;
      }
      case 'renameColumn': {
        const from = nameOf(pos[1]);
        const to = nameOf(pos[2]);
        return t && from && to ? { kind: 'renameColumn', table: t, column: from, to } : undefined;
      }
      case 'changeColumn': {
        const o = options(pos[2]);
        const c = textOf(o.get('name')) ?? textOf(pos[1]);
        if (!t || !c) return undefined;
        return { kind: 'changeColumn', table: t, column: c, type: sqlTypeOf(o.get('type')), notNull: o.has('isNullable') && !isTrue(o.get('isNullable')) };
      }
      case 'createIndex': {
        const o = options(pos[1]);
        const cols = namesOf(o.get('columnNames')) ?? [];
        if (!t || cols.length === 0) return { unknown: '`queryRunner.createIndex` with computed columns' };
        return { kind: 'index', table: t, name: textOf(o.get('name')) ?? `IDX_${t}_${cols.join('_')}`, columns: cols, unique: isTrue(o.get('isUnique')), concurrently: isTrue(o.get('isConcurrent')) };
      }
      case 'createForeignKey':
      case 'createForeignKeys': {
        const o = options(seg.name === 'createForeignKeys' && pos[1]?.kind === 'list' ? pos[1].items[0] : pos[1]);
        const cols = namesOf(o.get('columnNames')) ?? [];
        const ref = textOf(o.get('referencedTableName'));
        if (!t || !ref || cols.length === 0) return undefined;
        return { kind: 'foreignKey', table: t, name: textOf(o.get('name')) ?? `FK_${t}_${cols.join('_')}`, columns: cols, refTable: ref, refColumns: namesOf(o.get('referencedColumnNames')) ?? ['id'] };
      }
      case 'createUniqueConstraint': {
        const o = options(pos[1]);
        const cols = namesOf(o.get('columnNames')) ?? [];
        return t && cols.length > 0 ? { kind: 'unique', table: t, name: textOf(o.get('name')) ?? `UQ_${t}`, columns: cols } : undefined;
      }
      case 'createCheckConstraint': {
        const o = options(pos[1]);
        return t ? { kind: 'check', table: t, name: textOf(o.get('name')) ?? `CHK_${t}`, expression: textOf(o.get('expression')) ?? 'true' } : undefined;
      }
      case 'dropIndex': {
        // `dropIndex('t', 'IDX_name')` or a `TableIndex` (its `isConcurrent` makes it DROP INDEX CONCURRENTLY).
        const name = nameOf(pos[1]);
        if (!t || !name) return { unknown: '`queryRunner.dropIndex` with a computed index' };
        return { kind: 'dropIndex', table: t, name, concurrently: isTrue(options(pos[1]).get('isConcurrent')) };
      }
      case 'dropForeignKey':
      case 'dropUniqueConstraint':
      case 'dropCheckConstraint': {
        const name = nameOf(pos[1]);
        return t && name ? { kind: 'dropConstraint', table: t, name } : { unknown: `\`queryRunner.${seg.name}\` with a computed constraint` };
      }
      default:
        return 'other';
    }
  },
};

/** TypeORM migrations (`queryRunner.query(...)`, `queryRunner.addColumn(...)` …) → Postgres. */
export function translateTypeorm(source: string): Translation {
  const { tr, rowWrites } = translateApiCalls(TYPEORM, source);
  // TypeORM runs migrations in one transaction unless the migration sets `transaction = false`.
  backfillHazards(tr, rowWrites, 'Move the backfill to its own migration (`transaction = false`) and update in batches.');
  return tr;
}

function sqlDefault(v: Value): string {
  if (v.kind === 'num') return v.value;
  // TypeORM defaults are SQL text already: `default: "now()"`, `default: "'draft'"`.
  if (v.kind === 'str' && !v.dynamic) return /^'.*'$|^[\w.]+\(.*\)$|^-?\d+(\.\d+)?$|^(true|false)$/i.test(v.value) ? v.value : literal(v.value);
  return "''";
}
