import { describe, expect, it } from 'vitest';
import { applyFile, toTables, type TableSet } from '../../src/repomap/foldSchema.js';
import { reviewRepoFacts } from '../../src/repomap/reviewRepoFacts.js';
import { buildRepoMap } from '../../src/repomap/buildRepoMap.js';
import { EXPRESS_REPO } from './fixtureRepo.js';

function fold(files: [string, string][]) {
  const tables: TableSet = new Map();
  for (const [path, text] of files) applyFile(tables, path, text);
  return Object.fromEntries(toTables(tables).map((t) => [t.name, t.columns.map((c) => `${c.name}:${c.type}`)]));
}

describe('the data model from each framework', () => {
  it('Rails schema.rb and migrations', () => {
    expect(
      fold([
        ['db/migrate/1_create_users.rb', 'create_table :users do |t|\n  t.string :email\n  t.timestamps\nend\n'],
        ['db/migrate/2_add_name.rb', 'add_column :users, :name, :string\nremove_column :users, :updated_at\n'],
      ]),
    ).toEqual({ users: ['id:bigint', 'email:string', 'created_at:datetime', 'name:string'] });
  });

  it('Prisma models with @@map and relations left out', () => {
    expect(fold([['prisma/schema.prisma', 'model User {\n  id Int @id\n  email String @unique\n  posts Post[]\n  @@map("users")\n}\n']])).toEqual({ users: ['id:Int', 'email:String'] });
  });

  it('Django models and Knex migrations', () => {
    expect(fold([['shop/models.py', 'class Order(models.Model):\n    total = models.DecimalField(max_digits=9)\n    user = models.ForeignKey(User)\n']])).toEqual({ order: ['id:autofield', 'total:DecimalField', 'user_id:ForeignKey'] });
    expect(fold([['migrations/1.js', "exports.up = (knex) => knex.schema.createTable('orders', (t) => {\n  t.increments('id');\n  t.string('status');\n});\n"]])).toEqual({ orders: ['id:increments', 'status:string'] });
  });

  it('SQL renames and drops', () => {
    expect(fold([['m.sql', 'CREATE TABLE a (id int, x text);\nALTER TABLE a RENAME COLUMN x TO y;\nCREATE TABLE b (id int);\nDROP TABLE b;\nALTER TABLE a RENAME TO c;']])).toEqual({ c: ['id:int', 'y:text'] });
  });
});

describe('what a review learns from the map', () => {
  it('the present definition of a touched table, a table the change creates, and callers of a changed function', async () => {
    const map = await buildRepoMap({
      tree: async () => ({ files: Object.entries(EXPRESS_REPO).map(([path, t]) => ({ path, sha: path, size: t.length })), truncated: false }),
      read: async (f) => ({ text: EXPRESS_REPO[f.path]!, cached: false }),
      requests: () => 0,
    });
    const facts = reviewRepoFacts(map, [
      { path: 'db/migrations/9.sql', patch: '@@ -0,0 +1,3 @@\n+ALTER TABLE orders ADD COLUMN note text;\n+CREATE TABLE notes (id int);\n+CREATE INDEX notes_id ON notes (id);' },
      { path: 'src/routes/orders.ts', patch: '@@ -9,3 +9,3 @@\n-export async function findOrder(id: string) {\n+export async function findOrder(id: number) {\n   return id;\n }' },
    ]);
    expect(facts).toContain('- table notes: created in this pull request (empty when the migration runs, so its indexes and constraints lock nothing)');
    expect(facts.find((f) => f.startsWith('- table orders exists'))).toMatch(/id serial, user_id bigint, total_cents integer, status text/);
    expect(facts).toContain('- findOrder() changed in src/routes/orders.ts; called from src/app.ts:6');
  });
});
