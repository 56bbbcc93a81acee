/**
 * Our framework migration rules (the hazards no SQL statement shows), each with the public page it rests
 * on. A finding links its section of docs/migrations.md once our docs are published, this page until then.
 */
export const MIGRATION_RULE_REFERENCES = {
  'backfill-in-schema-migration': 'https://www.postgresql.org/docs/current/explicit-locking.html',
  'concurrent-index-in-transaction': 'https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY',
  'not-null-without-database-default': 'https://docs.djangoproject.com/en/stable/ref/models/fields/#db-default',
  'concurrent-index-with-migration-lock': 'https://hexdocs.pm/ecto_sql/Ecto.Migration.html#index/3',
  'migration-imports-models': 'https://docs.djangoproject.com/en/stable/topics/migrations/#historical-models',
  'irreversible-data-migration': 'https://docs.djangoproject.com/en/stable/ref/migration-operations/#runpython',
  'json-column': 'https://www.postgresql.org/docs/current/datatype-json.html',
  'wide-non-unique-index': 'https://www.postgresql.org/docs/current/indexes-multicolumn.html',
  'create-table-force': 'https://api.rubyonrails.org/classes/ActiveRecord/ConnectionAdapters/SchemaStatements.html#method-i-create_table',
  'auto-increment-column': 'https://www.postgresql.org/docs/current/sql-altertable.html#SQL-ALTERTABLE-NOTES',
} as const;

export type MigrationRule = keyof typeof MIGRATION_RULE_REFERENCES;
