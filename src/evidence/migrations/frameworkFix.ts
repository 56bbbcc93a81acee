import type { Framework } from './Translation.js';

type Fixes = Partial<Record<string, string>>;

/** The key of the fix for squawk's `constraint-missing-not-valid` on a VALIDATE in the transaction of its NOT VALID add. */
export const VALIDATED_IN_ADD_TRANSACTION = 'constraint-missing-not-valid:validated-in-add-transaction';

/** How to do it safely in each framework, for the squawk rules a translated operation can trigger. */
const FIXES: Record<Framework, Fixes> = {
  rails: {
    [VALIDATED_IN_ADD_TRANSACTION]: 'Move `validate_foreign_key` (or `validate_check_constraint`) to a second migration: each migration commits on its own.',
    'require-concurrent-index-creation': 'Use `add_index …, algorithm: :concurrently` (for `add_reference`: `index: { algorithm: :concurrently }`) and put `disable_ddl_transaction!` in the migration class.',
    'require-concurrent-index-deletion': 'Use `remove_index …, algorithm: :concurrently` with `disable_ddl_transaction!`.',
    'adding-required-field': 'Add the column without `null: false` (or with a `default:`), backfill in batches in a separate migration, then add the NOT NULL (see `change_column_null`).',
    'adding-not-nullable-field': 'Add `add_check_constraint :table, "column IS NOT NULL", name: "…", validate: false`, then in a second migration `validate_check_constraint` and `change_column_null …, false` (Postgres 12+ skips the scan), then `remove_check_constraint`.',
    'adding-foreign-key-constraint': 'Add it with `validate: false` (`add_foreign_key …, validate: false` or `foreign_key: { validate: false }`), then `validate_foreign_key` in a second migration.',
    'constraint-missing-not-valid': 'Add it with `validate: false`, then `validate_check_constraint` in a second migration.',
    'ban-drop-column': 'First deploy the model with `self.ignored_columns += ["column"]` so running code stops reading it, then remove the column in a later migration.',
    'changing-column-type': 'Add a new column, write to both, backfill, move reads to the new column, then drop the old one.',
    'renaming-column': 'Add the new column, write to both, backfill, move reads (an `alias_attribute` helps), then drop the old column.',
    'renaming-table': 'Create the new table (or a view with the old name), move reads and writes, then drop the old table.',
    'disallowed-unique-constraint': 'Build a unique index with `algorithm: :concurrently`, then `add_unique_constraint :table, using_index: "index_name"`.',
    'adding-field-with-default': 'Add the column without the volatile default, then backfill in batches.',
    'ban-drop-table': 'Deploy code that no longer reads the table first.',
  },
  django: {
    [VALIDATED_IN_ADD_TRANSACTION]: 'Move `ValidateConstraint` (or the `VALIDATE CONSTRAINT` in `RunSQL`) to a second migration, or set `atomic = False` so the add commits first.',
    'require-concurrent-index-creation': 'Use `AddIndexConcurrently` (`django.contrib.postgres.operations`) in a migration with `atomic = False`; for `db_index=True`/`ForeignKey`, create the index that way and record the field with `SeparateDatabaseAndState`.',
    'require-concurrent-index-deletion': 'Use `RemoveIndexConcurrently` in a migration with `atomic = False`.',
    'adding-required-field': 'Add the field with `null=True` (or `db_default=` on Django 5+), backfill, then make it NOT NULL in a later migration.',
    'adding-not-nullable-field': 'Add a `CheckConstraint` (`AddConstraintNotValid` from `django.contrib.postgres.operations`), `ValidateConstraint` in a second migration, then `AlterField(null=False)`.',
    'adding-foreign-key-constraint': 'Add the field with `db_constraint=False`, then add the constraint `NOT VALID` (`RunSQL`) and `VALIDATE CONSTRAINT` in a later migration.',
    'constraint-missing-not-valid': 'Use `AddConstraintNotValid`, then `ValidateConstraint` in a second migration.',
    'ban-drop-column': 'Remove the field from the model and deploy first (`SeparateDatabaseAndState` with only the state operation), drop the column in a later release.',
    'changing-column-type': 'Add a new field, write to both, backfill, move reads, then remove the old field.',
    'renaming-column': 'Keep the database name with `db_column="old_name"` (no SQL), or add a new field, backfill and switch.',
    'renaming-table': 'Keep the table name with `db_table="old_table"` in `Meta` (no SQL).',
    'disallowed-unique-constraint': 'Build a unique index concurrently (`AddIndexConcurrently`, `atomic = False`), then `ALTER TABLE … ADD CONSTRAINT … UNIQUE USING INDEX` in `RunSQL`.',
  },
  alembic: {
    [VALIDATED_IN_ADD_TRANSACTION]: 'Run the `VALIDATE CONSTRAINT` in a later revision, or inside `with op.get_context().autocommit_block():` so the add commits first.',
    'require-concurrent-index-creation': 'Use `op.create_index(…, postgresql_concurrently=True)` inside `with op.get_context().autocommit_block():`.',
    'require-concurrent-index-deletion': 'Use `op.drop_index(…, postgresql_concurrently=True)` inside `op.get_context().autocommit_block()`.',
    'adding-required-field': 'Add the column with `nullable=True` (or a `server_default`), backfill, then `op.alter_column(…, nullable=False)` later.',
    'adding-not-nullable-field': 'Add a `CHECK (column IS NOT NULL) NOT VALID` constraint, validate it in a later migration, then `alter_column(nullable=False)`.',
    'adding-foreign-key-constraint': 'Use `op.create_foreign_key(…, postgresql_not_valid=True)`, then `VALIDATE CONSTRAINT` in a later migration (`op.execute`).',
    'ban-drop-column': 'Deploy code that no longer reads the column first, then drop it.',
  },
  knex: {
    [VALIDATED_IN_ADD_TRANSACTION]: 'Validate in a later migration, or set `exports.config = { transaction: false }` so the add commits first.',
    'require-concurrent-index-creation': 'Use `knex.raw("CREATE INDEX CONCURRENTLY …")` and disable the transaction for this migration (`exports.config = { transaction: false }`).',
    'require-concurrent-index-deletion': 'Use `knex.raw("DROP INDEX CONCURRENTLY …")` with `exports.config = { transaction: false }`.',
    'adding-not-nullable-field': '`.alter()` drops NOT NULL and sets it again, so the scan runs even on a column that was NOT NULL: add `CHECK (column IS NOT NULL) NOT VALID` with `knex.raw`, validate it in a later migration, then `.notNullable().alter()` (Postgres 12+ skips the scan); `.alter({ alterNullable: false })` leaves nullability alone.',
    'constraint-missing-not-valid': 'For `enu` on a large table: add a plain `text` column, then `knex.raw("ALTER TABLE … ADD CONSTRAINT … CHECK (…) NOT VALID")` and `VALIDATE CONSTRAINT` in a later migration.',
    'adding-required-field': 'Add the column `.nullable()` (or with `.defaultTo()`), backfill, then `.notNullable().alter()` later.',
    'adding-foreign-key-constraint': 'Add the constraint with `knex.raw("… NOT VALID")`, then `VALIDATE CONSTRAINT` in a later migration.',
    'ban-drop-column': 'Deploy code that no longer reads the column first, then drop it.',
  },
  sequelize: {
    [VALIDATED_IN_ADD_TRANSACTION]: 'Validate outside the transaction the migration opens, or in a later migration.',
    'require-concurrent-index-creation': 'Use `queryInterface.addIndex(table, fields, { concurrently: true })` outside a transaction.',
    'require-concurrent-index-deletion': 'Use `queryInterface.removeIndex(table, name, { concurrently: true })` outside a transaction.',
    'adding-required-field': 'Add the column with `allowNull: true` (or a `defaultValue`), backfill, then `changeColumn` to `allowNull: false` later.',
    'ban-drop-column': 'Deploy code that no longer reads the column first, then drop it.',
  },
  typeorm: {
    [VALIDATED_IN_ADD_TRANSACTION]: 'Validate in a later migration, or set `transaction = false` on the migration class so the add commits first.',
    'require-concurrent-index-creation': 'Write `CREATE INDEX CONCURRENTLY` and set `transaction = false` on the migration class (TypeORM 0.3+).',
    'require-concurrent-index-deletion': 'Drop a `TableIndex` with `isConcurrent: true` (or write `DROP INDEX CONCURRENTLY`) and set `transaction = false` on the migration class.',
    'adding-required-field': 'Add the column nullable (or with a default), backfill, then set NOT NULL in a later migration.',
    'ban-drop-column': 'Deploy code that no longer reads the column first, then drop it.',
  },
  laravel: {
    [VALIDATED_IN_ADD_TRANSACTION]: 'Validate in a later migration, or set `public $withinTransaction = false;` so the add commits first.',
    'require-concurrent-index-creation': 'Use `DB::statement("CREATE INDEX CONCURRENTLY …")` and `public $withinTransaction = false;` on the migration.',
    'require-concurrent-index-deletion': 'Use `DB::statement("DROP INDEX CONCURRENTLY …")` and `public $withinTransaction = false;` on the migration.',
    'constraint-missing-not-valid': 'For `enum` on a large table: add the column with `->string()`, then `DB::statement("ALTER TABLE … ADD CONSTRAINT … CHECK (…) NOT VALID")` and `VALIDATE CONSTRAINT` in a later migration.',
    'adding-required-field': 'Laravel columns are NOT NULL unless `->nullable()`: add it `->nullable()` (or with `->default()`), backfill, then `->nullable(false)->change()` later.',
    'ban-drop-column': 'Deploy code that no longer reads the column first, then drop it.',
  },
  ecto: {
    [VALIDATED_IN_ADD_TRANSACTION]: 'Validate in a later migration (`execute "ALTER TABLE … VALIDATE CONSTRAINT …"`), or use `@disable_ddl_transaction true` so the add commits first.',
    'require-concurrent-index-creation': 'Use `create index(…, concurrently: true)` with `@disable_ddl_transaction true` and `@disable_migration_lock true`.',
    'adding-required-field': 'Add the column without `null: false` (or with a `default:`), backfill, then `modify …, null: false` later.',
    'adding-foreign-key-constraint': 'Use `references(…, validate: false)`, then `execute "ALTER TABLE … VALIDATE CONSTRAINT …"` in a later migration.',
    'constraint-missing-not-valid': 'Use `create constraint(…, validate: false)`, then validate it in a later migration.',
    'ban-drop-column': 'Deploy code that no longer reads the column first, then drop it.',
  },
};

export function frameworkFix(framework: Framework, rule: string): string | undefined {
  return FIXES[framework][rule];
}
