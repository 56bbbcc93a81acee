import { callArgs, chainNames, isFalse, isNull, isTrue, option, Parser, textOf, type Args, type Value } from './parseValue.js';
import { tokenize, type Token } from './tokenize.js';

/** Django field classes → the Postgres type Django's backend writes. */
const FIELD_TYPES: Record<string, string> = {
  AutoField: 'integer', BigAutoField: 'bigint', SmallAutoField: 'smallint', BooleanField: 'boolean', NullBooleanField: 'boolean',
  TextField: 'text', IntegerField: 'integer', BigIntegerField: 'bigint', SmallIntegerField: 'smallint', PositiveIntegerField: 'integer',
  PositiveBigIntegerField: 'bigint', PositiveSmallIntegerField: 'smallint', DateTimeField: 'timestamp with time zone', DateField: 'date',
  TimeField: 'time', DurationField: 'interval', FloatField: 'double precision', DecimalField: 'numeric', UUIDField: 'uuid', JSONField: 'jsonb',
  BinaryField: 'bytea', GenericIPAddressField: 'inet', IPAddressField: 'inet', ArrayField: 'text[]', HStoreField: 'hstore',
  ForeignKey: 'bigint', OneToOneField: 'bigint', FileField: 'varchar', ImageField: 'varchar', FilePathField: 'varchar',
};
const VARCHAR_FIELDS = new Set(['CharField', 'EmailField', 'SlugField', 'URLField', 'FileField', 'ImageField', 'FilePathField']);

/** A Django model field as the database sees it. */
export interface DjangoField {
  cls: string;
  /** The Postgres type Django writes. */
  type: string;
  column: string;
  nullable: boolean;
  hasDefault: boolean;
  /** No default, but Django adds the column with '' (a NOT NULL string field with `blank=True`) and then drops it. */
  blankDefault: boolean;
  dbDefault: Value | undefined;
  unique: boolean;
  index: boolean;
  /** Referenced table of a foreign key with a database constraint. */
  fk: string | undefined;
  m2m: boolean;
  /** `GeneratedField`: computed by Postgres, `STORED` (`db_persist=True`, written into every row) or virtual. */
  generated: 'stored' | 'virtual' | undefined;
  args: Args;
}

/** `models.CharField(max_length=20, null=True)` → what the column is; `tableOf` names a model's table. */
export function djangoField(field: Value, column: string, tableOf: (model: string) => string): DjangoField {
  const names = chainNames(field);
  const cls = names[names.length - 1] ?? '';
  const fargs = callArgs(field);
  // Libraries subclass the key fields (django-mptt's TreeForeignKey, Sentry's FlexibleForeignKey, wagtail's ParentalKey).
  const oneToOne = /^OneToOne/.test(cls);
  const isFk = /ForeignKey$/.test(cls) || oneToOne || cls === 'ParentalKey';
  const maxLength = textOf(option(fargs, 'max_length'));
  const plainType = VARCHAR_FIELDS.has(cls) ? `varchar(${maxLength ?? 255})` : cls === 'DecimalField' ? `numeric(${textOf(option(fargs, 'max_digits')) ?? 10}, ${textOf(option(fargs, 'decimal_places')) ?? 2})` : (FIELD_TYPES[cls] ?? (isFk ? 'bigint' : 'text'));
  const generated = cls === 'GeneratedField' ? (isTrue(option(fargs, 'db_persist')) ? 'stored' : 'virtual') : undefined;
  // A generated column takes the type of its `output_field` and is never "required": Postgres fills it.
  const output = option(fargs, 'output_field');
  const type = generated ? (output ? djangoField(output, column, tableOf).type : 'text') : plainType;
  const nullable = isTrue(option(fargs, 'null')) || cls === 'NullBooleanField' || generated !== undefined;
  const hasDefault = present(option(fargs, 'default'));
  const dbColumn = textOf(option(fargs, 'db_column')) ?? (isFk ? `${column}_id` : column);
  const target = isFk ? (option(fargs, 'to') ?? fargs.positional[0]) : undefined;
  const targetText = textOf(target) ?? (chainNames(target).includes('AUTH_USER_MODEL') ? 'auth.User' : undefined);
  const refTable = targetText === undefined ? undefined : targetText === 'self' ? undefined : targetText.includes('.') ? targetText.toLowerCase().replace('.', '_') : tableOf(targetText);
  return {
    cls,
    type,
    column: dbColumn,
    nullable,
    // `default=None` / `db_default=None` are Django's "no default".
    hasDefault,
    // Django's effective default of a NOT NULL string field with `blank=True` and no default is '' (added, then dropped).
    blankDefault: !nullable && !hasDefault && isTrue(option(fargs, 'blank')) && (VARCHAR_FIELDS.has(cls) || cls === 'TextField'),
    dbDefault: present(option(fargs, 'db_default')) ? option(fargs, 'db_default') : undefined,
    unique: isTrue(option(fargs, 'unique')) || oneToOne,
    index: isTrue(option(fargs, 'db_index')) || (isFk && !isFalse(option(fargs, 'db_index'))),
    fk: isFk && !isFalse(option(fargs, 'db_constraint')) ? refTable : undefined,
    m2m: cls === 'ManyToManyField',
    generated,
    args: fargs,
  };
}

