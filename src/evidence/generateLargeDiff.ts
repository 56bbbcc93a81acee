/**
 * A large, realistic `git diff` for benchmarks and scale tests: SQL migrations, Express routes, services,
 * repositories, Python views, Go handlers, tests, a lockfile, with a few planted problems. Deterministic:
 * the same options give the same text.
 */
export interface LargeDiffOptions {
  /** Files in the diff (default 200). */
  files?: number;
  /** Changed (added + deleted) lines in total, approximately (default 40,000). */
  changedLines?: number;
  /** How many of the files are SQL migrations (default 20). */
  migrations?: number;
}

const ROUTE_LINES = [
  "router.get('/orders/:id', requireAuth, async (req, res) => {",
  "  const { rows } = await db.query('SELECT id, total, status FROM orders WHERE id = $1', [req.params.id]);",
  '  if (rows.length === 0) return res.status(404).json({ error: "not found" });',
  '  res.json(rows[0]);',
  '});',
  '',
  "router.post('/orders', requireAuth, validate(orderSchema), async (req, res) => {",
  '  const order = await orderService.create(req.user.id, req.body);',
  '  res.status(201).json(order);',
  '});',
  '',
];
const SERVICE_LINES = [
  'export async function createOrder(userId: string, input: OrderInput): Promise<Order> {',
  '  return db.transaction(async (tx) => {',
  "    const order = await tx.query('INSERT INTO orders (user_id, total) VALUES ($1, $2) RETURNING id', [userId, input.total]);",
  '    for (const item of input.items) {',
  '      await tx.query(',
  "        'INSERT INTO order_items (order_id, sku, qty) VALUES ($1, $2, $3)',",
  '        [order.rows[0].id, item.sku, item.qty],',
  '      );',
  '    }',
  '    logger.info({ orderId: order.rows[0].id }, "order created");',
  '    return mapOrder(order.rows[0]);',
  '  });',
  '}',
  '',
];
const REPOSITORY_LINES = [
  'export class InvoiceRepository {',
  '  constructor(private readonly pool: Pool) {}',
  '',
  '  async byCustomer(customerId: string, limit = 50): Promise<Invoice[]> {',
  '    const { rows } = await this.pool.query(',
  "      'SELECT id, number, amount_cents, issued_at FROM invoices WHERE customer_id = $1 ORDER BY issued_at DESC LIMIT $2',",
  '      [customerId, limit],',
  '    );',
  '    return rows.map(toInvoice);',
  '  }',
  '}',
  '',
];
const PYTHON_LINES = [
  '@api_view(["GET"])',
  '@permission_classes([IsAuthenticated])',
  'def shipment_detail(request, shipment_id):',
  '    shipment = get_object_or_404(Shipment, pk=shipment_id, owner=request.user)',
  '    serializer = ShipmentSerializer(shipment)',
  '    return Response(serializer.data)',
  '',
  '',
];
const GO_LINES = [
  'func (h *Handler) GetAccount(w http.ResponseWriter, r *http.Request) {',
  '\tid := chi.URLParam(r, "id")',
  '\tvar acc Account',
  '\terr := h.db.QueryRowContext(r.Context(), "SELECT id, name FROM accounts WHERE id = $1", id).Scan(&acc.ID, &acc.Name)',
  '\tif err != nil {',
  '\t\thttp.Error(w, "not found", http.StatusNotFound)',
  '\t\treturn',
  '\t}',
  '\tjson.NewEncoder(w).Encode(acc)',
  '}',
  '',
];
const TEST_LINES = [
  "describe('orders', () => {",
  "  it('creates an order', async () => {",
  "    const res = await request(app).post('/orders').send({ items: [{ sku: 'A1', qty: 2 }] });",
  '    expect(res.status).toBe(201);',
  '  });',
  '});',
  '',
];
const LOCK_LINES = [
  '    "node_modules/left-pad": {',
  '      "version": "1.3.0",',
  '      "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",',
  '      "integrity": "sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQ9lhJhQbDWXKRjTWNQh7kX5WvAj2YC3o3z8ljt6lkT6xg=="',
  '    },',
];
const MIGRATION_SQL = [
  (n: number) => [
    `CREATE TABLE IF NOT EXISTS audit_events_${n} (`,
    '  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,',
    '  actor_id bigint NOT NULL,',
    '  action text NOT NULL,',
    "  created_at timestamptz NOT NULL DEFAULT now()",
    ');',
    `CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_audit_events_${n}_actor ON audit_events_${n} (actor_id);`,
  ],
  (n: number) => [
    `ALTER TABLE accounts_${n} ADD COLUMN region text;`,
    `CREATE INDEX idx_accounts_${n}_region ON accounts_${n} (region);`,
  ],
  (n: number) => [`ALTER TABLE users_${n} ADD COLUMN tenant_id bigint NOT NULL;`, `ALTER TABLE users_${n} DROP COLUMN legacy_flag;`],
];

