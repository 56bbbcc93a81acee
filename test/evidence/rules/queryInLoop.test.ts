import { describe, expect, it } from 'vitest';
import { queryInLoop } from '../../../src/evidence/rules/queryInLoop.js';
import { fileFromLines, newFile } from '../diffHelpers.js';

const lines = (path: string, code: string[]) => queryInLoop.check(newFile(path, code)).map((f) => f.line);

describe('query-in-loop', () => {
  it('flags a query inside for...of, forEach and map bodies', () => {
    expect(
      lines('src/services/orders.ts', [
        'for (const id of ids) {',
        '  const order = await db.query("SELECT * FROM orders WHERE id = $1", [id]);',
        '}',
        'items.forEach(async (item) => {',
        '  await prisma.item.update({ where: { id: item.id }, data: item });',
        '});',
        'const users = await Promise.all(ids.map((id) => userRepository.findOne(id)));',
      ]),
    ).toEqual([2, 5, 7]);
  });

  it('flags Python, Ruby and Go loops', () => {
    expect(lines('app/report.py', ['for user in users:', '    orders = Order.objects.filter(user=user)'])).toEqual([2]);
    expect(lines('app/jobs/sync.rb', ['accounts.each do |a|', '  Invoice.where(account_id: a.id).count', 'end'])).toEqual([2]);
    expect(lines('internal/sync.go', ['for _, id := range ids {', '\trow := db.QueryRowContext(ctx, "SELECT 1", id)', '}'])).toEqual([2]);
  });

  it('is a major performance finding naming the loop line', () => {
    const [finding] = queryInLoop.check(newFile('src/a.ts', ['while (cursor) {', '  cursor = await repo.findNext(cursor);', '}']));
    expect(finding).toMatchObject({ line: 2, severity: 'major', category: 'performance', source: { id: 'query-in-loop' } });
    expect(finding?.body).toContain('loop on line 1');
  });

  it('reports a new call inside an existing loop', () => {
    const file = fileFromLines('src/a.ts', [' for (const u of users) {', '+  await db.query("UPDATE users SET seen = now() WHERE id = $1", [u.id]);', ' }']);
    expect(queryInLoop.check(file).map((f) => f.line)).toEqual([2]);
  });

  it('does not flag a query before or after a loop, or loops over results in memory', () => {
    expect(
      lines('src/a.ts', [
        'const rows = await db.query("SELECT id, total FROM orders WHERE user_id = $1", [userId]);',
        'for (const row of rows) {',
        '  total += row.total;',
        '}',
        'await db.query("UPDATE users SET total = $1 WHERE id = $2", [total, userId]);',
        'const names = users.map((u) => u.name);',
        'const cached = keys.map((k) => cache.get(k));',
        'for (const id of ruleIds) {',
        '  const rule = pluginRules.get(id) || BuiltinRules.get(id);',
        '  token = cursor.getOneToken();',
        '}',
      ]),
    ).toEqual([]);
  });

  it('does not report an old call inside a loop', () => {
    const file = fileFromLines('src/a.ts', [' for (const u of users) {', '   await db.query("SELECT 1");', '+  count++;', ' }']);
    expect(queryInLoop.check(file)).toEqual([]);
  });
});
