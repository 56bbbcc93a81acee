/** Folder names that hold migrations in the common frameworks (Rails, Django, Knex, Prisma, TypeORM, Ecto...; Rails apps such as GitLab and Discourse keep post-deploy migrations in db/post_migrate). */
const MIGRATION_DIR = /(^|\/)(migrations?|migrate|post_migrate|db\/changelog|alembic\/versions|versions\/migrations)\//;
/** Flyway: V1__init.sql, V2_1__add.sql, R__views.sql, U3__undo.sql. */
const FLYWAY = /(^|\/)[VU]\d+(?:[._]\d+)*__[^/]+\.sql$|(^|\/)R__[^/]+\.sql$/i;
/** golang-migrate, dbmate and sqlx style: 000001_create_users.up.sql, 20240101_x.sql in a SQL folder. */
const NUMBERED_UP_DOWN = /(^|\/)\d+[_-][^/]*\.(up|down)\.sql$/i;
/** Plain SQL in a folder whose name says schema or database. */
const SQL_IN_SCHEMA_DIR = /(^|\/)(schemas?|sql|db|database|ddl)\/(?:[^/]+\/)*[^/]+\.sql$/i;
/** Dumps of the whole schema (regenerated from migrations), seeds and named queries (sqlc) are not migrations. */
const NOT_MIGRATION = /(^|\/)(structure|schema|seeds?)\.sql$|(^|\/)(quer(y|ies)|seeds?)\//i;

/** Path heuristics for a database migration (SQL or framework code). */
export function isMigration(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  if (NOT_MIGRATION.test(p)) return false;
  return MIGRATION_DIR.test(p.toLowerCase()) || FLYWAY.test(p) || NUMBERED_UP_DOWN.test(p) || SQL_IN_SCHEMA_DIR.test(p);
}

/** A down (rollback) migration: it drops things on purpose, so lock and data-loss lints do not apply. */
export function isDownMigration(path: string): boolean {
  return /(^|[._/-])down\.sql$/i.test(path) || /(^|\/)U\d+(?:[._]\d+)*__[^/]+\.sql$/i.test(path);
}
