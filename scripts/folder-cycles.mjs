// Folder-level import cycles of src/, from dependency-cruiser's JSON on stdin (`npm run boundaries`).
// dependency-cruiser's no-circular rule sees cycles between files; two folders that import each other
// through different files are a cycle too, and the layering (domain at the bottom, adapters on top) needs
// none. Prints each strongly connected set of folders and the imports that tie it, and exits 1.
import { readFileSync } from 'node:fs';

const folderOf = (path) => (/^src\/([^/]+)\//.exec(path) ?? [])[1];
const cruise = JSON.parse(readFileSync(0, 'utf8'));
const edges = new Map();
const examples = new Map();
for (const module of cruise.modules) {
  const from = folderOf(module.source);
  if (!from) continue;
  for (const dep of module.dependencies) {
    const to = folderOf(dep.resolved);
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(to);
    const key = `${from}>${to}`;
    if (!examples.has(key)) examples.set(key, `${module.source} → ${dep.resolved}`);
  }
}

// Tarjan's strongly connected components.
let index = 0;
const order = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const components = [];
function visit(v) {
  order.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!order.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), order.get(w)));
  }
  if (low.get(v) === order.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) components.push(component.sort());
  }
}
for (const v of [...edges.keys()].sort()) if (!order.has(v)) visit(v);

if (components.length === 0) {
  console.log(`✔ no folder-level import cycles (${edges.size} folders)`);
} else {
  for (const component of components) {
    console.error(`✘ folders that import each other: ${component.join(', ')}`);
    for (const from of component) for (const to of edges.get(from) ?? []) if (component.includes(to)) console.error(`    ${examples.get(`${from}>${to}`)}`);
  }
  process.exit(1);
}
