import { describe, expect, it } from 'vitest';
import { unboundedList } from '../../../src/evidence/rules/unboundedList.js';
import { fileFromLines, newFile } from '../diffHelpers.js';

const lines = (path: string, code: string[]) => unboundedList.check(newFile(path, code)).map((f) => f.line);

describe('unbounded-list', () => {
  it('flags unbounded ORM list calls in handlers', () => {
    expect(
      lines('src/routes/orders.ts', [
        "router.get('/orders', async (req, res) => {",
        '  const orders = await prisma.order.findMany();',
        '  res.json(orders);',
        '});',
      ]),
    ).toEqual([2]);
    expect(lines('src/controllers/users.controller.ts', ['const all = await User.find({});'])).toEqual([1]);
    expect(lines('app/orders/views.py', ['def index(request):', '    return JsonResponse(list(Order.objects.all().values()), safe=False)'])).toEqual([2]);
    expect(lines('app/controllers/orders_controller.rb', ['  def index', '    @orders = Order.all', '  end'])).toEqual([2]);
  });

  it('flags a raw SELECT with neither WHERE nor LIMIT in a handler', () => {
    const [finding] = unboundedList.check(newFile('src/routes/audit.ts', ["router.get('/audit', async (_req, res) => {", "  const { rows } = await db.query('SELECT id, action FROM audit_log ORDER BY id');", '});']));
    expect(finding).toMatchObject({ line: 2, severity: 'minor', source: { id: 'unbounded-list' } });
  });

  it('stays quiet when the query is bounded or filtered, even across lines', () => {
    expect(
      lines('src/routes/orders.ts', [
        'const a = await prisma.order.findMany({',
        '  where: { userId },',
        '  take: 50,',
        '});',
        'const b = await Order.find().limit(20);',
        'const c = await Order.find()',
        '  .limit(limit);',
        "const { rows } = await db.query('SELECT id FROM orders WHERE user_id = $1', [id]);",
        "const d = await db.query('SELECT id FROM orders LIMIT 100');",
        "const n = await db.query('SELECT count(*) FROM orders');",
        'const e = await Promise.all(tasks);',
      ]),
    ).toEqual([]);
  });

  it('only reads handler files and added lines', () => {
    expect(lines('src/jobs/export.ts', ['const orders = await prisma.order.findMany();'])).toEqual([]);
    expect(unboundedList.check(fileFromLines('src/routes/orders.ts', [' const orders = await prisma.order.findMany();', '+res.json(orders);']))).toEqual([]);
  });

  it('treats a file that declares routes as a handler file whatever its name', () => {
    expect(lines('src/app.ts', ["app.get('/orders', async (_req, res) => {", '  res.json(await prisma.order.findMany());', '});'])).toEqual([2]);
  });
});
