import { describe, expect, it } from 'vitest';
import { isDownMigration, isMigration } from '../../src/evidence/isMigration.js';

describe('isMigration', () => {
  it.each([
    'db/migrate/20240501120000_add_tenant.rb',
    'db/migrations/001_init.sql',
    'app/orders/migrations/0007_order_status.py',
    'prisma/migrations/20240501_init/migration.sql',
    'src/migration/1714550000000-AddUser.ts',
    'priv/repo/migrations/20240501_add.exs',
    'alembic/versions/3f2a_add_index.py',
    'src/main/resources/db/changelog/001.sql',
    'resources/V2_1__add_orders.sql',
    'R__refresh_views.sql',
    'sql/000123_create_users.up.sql',
    'schema/002_orders.sql',
  ])('recognises %s', (path) => {
    expect(isMigration(path)).toBe(true);
  });

  it.each([
    'db/schema.rb',
    'db/structure.sql',
    'db/seeds.sql',
    'db/queries/users.sql',
    'src/services/migrationPlanner.ts',
    'docs/migrating.md',
    'reports/monthly.sql',
    'src/routes/users.ts',
  ])('does not take %s for a migration', (path) => {
    expect(isMigration(path)).toBe(false);
  });
});

describe('isDownMigration', () => {
  it('recognises rollback files only', () => {
    expect(isDownMigration('migrations/000123_create_users.down.sql')).toBe(true);
    expect(isDownMigration('migrations/20240501_x/down.sql')).toBe(true);
    expect(isDownMigration('db/U3__undo_orders.sql')).toBe(true);
    expect(isDownMigration('migrations/000123_create_users.up.sql')).toBe(false);
    expect(isDownMigration('migrations/0005_slowdown.sql')).toBe(false);
  });
});
