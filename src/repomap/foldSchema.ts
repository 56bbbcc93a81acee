import type { Table } from '../domain/RepoMap.js';

/** Tables while folding: column name → type, in declaration order. */
export type TableSet = Map<string, { name: string; columns: Map<string, string>; indexes: string[]; source: string }>;

const IDENT = String.raw`(?:"[^"]+"|\x60[^\x60]+\x60|\[[^\]]+\]|[\w$]+)`;
const QUALIFIED = String.raw`(${IDENT}(?:\s*\.\s*${IDENT})?)`;
const CONSTRAINT_START = /^(constraint|primary|unique|foreign|check|index|key|exclude|fulltext|spatial|like)\b/i;

/** `"public"."Users"` → `users`: schema dropped, quotes removed, lower case (as Postgres folds). */
export function tableName(raw: string): string {
  const last = raw.split('.').pop()!.trim();
  return last.replace(/^["`[]|["`\]]$/g, '').toLowerCase();
}

function ensure(tables: TableSet, raw: string, source: string) {
  const name = tableName(raw);
  let table = tables.get(name);
  if (!table) {
    table = { name, columns: new Map(), indexes: [], source };
    tables.set(name, table);
  }
  table.source = source;
  return table;
}

/** Splits at top-level commas (not inside parentheses or quotes). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** The text inside the parenthesis that opens at `open`. */
function parenthesised(text: string, open: number): string | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return undefined;
}

function columnOf(definition: string): { name: string; type: string } | undefined {
  if (CONSTRAINT_START.test(definition)) return undefined;
  const m = new RegExp(String.raw`^(${IDENT})\s+([\w ]+?(?:\([^)]*\))?(?:\[\])?)(?=\s+(?:not|null|primary|references|default|unique|check|generated|constraint|collate)\b|\s*$)`, 'i').exec(definition.replace(/\s+/g, ' '));
  if (!m) return undefined;
  return { name: tableName(m[1]!), type: m[2]!.trim().toLowerCase() };
}

function stripSqlComments(sql: string): string {
  return sql.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, '');
}

/** SQL DDL (a migration or a schema dump) applied to the tables: CREATE/ALTER/DROP TABLE, CREATE INDEX. */
export function applySql(tables: TableSet, sqlText: string, source: string): void {
  const sql = stripSqlComments(sqlText);
  for (const statement of sql.split(/;\s*(?:\n|$)/)) {
    const s = statement.trim();
    let m = new RegExp(String.raw`^create\s+(?:(?:global\s+|local\s+)?(?:temporary|temp|unlogged)\s+)?table\s+(?:if\s+not\s+exists\s+)?${QUALIFIED}\s*\(`, 'i').exec(s);
    if (m) {
      const body = parenthesised(s, m[0].length - 1) ?? '';
      const table = ensure(tables, m[1]!, source);
      for (const part of splitTopLevel(body)) {
        const column = columnOf(part);
        if (column) table.columns.set(column.name, column.type);
        const unique = /^(?:constraint\s+\S+\s+)?(?:unique|primary\s+key)\s*\(([^)]*)\)/i.exec(part);
        if (unique) table.indexes.push(unique[1]!.replace(/["`\s]/g, '').replace(/,/g, ', ').toLowerCase());
      }
      continue;
    }
    m = new RegExp(String.raw`^alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?${QUALIFIED}\s+([\s\S]*)$`, 'i').exec(s);
    if (m) {
      const name = tableName(m[1]!);
      const rename = new RegExp(String.raw`^rename\s+to\s+${QUALIFIED}`, 'i').exec(m[2]!.trim());
      if (rename) {
        const table = tables.get(name);
        if (table) {
          tables.delete(name);
          table.name = tableName(rename[1]!);
          table.source = source;
          tables.set(table.name, table);
        }
        continue;
      }
      const table = ensure(tables, m[1]!, source);
      for (const action of splitTopLevel(m[2]!)) {
        const add = /^add\s+(?:column\s+)?(?:if\s+not\s+exists\s+)?([\s\S]+)$/i.exec(action);
        if (add && !/^add\s+(constraint|primary|unique|foreign|index|check)\b/i.test(action)) {
          const column = columnOf(add[1]!);
          if (column) table.columns.set(column.name, column.type);
          continue;
        }
        const drop = new RegExp(String.raw`^drop\s+(?:column\s+)?(?:if\s+exists\s+)?(${IDENT})`, 'i').exec(action);
        if (drop && !/^drop\s+(constraint|index|default)\b/i.test(action)) {
          table.columns.delete(tableName(drop[1]!));
          continue;
        }
        const renameColumn = new RegExp(String.raw`^rename\s+(?:column\s+)?(${IDENT})\s+to\s+(${IDENT})`, 'i').exec(action);
        if (renameColumn) {
          const from = tableName(renameColumn[1]!);
          const type = table.columns.get(from) ?? '';
          table.columns.delete(from);
          table.columns.set(tableName(renameColumn[2]!), type);
          continue;
        }
        const alterType = new RegExp(String.raw`^alter\s+(?:column\s+)?(${IDENT})\s+(?:set\s+data\s+)?type\s+([\w ]+(?:\([^)]*\))?)`, 'i').exec(action);
        if (alterType) table.columns.set(tableName(alterType[1]!), alterType[2]!.trim().toLowerCase());
      }
      continue;
    }
    m = /^drop\s+table\s+(?:if\s+exists\s+)?([\s\S]+?)(?:\s+(?:cascade|restrict))?$/i.exec(s);
    if (m) {
      for (const name of m[1]!.split(',')) tables.delete(tableName(name.trim()));
      continue;
    }
    m = new RegExp(String.raw`^create\s+(?:unique\s+)?index\s+(?:concurrently\s+)?(?:if\s+not\s+exists\s+)?(?:${IDENT}\s+)?on\s+(?:only\s+)?${QUALIFIED}\s*(?:using\s+\w+\s*)?\(([^)]*)\)`, 'i').exec(s);
    if (m) {
      const table = tables.get(tableName(m[1]!));
      if (table) table.indexes.push(m[2]!.replace(/["`\s]/g, '').replace(/,/g, ', ').toLowerCase());
    }
  }
}

/** Table names a SQL text creates (for "a table created in the same pull request"). */
export function tablesCreatedBy(sqlText: string): Set<string> {
  const created = new Set<string>();
  const sql = stripSqlComments(sqlText);
  const re = new RegExp(String.raw`\bcreate\s+(?:(?:global\s+|local\s+)?(?:temporary|temp|unlogged)\s+)?table\s+(?:if\s+not\s+exists\s+)?${QUALIFIED}`, 'gi');
  for (const m of sql.matchAll(re)) created.add(tableName(m[1]!));
  return created;
}

const RAILS_TYPES = /^\s*t\.(\w+)\s+[:"']([\w]+)["']?/;

/** Rails: `db/schema.rb` and ActiveRecord migrations (create_table, add/remove/rename_column, drop_table). */
export function applyRails(tables: TableSet, text: string, source: string): void {
  let current: ReturnType<typeof ensure> | undefined;
  for (const line of text.split('\n')) {
    let m = /^\s*create_table\s+[:"']([\w.]+)["']?(.*)$/.exec(line);
    if (m) {
      current = ensure(tables, m[1]!, source);
      if (!/id:\s*false/.test(m[2]!)) current.columns.set('id', /id:\s*:uuid/.test(m[2]!) ? 'uuid' : 'bigint');
      continue;
    }
    if (current) {
      if (/^\s*t\.timestamps\b/.test(line)) {
        current.columns.set('created_at', 'datetime');
        current.columns.set('updated_at', 'datetime');
        continue;
      }
      const column = RAILS_TYPES.exec(line);
      if (column) {
        if (column[1] === 'references' || column[1] === 'belongs_to') current.columns.set(`${column[2]!}_id`, 'bigint');
        else if (column[1] !== 'index') current.columns.set(column[2]!.toLowerCase(), column[1]!);
        continue;
      }
      const index = /^\s*t\.index\s+\[([^\]]*)\]/.exec(line);
      if (index) current.indexes.push(index[1]!.replace(/["':\s]/g, '').replace(/,/g, ', '));
      if (/^\s*end\b/.test(line)) current = undefined;
      continue;
    }
    m = /^\s*add_column\s+[:"']([\w.]+)["']?,\s*[:"'](\w+)["']?,\s*[:"'](\w+)/.exec(line);
    if (m) {
      ensure(tables, m[1]!, source).columns.set(m[2]!.toLowerCase(), m[3]!);
      continue;
    }
    m = /^\s*add_(?:reference|belongs_to)\s+[:"']([\w.]+)["']?,\s*[:"'](\w+)/.exec(line);
    if (m) {
      ensure(tables, m[1]!, source).columns.set(`${m[2]!.toLowerCase()}_id`, 'bigint');
      continue;
    }
    m = /^\s*remove_column\s+[:"']([\w.]+)["']?,\s*[:"'](\w+)/.exec(line);
    if (m) {
      tables.get(tableName(m[1]!))?.columns.delete(m[2]!.toLowerCase());
      continue;
    }
    m = /^\s*rename_column\s+[:"']([\w.]+)["']?,\s*[:"'](\w+)["']?,\s*[:"'](\w+)/.exec(line);
    if (m) {
      const table = tables.get(tableName(m[1]!));
      if (table) {
        const type = table.columns.get(m[2]!.toLowerCase()) ?? '';
        table.columns.delete(m[2]!.toLowerCase());
        table.columns.set(m[3]!.toLowerCase(), type);
      }
      continue;
    }
    m = /^\s*add_index\s+[:"']([\w.]+)["']?,\s*(\[[^\]]*\]|[:"']\w+)/.exec(line);
    if (m) {
      tables.get(tableName(m[1]!))?.indexes.push(m[2]!.replace(/[[\]"':\s]/g, '').replace(/,/g, ', '));
      continue;
    }
    m = /^\s*drop_table\s+[:"']([\w.]+)/.exec(line);
    if (m) tables.delete(tableName(m[1]!));
  }
}

/** Knex migrations: `createTable('users', (t) => { t.string('email') })`, `alterTable`/`table`, `dropTable`. */
export function applyKnex(tables: TableSet, text: string, source: string): void {
  let current: ReturnType<typeof ensure> | undefined;
  for (const line of text.split('\n')) {
    const open = /\.(createTable|alterTable|table|createTableIfNotExists)\(\s*['"`]([\w.]+)['"`]/.exec(line);
    if (open) {
      current = ensure(tables, open[2]!, source);
    }
    const drop = /\.dropTable(?:IfExists)?\(\s*['"`]([\w.]+)['"`]/.exec(line);
    if (drop) tables.delete(tableName(drop[1]!));
    if (!current) continue;
    for (const m of line.matchAll(/\b\w+\.(increments|bigIncrements|string|text|integer|bigInteger|boolean|date|datetime|timestamp|decimal|float|double|uuid|json|jsonb|enu|enum|binary|time|specificType)\(\s*['"`](\w+)['"`]/g)) {
      current.columns.set(m[2]!.toLowerCase(), m[1]!.toLowerCase());
    }
    if (/\.timestamps\(/.test(line)) {
      current.columns.set('created_at', 'timestamp');
      current.columns.set('updated_at', 'timestamp');
    }
    for (const m of line.matchAll(/\.dropColumns?\(\s*['"`](\w+)['"`]/g)) current.columns.delete(m[1]!.toLowerCase());
    for (const m of line.matchAll(/\.index\(\s*\[?([^\])]*)/g)) current.indexes.push(m[1]!.replace(/['"`\s]/g, '').replace(/,/g, ', '));
  }
}

/** Prisma schema: `model User { id Int @id ... @@map("users") }`. */
export function applyPrisma(tables: TableSet, text: string, source: string): void {
  for (const m of text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const body = m[2]!;
    const mapped = /@@map\(\s*"([^"]+)"\s*\)/.exec(body)?.[1] ?? m[1]!;
    const table = ensure(tables, mapped, source);
    for (const line of body.split('\n')) {
      const f = /^\s*(\w+)\s+(\w+)(\[\])?(\?)?/.exec(line);
      if (!f || line.trim().startsWith('@@') || line.trim().startsWith('//')) continue;
      // Relation fields (a model type) are not columns.
      if (/^[A-Z]/.test(f[2]!) && !/^(String|Int|BigInt|Float|Decimal|Boolean|DateTime|Json|Bytes)$/.test(f[2]!)) continue;
      const column = /@map\(\s*"([^"]+)"\s*\)/.exec(line)?.[1] ?? f[1]!;
      table.columns.set(column.toLowerCase(), `${f[2]!}${f[3] ?? ''}${f[4] ?? ''}`);
    }
    for (const idx of body.matchAll(/@@(?:index|unique)\(\s*\[([^\]]*)\]/g)) table.indexes.push(idx[1]!.replace(/\s/g, '').replace(/,/g, ', '));
  }
}

/** Django models (`class Order(models.Model):` with `field = models.XField(`) and migrations (`CreateModel`). */
export function applyDjango(tables: TableSet, text: string, source: string): void {
  let current: ReturnType<typeof ensure> | undefined;
  for (const line of text.split('\n')) {
    const cls = /^class\s+(\w+)\s*\(([^)]*)\)\s*:/.exec(line);
    if (cls) {
      current = /Model\b/.test(cls[2]!) ? ensure(tables, cls[1]!, source) : undefined;
      if (current && !current.columns.has('id')) current.columns.set('id', 'autofield');
      continue;
    }
    if (current) {
      const field = /^\s+(\w+)\s*=\s*(?:models\.)?(\w+Field|ForeignKey|OneToOneField|ManyToManyField)\(/.exec(line);
      if (field) current.columns.set(field[2] === 'ForeignKey' || field[2] === 'OneToOneField' ? `${field[1]!}_id` : field[1]!, field[2]!);
      else if (/^\S/.test(line) && line.trim() !== '') current = undefined;
    }
  }
  for (const m of text.matchAll(/migrations\.CreateModel\(\s*name=['"](\w+)['"],\s*fields=\[([\s\S]*?)\]\s*,?\s*(?:options|bases|managers|\))/g)) {
    const table = ensure(tables, m[1]!, source);
    for (const f of m[2]!.matchAll(/\(\s*['"](\w+)['"],\s*(?:models\.)?(\w+)\(/g)) table.columns.set(f[1]!, f[2]!);
  }
  for (const m of text.matchAll(/migrations\.AddField\(\s*model_name=['"](\w+)['"],\s*name=['"](\w+)['"],\s*field=(?:models\.)?(\w+)/g)) {
    ensure(tables, m[1]!, source).columns.set(m[2]!, m[3]!);
  }
}

/** Alembic / SQLAlchemy: `op.create_table('users', sa.Column('id', sa.Integer ...))`, `op.add_column`. */
export function applyAlembic(tables: TableSet, text: string, source: string): void {
  for (const m of text.matchAll(/op\.create_table\(\s*['"](\w+)['"]([\s\S]*?)\n\s*\)/g)) {
    const table = ensure(tables, m[1]!, source);
    for (const c of m[2]!.matchAll(/sa\.Column\(\s*['"](\w+)['"],\s*(?:sa\.)?(\w+)/g)) table.columns.set(c[1]!.toLowerCase(), c[2]!);
  }
  for (const m of text.matchAll(/op\.add_column\(\s*['"](\w+)['"],\s*sa\.Column\(\s*['"](\w+)['"],\s*(?:sa\.)?(\w+)/g)) {
    ensure(tables, m[1]!, source).columns.set(m[2]!.toLowerCase(), m[3]!);
  }
  for (const m of text.matchAll(/op\.drop_table\(\s*['"](\w+)['"]/g)) tables.delete(m[1]!.toLowerCase());
  for (const m of text.matchAll(/__tablename__\s*=\s*['"](\w+)['"]/g)) ensure(tables, m[1]!, source);
}

/** Which folding a file gets, by its path and text; undefined when it defines no tables. */
export function schemaKind(path: string, text?: string): 'sql' | 'rails' | 'knex' | 'prisma' | 'django' | 'alembic' | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.sql')) return 'sql';
  if (lower.endsWith('.prisma')) return 'prisma';
  if (lower.endsWith('.rb')) return 'rails';
  if (lower.endsWith('.py')) {
    if (text && /\bop\.(create_table|add_column)|__tablename__/.test(text)) return 'alembic';
    return 'django';
  }
  if (/\.(js|ts|mjs|cjs)$/.test(lower)) return 'knex';
  return undefined;
}

export function applyFile(tables: TableSet, path: string, text: string): void {
  switch (schemaKind(path, text)) {
    case 'sql':
      return applySql(tables, text, path);
    case 'rails':
      return applyRails(tables, text, path);
    case 'knex':
      return applyKnex(tables, text, path);
    case 'prisma':
      return applyPrisma(tables, text, path);
    case 'django':
      return applyDjango(tables, text, path);
    case 'alembic':
      return applyAlembic(tables, text, path);
    default:
  }
}

export function toTables(tables: TableSet): Table[] {
  return [...tables.values()]
    .map((t) => ({ name: t.name, columns: [...t.columns].map(([name, type]) => ({ name, type })), indexes: [...new Set(t.indexes)], source: t.source }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
