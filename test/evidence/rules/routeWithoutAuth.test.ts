import { describe, expect, it } from 'vitest';
import { routeWithoutAuth } from '../../../src/evidence/rules/routeWithoutAuth.js';
import { fileFromLines, newFile } from '../diffHelpers.js';

const check = (path: string, lines: string[]) => routeWithoutAuth.check(fileFromLines(path, lines)).map((f) => f.line);

describe('route-without-auth', () => {
  it('flags a new Express route without the middleware the other routes use', () => {
    const findings = routeWithoutAuth.check(
      fileFromLines('src/routes/admin.ts', [
        " router.get('/admin/users', requireAuth, listUsers);",
        "+router.post('/admin/users/:id/ban', async (req, res) => {",
        '+  await banUser(req.params.id);',
        '+});',
      ]),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      line: 2,
      severity: 'major',
      category: 'security',
      title: 'New route `/admin/users/:id/ban` has no auth middleware',
      source: { id: 'route-without-auth', url: 'docs/rules.md#route-without-auth' },
    });
  });

  it('flags NestJS, Flask, FastAPI and Spring routes missing their guard', () => {
    expect(
      check('src/orders.controller.ts', [
        '   @UseGuards(JwtAuthGuard)',
        "   @Get(':id')",
        '   findOne(@Param(\'id\') id: string) {',
        '     return this.orders.findOne(id);',
        '   }',
        '+',
        "+  @Delete(':id')",
        "+  remove(@Param('id') id: string) {",
      ]),
    ).toEqual([7]);
    expect(check('app/views.py', [" @app.route('/reports')", ' @login_required', ' def reports():', '     pass', '+', "+@app.route('/exports')", '+def exports():'])).toEqual([6]);
    expect(
      check('app/api.py', [" @router.get('/me')", ' async def me(user = Depends(get_current_user)):', '     return user', "+@router.get('/orders')", '+async def orders(db = Depends(get_db)):']),
    ).toEqual([4]);
    expect(
      check('src/main/java/OrderController.java', [
        '     @PreAuthorize("hasRole(\'ADMIN\')")',
        '     @GetMapping("/orders")',
        '     public List<Order> all() { return repo.findAll(); }',
        '+    @DeleteMapping("/orders/{id}")',
        '+    public void delete(@PathVariable long id) { repo.deleteById(id); }',
      ]),
    ).toEqual([4]);
  });

  it('stays quiet when the new route has auth, in any position', () => {
    expect(check('src/routes/a.ts', [" router.get('/a', requireAuth, a);", "+router.post('/b', authenticate({ role: 'admin' }), b);", "+router.put('/c',", '+  passport.authenticate(\'jwt\'),', '+  c);'])).toEqual([]);
  });

  it('stays quiet when auth is applied to the whole router or controller', () => {
    expect(check('src/routes/a.ts', [' router.use(requireAuth);', " router.get('/a', requireAuth, a);", "+router.get('/b', b);"])).toEqual([]);
    expect(
      check('src/a.controller.ts', [' @UseGuards(AuthGuard)', " @Controller('a')", ' export class AController {', "   @Get('x') @UseGuards(RolesGuard) x() {}", "+  @Get('y')", '+  y() {}']),
    ).toEqual([]);
  });

  it('stays quiet when no route in the file shows auth, for public paths, and for routes marked public', () => {
    expect(routeWithoutAuth.check(newFile('src/routes/pub.ts', ["router.get('/items', listItems);", "router.get('/items/:id', getItem);"]))).toEqual([]);
    expect(check('src/routes/a.ts', [" router.get('/a', requireAuth, a);", "+router.get('/healthz', health);", "+router.post('/login', login);", "+router.post('/webhooks/stripe', stripe);"])).toEqual([]);
    expect(check('src/a.controller.ts', ['   @UseGuards(JwtAuthGuard)', "   @Get('a')", '   a() {}', '+  @Public()', "+  @Get('b')", '+  b() {}'])).toEqual([]);
  });

  it('recognises auth by any name with "auth" in it, but not "author" or a path', () => {
    expect(check('server/routes/van.router.js', [" router.get('/', rejectUnauthenticated, (req, res) => {", ' });', "+router.delete('/:id', (req, res) => {"])).toEqual([3]);
    expect(check('src/routes/books.ts', [" router.get('/books', requireAuth, listBooks);", "+router.get('/authors', listAuthors);", "+router.get('/x/auth/status', status);"])).toEqual([2, 3]);
  });

  it('does not take code inside an inline handler for middleware', () => {
    expect(check('src/routes/a.ts', [" router.get('/a', requireAuth, a);", "+router.get('/b', (req, res) => res.json({ authenticated: isAuthenticated(req) }));"])).toEqual([2]);
  });

  it('does not report old routes', () => {
    expect(check('src/routes/a.ts', [" router.get('/a', requireAuth, a);", " router.get('/b', b);", '+// a comment'])).toEqual([]);
  });
});

describe('route-without-auth with a router of any name', () => {
  it('flags a new route on a router variable not named router/app when a sibling route has auth', async () => {
    const { parseUnifiedDiff } = await import('../../../src/evidence/parseUnifiedDiff.js');
    const { readFileSync } = await import('node:fs');
    const file = parseUnifiedDiff(readFileSync(new URL('../../../examples/pr.diff', import.meta.url), 'utf8')).find((f) => f.path === 'src/routes/members.ts')!;
    const findings = routeWithoutAuth.check(file);
    expect(findings.map((f) => [f.line, f.source.id])).toEqual([[12, 'route-without-auth']]);
  });

  it('does not take an HTTP client call for a route', async () => {
    const { diffFileFromPatch } = await import('../../../src/evidence/parseUnifiedDiff.js');
    const patch = [
      '@@ -0,0 +1,4 @@',
      "+app.get('/a', requireAuth, (req, res) => res.end());",
      "+const users = await api.get('/users', { params: { page } });",
      "+const one = await client.post('/users', body);",
      '+export {};',
    ].join('\n');
    expect(routeWithoutAuth.check(diffFileFromPatch('src/routes/x.ts', 'added', patch))).toEqual([]);
  });
});
