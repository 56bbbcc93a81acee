import type { CodeLine } from './codeLines.js';

/** A route declared in code: Express/Fastify/Koa/Hono, Go routers, Nest/Spring/ASP.NET attributes, Flask/FastAPI decorators. */
export interface RouteDeclaration {
  /** Index into the lines. */
  index: number;
  path: string;
  /** Declared with a decorator/annotation (auth sits on neighbouring lines) rather than a call (auth is an argument). */
  decorator: boolean;
}

const CALL_ROUTE = [
  /\b(?:app|router|server|fastify|routes|route|\w*Router|\w*Routes)\.(?:get|post|put|patch|delete|all)\s*\(\s*(['"`])(\/[^'"`]*)\1/,
  /\b\w+\.(?:GET|POST|PUT|PATCH|DELETE|Get|Post|Put|Patch|Delete|HandleFunc|Handle)\(\s*(")(\/[^"]*)"/,
  // Any router variable name (`members.get(...)`), but only with a handler argument after the path and
  // optional middleware, so HTTP client calls such as `api.get('/users', { params })` do not count.
  /\b\w+\.(?:get|post|put|patch|delete|all)\s*\(\s*(['"`])(\/[^'"`]*)\1\s*,\s*(?:[\w.]+(?:\([^()]*\))?\s*,\s*)*(?:async\s+)?(?:\([^()]*\)\s*=>|function\b|\w+\s*=>)/,
];
const DECORATOR_ROUTE = [
  /^\s*@(?:Get|Post|Put|Patch|Delete|All)\(\s*(?:(['"`])([^'"`]*)\1)?\s*\)/,
  /^\s*@(?:Get|Post|Put|Patch|Delete|Request)Mapping\b(?:\(\s*(?:(?:value|path)\s*=\s*)?(")([^"]*)")?/,
  /^\s*@\w+(?:\.\w+)*\.(?:route|get|post|put|patch|delete|api_route)\(\s*(['"])(\/[^'"]*)\1/,
  /^\s*\[Http(?:Get|Post|Put|Patch|Delete)(?:\(\s*(")([^"]*)")?/,
];

export function routeDeclarations(lines: readonly CodeLine[]): RouteDeclaration[] {
  const out: RouteDeclaration[] = [];
  lines.forEach((l, index) => {
    if (l.comment) return;
    // Decorators first: `@router.get('/x')` is a FastAPI decorator, not an Express call.
    for (const re of DECORATOR_ROUTE) {
      const m = re.exec(l.text);
      if (m) return void out.push({ index, path: m[2] ?? '', decorator: true });
    }
    for (const re of CALL_ROUTE) {
      const m = re.exec(l.text);
      if (m) return void out.push({ index, path: m[2] ?? '', decorator: false });
    }
  });
  return out;
}

/** Path segments of files that hold HTTP handlers, by the usual names. */
const HANDLER_PATH = /(^|\/)(routes?|routers?|controllers?|handlers?|api|views|endpoints?|resolvers?)(\/|\.|_|$)|[._-](controller|route|routes|router|handler|views?|resolver)\.[a-z]+$|Controller\.[a-z]+$/i;

export function isHandlerFile(path: string, lines: readonly CodeLine[]): boolean {
  return HANDLER_PATH.test(path) || routeDeclarations(lines).length > 0;
}
