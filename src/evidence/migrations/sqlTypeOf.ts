import { callArgs, chainNames, textOf, type Value } from './parseValue.js';

const TYPES: Record<string, string> = {
  STRING: 'varchar(255)', CHAR: 'char', TEXT: 'text', INTEGER: 'integer', BIGINT: 'bigint', SMALLINT: 'smallint', TINYINT: 'smallint',
  FLOAT: 'real', DOUBLE: 'double precision', REAL: 'real', DECIMAL: 'numeric', BOOLEAN: 'boolean', DATE: 'timestamptz', DATEONLY: 'date',
  TIME: 'time', JSON: 'json', JSONB: 'jsonb', UUID: 'uuid', ENUM: 'text', BLOB: 'bytea', ARRAY: 'text[]', INET: 'inet', CITEXT: 'citext',
  // TypeORM column type strings.
  varchar: 'varchar', 'character varying': 'varchar', text: 'text', int: 'integer', integer: 'integer', int4: 'integer', bigint: 'bigint',
  int8: 'bigint', smallint: 'smallint', boolean: 'boolean', bool: 'boolean', timestamp: 'timestamp', timestamptz: 'timestamptz',
  'timestamp with time zone': 'timestamptz', date: 'date', uuid: 'uuid', json: 'json', jsonb: 'jsonb', numeric: 'numeric', decimal: 'numeric',
  float: 'real', double: 'double precision', real: 'real', enum: 'text', bytea: 'bytea',
};

/** The Postgres type of a Sequelize DataType (`DataTypes.STRING(50)`) or a TypeORM type string. */
export function sqlTypeOf(v: Value | undefined): string {
  const text = textOf(v);
  if (text !== undefined) return TYPES[text] ?? (/^[a-z][a-z0-9_ ()]*$/i.test(text) ? text : 'text');
  const names = chainNames(v);
  const cls = names[names.length - 1] ?? '';
  const length = textOf(callArgs(v).positional[0]);
  if (cls === 'STRING' && length) return `varchar(${length})`;
  return TYPES[cls] ?? 'text';
}
