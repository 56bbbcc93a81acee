import { callArgs, isTrue, namesOf, textOf, type Args, type Segment, type Value } from './parseValue.js';
import { scanChains } from './scanChains.js';
import { sqlTypeOf } from './sqlTypeOf.js';
import { tokenize } from './tokenize.js';
import { emptyTranslation, ident, identList, literal, op, rawSql, type Translation } from './Translation.js';
import { upRegion } from './upRegion.js';

const HARMLESS = new Set(['dropIndex', 'dropForeignKey', 'dropUniqueConstraint', 'dropCheckConstraint', 'hasTable', 'hasColumn', 'getTable', 'startTransaction', 'commitTransaction', 'rollbackTransaction', 'release', 'connect', 'clearSqlMemory']);

/** The options object inside `new TableColumn({...})` (or a plain object). */
function options(v: Value | undefined): Map<string, Value> {
  if (v?.kind === 'map') return v.entries;
  const inner = callArgs(v).positional[0];
  return inner?.kind === 'map' ? inner.entries : new Map();
}

/** TypeORM migrations (`queryRunner.query(...)`, `queryRunner.addColumn(...)` …) → Postgres. */
export function translateTypeorm(source: string): Translation {
  const tokens = tokenize(source, 'js');
  const up = upRegion(tokens, 'js');
  const tr = emptyTranslation('typeorm');
  if (/\btransaction\s*=\s*false\b/.test(source)) tr.transactional = false;
  for (const { chain } of scanChains(tokens, 'js', up)) {
    if (chain.kind !== 'chain') continue;
    const at = chain.segments.findIndex((s) => s.name === 'queryRunner');
    if (at < 0) continue;
    const seg = chain.segments.slice(at + 1).find((s) => s.args);
    if (seg?.args) operation(seg, seg.args);
  }
  return tr;

  function operation(seg: Segment, args: Args): void {
    const line = seg.line;
    const pos = args.positional;
    const t = textOf(pos[0]) ?? textOf(options(pos[0]).get('name'));
    switch (seg.name) {
      case 'query': {
        const sql = pos[0];
        if (sql?.kind === 'str' && !sql.dynamic) tr.operations.push(rawSql(line, 'queryRunner.query', sql.value, sql.lines));
        else tr.unknown.push({ line, what: '`queryRunner.query` with interpolated or computed SQL' });
        return;
      }
      case 'createTable':
        if (t) tr.createdTables.push(t);
        return;
      case 'dropTable':
        if (t) tr.operations.push(op(line, seg.name, t, `DROP TABLE ${ident(t)};`));
        return;
      case 'renameTable': {
        const to = textOf(pos[1]);
        if (t && to) tr.operations.push(op(line, seg.name, t, `ALTER TABLE ${ident(t)} RENAME TO ${ident(to)};`));
        return;
      }
      case 'addColumn':
      case 'addColumns': {
        const cols = seg.name === 'addColumns' && pos[1]?.kind === 'list' ? pos[1].items : [pos[1]];
        if (!t) return void tr.unknown.push({ line, what: `\`queryRunner.${seg.name}\` with a computed table` });
        const sql = cols.map((c) => {
          const o = options(c);
          const name = textOf(o.get('name')) ?? 'column';
          const dflt = o.get('default');
          // TypeORM columns are NOT NULL unless `isNullable: true`.
          return `ALTER TABLE ${ident(t)} ADD COLUMN ${ident(name)} ${sqlTypeOf(o.get('type'))}${dflt ? ` DEFAULT ${sqlDefault(dflt)}` : ''}${isTrue(o.get('isNullable')) ? '' : ' NOT NULL'};`;
        });
        tr.operations.push({ line, op: seg.name, table: t, sql: sql.map((text) => ({ text, line })) });
        return;
      }
      case 'dropColumn': {
        const c = textOf(pos[1]) ?? textOf(options(pos[1]).get('name'));
        if (t && c) tr.operations.push(op(line, seg.name, t, `ALTER TABLE ${ident(t)} DROP COLUMN ${ident(c)};`));
        return;
      }
      case 'renameColumn': {
        const from = textOf(pos[1]) ?? textOf(options(pos[1]).get('name'));
        const to = textOf(pos[2]) ?? textOf(options(pos[2]).get('name'));
        if (t && from && to) tr.operations.push(op(line, seg.name, t, `ALTER TABLE ${ident(t)} RENAME COLUMN ${ident(from)} TO ${ident(to)};`));
        return;
      }
      case 'changeColumn': {
        const o = options(pos[2]);
        const c = textOf(o.get('name')) ?? textOf(pos[1]);
        if (!t || !c) return;
        const sql = [`ALTER TABLE ${ident(t)} ALTER COLUMN ${ident(c)} TYPE ${sqlTypeOf(o.get('type'))};`];
        if (o.has('isNullable') && !isTrue(o.get('isNullable'))) sql.push(`ALTER TABLE ${ident(t)} ALTER COLUMN ${ident(c)} SET NOT NULL;`);
        tr.operations.push({ line, op: seg.name, table: t, sql: sql.map((text) => ({ text, line })) });
        return;
      }
      case 'createIndex': {
        const o = options(pos[1]);
        const cols = namesOf(o.get('columnNames')) ?? [];
        if (!t || cols.length === 0) return void tr.unknown.push({ line, what: '`queryRunner.createIndex` with computed columns' });
        const name = textOf(o.get('name')) ?? `IDX_${t}_${cols.join('_')}`;
        const conc = isTrue(o.get('isConcurrent'));
        tr.operations.push(op(line, seg.name, t, `CREATE ${isTrue(o.get('isUnique')) ? 'UNIQUE ' : ''}INDEX ${conc ? 'CONCURRENTLY ' : ''}${ident(name)} ON ${ident(t)} (${identList(cols)});`));
        return;
      }
      case 'createForeignKey':
      case 'createForeignKeys': {
        const o = options(seg.name === 'createForeignKeys' && pos[1]?.kind === 'list' ? pos[1].items[0] : pos[1]);
        const cols = namesOf(o.get('columnNames')) ?? [];
        const ref = textOf(o.get('referencedTableName'));
        const refCols = namesOf(o.get('referencedColumnNames')) ?? ['id'];
        if (t && ref && cols.length > 0) tr.operations.push(op(line, seg.name, t, `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(textOf(o.get('name')) ?? `FK_${t}_${cols.join('_')}`)} FOREIGN KEY (${identList(cols)}) REFERENCES ${ident(ref)} (${identList(refCols)});`));
        return;
      }
      case 'createUniqueConstraint': {
        const o = options(pos[1]);
        const cols = namesOf(o.get('columnNames')) ?? [];
        if (t && cols.length > 0) tr.operations.push(op(line, seg.name, t, `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(textOf(o.get('name')) ?? `UQ_${t}`)} UNIQUE (${identList(cols)});`));
        return;
      }
      case 'createCheckConstraint': {
        const o = options(pos[1]);
        if (t) tr.operations.push(op(line, seg.name, t, `ALTER TABLE ${ident(t)} ADD CONSTRAINT ${ident(textOf(o.get('name')) ?? `CHK_${t}`)} CHECK (${textOf(o.get('expression')) ?? 'true'});`));
        return;
      }
      default:
        if (HARMLESS.has(seg.name)) return;
        tr.unknown.push({ line, what: `\`queryRunner.${seg.name}\`` });
    }
  }
}

function sqlDefault(v: Value): string {
  if (v.kind === 'num') return v.value;
  // TypeORM defaults are SQL text already: `default: "now()"`, `default: "'draft'"`.
  if (v.kind === 'str' && !v.dynamic) return /^'.*'$|^[\w.]+\(.*\)$|^-?\d+(\.\d+)?$|^(true|false)$/i.test(v.value) ? v.value : literal(v.value);
  return "''";
}