function present(v: Value | undefined): boolean {
  return v !== undefined && !isNull(v);
}

/** A Django migration's `operations = [...]` and `dependencies = [...]` lists, parsed; undefined when absent. */
export function djangoList(source: string, name: 'operations' | 'dependencies'): Value[] | undefined {
  const tokens = tokenize(source, 'python');
  const start = tokens.findIndex((t: Token, k) => t.kind === 'id' && t.text === name && tokens[k + 1]?.text === '=' && tokens[k + 2]?.text === '[');
  if (start < 0) return undefined;
  const list = new Parser(tokens, 'python', start + 2).expr(1);
  return list.kind === 'list' ? list.items : undefined;
}

/** The columns each model of one app has (`model.field`, model lower-cased), as a migration's operations leave them. */
export type DjangoFieldStates = Map<string, DjangoField>;

/** Applies a migration's field operations (CreateModel, AddField, AlterField, RemoveField, RenameField) to `states`. */
export function applyDjangoFields(source: string, states: DjangoFieldStates): void {
  const noTable = (model: string) => model.toLowerCase();
  for (const v of djangoList(source, 'operations') ?? []) {
    const names = chainNames(v);
    const name = names[names.length - 1] ?? '';
    const args = callArgs(v);
    const arg = (key: string, index: number) => args.named.get(key) ?? args.positional[index];
    const model = (textOf(arg('model_name', 0)) ?? textOf(arg('name', 0)))?.toLowerCase();
    if (!model) continue;
    if (name === 'CreateModel') {
      const fields = arg('fields', 1);
      for (const pair of fields?.kind === 'list' ? fields.items : []) {
        const [fname, field] = pair.kind === 'list' ? pair.items : [];
        const column = textOf(fname);
        if (column && field) states.set(`${model}.${column}`, djangoField(field, column, noTable));
      }
    } else if (name === 'AddField' || name === 'AlterField') {
      const column = textOf(arg('name', 1));
      const field = arg('field', 2);
      if (column && field) states.set(`${model}.${column}`, djangoField(field, column, noTable));
    } else if (name === 'RemoveField') {
      const column = textOf(arg('name', 1));
      if (column) states.delete(`${model}.${column}`);
    } else if (name === 'RenameField') {
      const from = textOf(arg('old_name', 1));
      const to = textOf(arg('new_name', 2));
      const state = from ? states.get(`${model}.${from}`) : undefined;
      if (from && to && state) {
        states.delete(`${model}.${from}`);
        states.set(`${model}.${to}`, state);
      }
    }
  }
}

/** The migrations of the same app this one depends on: `("shop", "0003_x")` → `<same folder>/0003_x.py`. */
export function djangoDependencyPaths(source: string, path: string): string[] {
  const m = /^(.*\/)?([^/]+)\/migrations\/[^/]+$/.exec(path);
  if (!m) return [];
  const [, parent = '', app] = m;
  const out: string[] = [];
  for (const dep of djangoList(source, 'dependencies') ?? []) {
    const [depApp, depName] = dep.kind === 'list' ? dep.items.map(textOf) : [];
    if (depApp === app && depName) out.push(`${parent}${app}/migrations/${depName}.py`);
  }
  return out;
}

/**
 * The field states before a Django migration runs, read from the migrations of its app it depends on
 * (at most `limit` files, through `read`): the `AlterField` translation compares with them.
 * Undefined when the first dependency cannot be read.
 */
export async function djangoPriorFields(path: string, source: string, read: (path: string) => Promise<string | undefined>, limit = 20): Promise<DjangoFieldStates | undefined> {
  const order: string[] = [];
  const sources = new Map<string, string>();
  const seen = new Set<string>();
  // Depth-first, dependencies before dependents, so later migrations' changes win.
  const visit = async (p: string): Promise<void> => {
    if (seen.has(p) || seen.size >= limit) return;
    seen.add(p);
    const text = await read(p).catch(() => undefined);
    if (text === undefined) return;
    for (const dep of djangoDependencyPaths(text, p)) await visit(dep);
    sources.set(p, text);
    order.push(p);
  };
  for (const dep of djangoDependencyPaths(source, path)) await visit(dep);
  if (order.length === 0) return undefined;
  const states: DjangoFieldStates = new Map();
  for (const p of order) applyDjangoFields(sources.get(p) as string, states);
  return states;
}
