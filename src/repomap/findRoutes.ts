import type { Route } from '../domain/RepoMap.js';

const PATTERNS: { re: RegExp; method: (m: RegExpExecArray) => string; path: (m: RegExpExecArray) => string }[] = [
  // Express, Koa, Fastify, Hono, chi (`r.Get`), gin/echo (`r.GET`): `x.get('/path', ...)`.
  {
    re: /\b\w+\.(get|post|put|patch|delete|all|GET|POST|PUT|PATCH|DELETE|Get|Post|Put|Patch|Delete)\(\s*(['"`])(\/[^'"`]*)\2\s*,/,
    method: (m) => m[1]!.toUpperCase(),
    path: (m) => m[3]!,
  },
  // Flask / FastAPI decorators.
  { re: /^\s*@\w+(?:\.\w+)*\.(get|post|put|patch|delete|route|api_route)\(\s*(['"])(\/[^'"]*)\2(?:.*methods\s*=\s*\[\s*['"](\w+))?/, method: (m) => (m[1] === 'route' || m[1] === 'api_route' ? (m[4] ?? 'GET').toUpperCase() : m[1]!.toUpperCase()), path: (m) => m[3]! },
  // NestJS and Spring.
  { re: /^\s*@(Get|Post|Put|Patch|Delete)(?:Mapping)?\(\s*(?:(?:value|path)\s*=\s*)?(?:(['"`])([^'"`]*)\2)?\s*\)/, method: (m) => m[1]!.toUpperCase(), path: (m) => m[3] ?? '' },
  // Go net/http.
  { re: /\bHandleFunc\(\s*"((?:GET |POST |PUT |PATCH |DELETE )?)(\/[^"]*)"/, method: (m) => (m[1]?.trim() || 'ANY'), path: (m) => m[2]! },
  // Rails routes.rb.
  { re: /^\s*(get|post|put|patch|delete)\s+['"](\/?[^'"]+)['"]/, method: (m) => m[1]!.toUpperCase(), path: (m) => (m[2]!.startsWith('/') ? m[2]! : `/${m[2]!}`) },
  { re: /^\s*resources?\s+:(\w+)/, method: () => 'RESOURCE', path: (m) => `/${m[1]!}` },
  // Django urls.py.
  { re: /^\s*(?:re_)?path\(\s*r?['"]([^'"]*)['"]/, method: () => 'ANY', path: (m) => `/${m[1]!.replace(/^\^|\$$/g, '')}` },
];

/** Route declarations in a file's text, with method, path and line. */
export function findRoutes(file: string, text: string, max = 200): Route[] {
  const out: Route[] = [];
  const lines = text.split('\n');
  let prefix = '';
  for (let i = 0; i < lines.length && out.length < max; i++) {
    const line = lines[i]!;
    if (line.length > 500 || /^\s*(\/\/|#|\*)/.test(line)) continue;
    const controller = /^\s*@Controller\(\s*['"`]([^'"`]*)['"`]/.exec(line) ?? /^\s*@RequestMapping\(\s*(?:(?:value|path)\s*=\s*)?"([^"]*)"/.exec(line);
    if (controller) {
      prefix = `/${controller[1]!.replace(/^\/+|\/+$/g, '')}`;
      continue;
    }
    for (const p of PATTERNS) {
      const m = p.re.exec(line);
      if (!m) continue;
      let path = p.path(m);
      if (/^\s*@(Get|Post|Put|Patch|Delete)/.test(line) && prefix) path = `${prefix}${path ? `/${path.replace(/^\/+/, '')}` : ''}`;
      else if (!path.startsWith('/')) path = `/${path}`;
      out.push({ method: p.method(m), path, file, line: i + 1 });
      break;
    }
  }
  return out;
}

/** Paths and methods of an OpenAPI or Swagger document (YAML or JSON), without a YAML parser. */
export function openApiRoutes(file: string, text: string, max = 300): Route[] {
  const out: Route[] = [];
  if (file.toLowerCase().endsWith('.json')) {
    try {
      const doc = JSON.parse(text) as { paths?: Record<string, Record<string, unknown>> };
      for (const [path, ops] of Object.entries(doc.paths ?? {})) {
        for (const method of Object.keys(ops ?? {})) {
          if (/^(get|post|put|patch|delete)$/i.test(method) && out.length < max) out.push({ method: method.toUpperCase(), path, file });
        }
      }
    } catch {
      // Not JSON after all: nothing to list.
    }
    return out;
  }
  const lines = text.split('\n');
  let inPaths = false;
  let current: { path: string; indent: number } | undefined;
  for (let i = 0; i < lines.length && out.length < max; i++) {
    const line = lines[i]!;
    if (/^paths:\s*$/.test(line)) {
      inPaths = true;
      continue;
    }
    if (!inPaths) continue;
    if (/^\S/.test(line)) break;
    const path = /^(\s+)['"]?(\/[^'":]*)['"]?:\s*$/.exec(line);
    if (path) {
      current = { path: path[2]!, indent: path[1]!.length };
      continue;
    }
    const method = /^(\s+)(get|post|put|patch|delete):/.exec(line);
    if (current && method && method[1]!.length > current.indent) out.push({ method: method[2]!.toUpperCase(), path: current.path, file, line: i + 1 });
  }
  return out;
}
