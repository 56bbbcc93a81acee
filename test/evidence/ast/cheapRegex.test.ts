import { describe, expect, it } from 'vitest';
import { loadAstGrep } from '../../../src/evidence/ast/astGrep.js';
import { nonCapturing } from '../../../src/evidence/ast/nonCapturing.js';
import { searchFromStart } from '../../../src/evidence/ast/searchFromStart.js';

const engine = loadAstGrep();
if ('error' in engine) throw new Error(engine.error);
const { sg } = engine;

const CODE = [
  'app.get("/admin", requireAuth, listAdmins);',
  'router.post("/x", ensureLoggedIn(), (req, res) => res.send(GUARD));',
  'db.query(sql); pool.execute(q); Db.Exec(q); client.queryRaw(text); tx.commit();',
  'const passwordHash = hash(pw); setPassword(p); x = a$b;',
  'const AUTHOR = "Kelvin Kk"; logger.info("guarded");',
].join('\n');

/** The texts of the nodes a regex matches (every node kind), in document order. */
function texts(regex: string): string[] {
  return sg
    .parse('javascript', CODE)
    .root()
    .findAll({ rule: { regex } })
    .map((n) => `${n.kind()}:${n.text()}`);
}

describe('searchFromStart', () => {
  it('anchors a case-insensitive unanchored regex at the start and matches the same nodes', () => {
    expect(searchFromStart('(?i-u)auth|guard|ensure')).toBe('(?i-u)^(?su:.)*?(?:auth|guard|ensure)');
    for (const regex of ['(?i-u)auth|guard|ensure', '(?i)(^|\\.)(db|pool)\\.(query|exec)', '(?i-u)pass(?u:.)*hash', '(?i-u)kk|a\\$', '(?i)logged']) {
      const rewritten = searchFromStart(regex);
      expect(rewritten, regex).not.toBe(regex);
      expect(texts(rewritten), regex).toEqual(texts(regex));
      expect(texts(regex).length, regex).toBeGreaterThan(0);
    }
  });

  it('leaves alone what is case-sensitive, anchored at either end or carries other flags', () => {
    for (const regex of ['auth|guard', '(?i)^auth', '(?i-u)\\.(query|exec)$', '(?i)auth|\\.tx$', '(?im)auth', '(?ix)auth', '(?i)(?m:^)auth', '(?i)', 'x(?i)auth']) {
      expect(searchFromStart(regex), regex).toBe(regex);
    }
    // An escaped `$` is text: still rewritten.
    expect(searchFromStart('(?i)a\\$')).toBe('(?i)^(?su:.)*?(?:a\\$)');
    expect(searchFromStart('(?i)a\\\\$')).toBe('(?i)a\\\\$');
  });
});

describe('nonCapturing', () => {
  it('turns capturing groups into non-capturing ones and matches the same nodes', () => {
    expect(nonCapturing('\\.(query|exec(ute)?)$')).toBe('\\.(?:query|exec(?:ute)?)$');
    for (const regex of ['\\.(query|execute|queryRaw)$', '(?i)(^|\\.)(db|pool)\\.(query|exec)$', '^(this\\.)?([a-z]+)\\(', '[(]([a-z]+)[)]']) {
      expect(nonCapturing(regex), regex).not.toBe(regex);
      expect(texts(nonCapturing(regex)), regex).toEqual(texts(regex));
      expect(texts(regex).length, regex).toBeGreaterThan(0);
    }
  });

  it('leaves escaped parentheses, parentheses in classes, `(?` groups and nested classes as written', () => {
    for (const regex of ['\\(x\\)', '[(x)]', '[^)(]', '[](]x', '(?:a)(?i:b)(?P<n>c)', '[a[(]]', '\\\\\\(']) expect(nonCapturing(regex), regex).toBe(regex);
    expect(nonCapturing('\\\\(a)')).toBe('\\\\(?:a)');
  });
});
