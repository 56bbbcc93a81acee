import type { SymbolRef } from '../domain/RepoMap.js';

const DECLARATIONS: { re: RegExp; kind: SymbolRef['kind'] }[] = [
  { re: /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/, kind: 'function' },
  { re: /^\s*(?:export\s+)?const\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*=>/, kind: 'function' },
  { re: /^\s*(?:export\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/, kind: 'class' },
  { re: /^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)/, kind: 'function' },
  { re: /^func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)/, kind: 'function' },
  { re: /^model\s+(\w+)\s*\{/, kind: 'model' },
];

/** Top-level declarations of a file, bounded (a generated file must not flood the map). */
export function extractSymbols(path: string, text: string, max = 200): SymbolRef[] {
  const out: SymbolRef[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && out.length < max; i++) {
    const line = lines[i]!;
    if (line.length > 400) continue;
    for (const { re, kind } of DECLARATIONS) {
      const m = re.exec(line);
      if (m) {
        out.push({ name: m[1]!, kind, path, line: i + 1 });
        break;
      }
    }
  }
  return out;
}