interface Spec {
  path: string;
  lines: string[];
  /** New file (all lines added) or an edit of an existing one (hunks with context and deletions). */
  kind: 'added' | 'modified';
}

export function generateLargeDiff(opts: LargeDiffOptions = {}): string {
  const fileCount = opts.files ?? 200;
  const target = opts.changedLines ?? 40_000;
  const migrationCount = Math.min(opts.migrations ?? 20, fileCount);
  const specs: Spec[] = [];
  for (let i = 0; i < migrationCount; i++) {
    const sql = (MIGRATION_SQL[i % MIGRATION_SQL.length] as (n: number) => string[])(i);
    specs.push({ path: `db/migrations/2024${String(i).padStart(6, '0')}_change_${i}.sql`, lines: [`-- migration ${i}`, ...sql], kind: 'added' });
  }
  const used = specs.reduce((n, s) => n + s.lines.length, 0);
  const others = fileCount - migrationCount;
  const perFile = others > 0 ? Math.max(1, Math.round((target - used) / others)) : 0;
  for (let i = 0; i < others; i++) {
    const kind = i % 3 === 0 ? 'added' : 'modified';
    const [path, template] = pick(i);
    // Modified files change about half of the lines they show, so they show twice as many.
    const count = kind === 'added' ? perFile : Math.round(perFile / 2);
    const lines = Array.from({ length: count }, (_, j) => vary(template[j % template.length] as string, i, j));
    // Planted secrets, assembled so this source file itself holds no token-shaped literal.
    if (i === 7) lines[3] = `    const apiToken = '${['ghp', 'R2d2C3poBb8Ewok1Yoda0Han5Solo7Leia3Lu'].join('_')}';`;
    if (i === 42) lines[5] = `  aws_secret_access_key = '${['skH53rGTD', '2U3OpSH5r44wLzwTGV6HJYq', 'EEyUqj'].join('/')}'`;
    specs.push({ path, lines, kind });
  }
  return specs.map((s, i) => (s.kind === 'added' ? addedFile(s, i) : modifiedFile(s, i))).join('');
}

function pick(i: number): [string, string[]] {
  switch (i % 8) {
    case 0:
      return [`src/routes/orders${i}.ts`, ROUTE_LINES];
    case 1:
      return [`src/services/order${i}.service.ts`, SERVICE_LINES];
    case 2:
      return [`src/repositories/invoice${i}.repository.ts`, REPOSITORY_LINES];
    case 3:
      return [`app/shipping/views_${i}.py`, PYTHON_LINES];
    case 4:
      return [`internal/handlers/account${i}.go`, GO_LINES];
    case 5:
      return [`test/orders${i}.test.ts`, TEST_LINES];
    case 6:
      return i % 48 === 6 ? [i === 6 ? 'package-lock.json' : `packages/p${i}/package-lock.json`, LOCK_LINES] : [`src/lib/util${i}.ts`, SERVICE_LINES];
    default:
      return [`src/controllers/report${i}.controller.ts`, ROUTE_LINES];
  }
}

/** Numbers vary per file and line so no two files are identical. */
function vary(line: string, file: number, index: number): string {
  return line.replace(/\borders\b/, `orders_${file}`).replace(/\$2\b/, index % 2 === 0 ? '$2' : '$2 ');
}

function addedFile(spec: Spec, n: number): string {
  return [
    `diff --git a/${spec.path} b/${spec.path}`,
    'new file mode 100644',
    `index 0000000..${hex(n)}`,
    '--- /dev/null',
    `+++ b/${spec.path}`,
    `@@ -0,0 +1,${spec.lines.length} @@`,
    ...spec.lines.map((l) => `+${l}`),
    '',
  ].join('\n');
}

/** Hunks of 3 context lines, 4 deleted, 4 added, 3 context: like a typical edit. */
function modifiedFile(spec: Spec, n: number): string {
  const out = [`diff --git a/${spec.path} b/${spec.path}`, `index ${hex(n)}..${hex(n + 7)} 100644`, `--- a/${spec.path}`, `+++ b/${spec.path}`];
  let oldLine = 1;
  let newLine = 1;
  for (let i = 0; i + 4 <= spec.lines.length; i += 4) {
    const added = spec.lines.slice(i, i + 4);
    const context = [`// context ${n}.${i}.a`, `// context ${n}.${i}.b`, `// context ${n}.${i}.c`];
    out.push(`@@ -${oldLine},10 +${newLine},10 @@`);
    out.push(...context.map((c) => ` ${c}`));
    out.push(...added.map((l) => `-${l.replace(/\d+/, (d) => String(Number(d) + 1))}`));
    out.push(...added.map((l) => `+${l}`));
    out.push(...context.map((c) => ` ${c}`));
    oldLine += 20;
    newLine += 20;
  }
  return `${out.join('\n')}\n`;
}

function hex(n: number): string {
  return (0x1a2b3c4 + n * 7919).toString(16).padStart(7, '0');
}
