import type { SgNode } from '@ast-grep/napi';
import { describe, expect, it } from 'vitest';
import { loadAstGrep } from '../../../src/evidence/ast/astGrep.js';
import { NodeFacts } from '../../../src/evidence/ast/NodeFacts.js';

const engine = loadAstGrep();
if ('error' in engine) throw new Error(engine.error);

const source = 'function load(id) {\n  const q = `SELECT * FROM t WHERE id = ${id}`;\n  return db.query(q);\n}\n';
const call = (): SgNode => {
  const found = engine.sg.parse('javascript', source).root().find('db.query($Q)');
  if (!found) throw new Error('no call');
  return found;
};

describe('NodeFacts', () => {
  it('answers what the node itself answers, for every node of a walk', () => {
    const facts = new NodeFacts();
    const walk = (node: SgNode): void => {
      expect(facts.kind(node)).toBe(String(node.kind()));
      expect(facts.text(node)).toBe(node.text());
      expect(facts.start(node)).toBe(node.range().start.index);
      expect(facts.end(node)).toBe(node.range().end.index);
      expect(facts.parent(node)?.id()).toBe(node.parent()?.id());
      expect(facts.children(node).map((c) => c.id())).toEqual(node.children().map((c) => c.id()));
      expect(facts.named(node).map((c) => c.id())).toEqual(node.children().filter((c) => c.isNamed()).map((c) => c.id()));
      for (const child of facts.children(node)) walk(child);
    };
    walk(call().getRoot().root());
  });

  it('reads each node once: the same children and parent objects come back, so a second walk meets known nodes', () => {
    const facts = new NodeFacts();
    const node = call();
    // The native calls make new objects every time; the facts hand back the ones they kept.
    expect(node.children()).not.toBe(node.children());
    expect(facts.children(node)).toBe(facts.children(node));
    expect(facts.named(node)).toBe(facts.named(node));
    const parent = facts.parent(node);
    expect(parent).not.toBeNull();
    expect(facts.parent(node)).toBe(parent);
  });

  it('knows a node again through another object for it (a second search, or a parent read from another child)', () => {
    const facts = new NodeFacts();
    const root = engine.sg.parse('javascript', source).root();
    const first = root.find('db.query($Q)');
    const again = root.find('db.query($Q)');
    if (!first || !again) throw new Error('no call');
    expect(again).not.toBe(first);
    expect(facts.children(again)).toBe(facts.children(first));
    // The function's body reached from two statements in it: one set of facts, read once.
    const fromCall = facts.parent(facts.parent(first) as SgNode) as SgNode;
    const fromDeclaration = facts.parent(root.find('const q = $V') as SgNode) as SgNode;
    expect(fromCall.id()).toBe(fromDeclaration.id());
    expect(facts.parent(fromDeclaration)).toBe(facts.parent(fromCall));
  });

  it('keeps what it learnt per instance: a new one starts empty', () => {
    const node = call();
    const first = new NodeFacts();
    const second = new NodeFacts();
    expect(first.children(node)).not.toBe(second.children(node));
  });
});
