import type { Finding } from '../../domain/findingSchema.js';
import type { DiffFile } from '../DiffFile.js';
import { codeLines, type CodeLine } from './codeLines.js';
import { routeDeclarations, type RouteDeclaration } from './routeDeclarations.js';
import { ruleFinding, ruleUrl, type Rule } from './Rule.js';

const ID = 'route-without-auth';

/** Cheap test for a line that may declare a route, before the real work. */
const ROUTE_HINT = /\.(?:get|post|put|patch|delete|all|route|api_route|GET|POST|PUT|PATCH|DELETE|Get|Post|Put|Patch|Delete|HandleFunc|Handle)\s*\(|@|\[Http/;
/**
 * Names of authentication/authorization middleware, guards, decorators and dependencies: anything with
 * "auth" in it except "author(s)" (requireAuth, rejectUnauthenticated, PreAuthorize, OAuth2...), and the
 * common names without it.
 */
const AUTH =
  /(?:auth|Auth|AUTH)(?!(?:or|OR)(?!i[sz]|I[SZ]))|\b(?:protect(?:ed)?|guard\w*|\w+Guard|UseGuards|\w+_required|permissions?|requirePermissions?|requireRoles?|requireScopes?|requireAdmin|requireUser|requireLogin|requireSession|isLoggedIn|ensureLoggedIn|loggedIn|verifyToken|verifyJwt|verifyJWT|validateToken|checkJwt|jwtCheck|jwt\w*|passport|Secured|RolesAllowed|get_current_user|get_current_active_user|current_user|Security|roles?)\b/;
/** Marked public on purpose. */
const PUBLIC_MARK = /\b(?:Public|AllowAnonymous|PermitAll|permitAll|public_route|skipAuth|SkipAuth|noAuth|no_auth|anonymous|Anonymous)\b/;
/** Routes that are public by nature. */
const PUBLIC_PATH =
  /^\/?(?:$|(?:api\/)?(?:v\d+\/)?(?:health\w*|ready\w*|live\w*|ping|status|metrics|version|login|logout|sign-?in|sign-?up|register|auth|oauth\w*|callback|public|docs|openapi|swagger|webhooks?|\.well-known)\b)/i;
/** Auth applied to a whole router, app or controller: then a route without its own middleware is covered. */
const GLOBAL_AUTH = [/\.use\(/, /\bbefore_request\b/, /dependencies\s*=\s*\[[^\]]*Depends\(/, /\bbefore_action\b/];
/** Set-up calls that mention auth without enforcing it. */
const AUTH_SETUP = /passport\.(?:initialize|session)\(/;

/**
 * A new route that declares no auth while other routes in the same file do, and nothing in the file
 * applies auth globally. Judged only from what the diff shows, so it speaks only when the file itself
 * shows the per-route convention being skipped.
 */
export const routeWithoutAuth: Rule = {
  id: ID,
  url: ruleUrl(ID),
  check(file: DiffFile): Finding[] {
    if (!file.added.some((l) => ROUTE_HINT.test(l.text))) return [];
    const lines = codeLines(file);
    const routes = routeDeclarations(lines);
    if (!routes.some((r) => lines[r.index]?.added)) return [];
    if (hasGlobalAuth(lines)) return [];
    const guarded = routes.filter((r) => AUTH.test(withoutStrings(neighbourhood(lines, r))));
    if (guarded.length === 0) return [];
    const findings: Finding[] = [];
    for (const route of routes) {
      const at = lines[route.index] as CodeLine;
      if (!at.added || PUBLIC_PATH.test(route.path)) continue;
      const around = neighbourhood(lines, route);
      if (AUTH.test(withoutStrings(around)) || PUBLIC_MARK.test(around)) continue;
      const example = guarded.find((g) => g !== route);
      if (!example) continue;
      findings.push(
        ruleFinding(ID, file.path, at.line, {
          severity: 'major',
          category: 'security',
          title: `New route${route.path ? ` \`${route.path}\`` : ''} has no auth middleware`,
          body:
            `Other routes in this file declare authentication or authorization (for example the one on line ${lines[example.index]?.line}), but this one does not, so it is reachable without it. ` +
            'Add the same middleware or guard, or mark the route public explicitly if that is intended.',
        }),
      );
    }
    return findings;
  },
};

function hasGlobalAuth(lines: readonly CodeLine[]): boolean {
  return lines.some((l, i) => {
    if (l.comment) return false;
    if (GLOBAL_AUTH.some((re) => re.test(l.text)) && AUTH.test(l.text) && !AUTH_SETUP.test(l.text)) return true;
    // An auth decorator/attribute right above a class applies to every route in it.
    if (/^\s*[@[]/.test(l.text) && AUTH.test(l.text)) {
      for (let j = i + 1; j < lines.length && j <= i + 4; j++) {
        const next = (lines[j] as CodeLine).text;
        if (/\bclass\b/.test(next)) return true;
        if (!/^\s*[@[]/.test(next)) break;
      }
    }
    return false;
  });
}

/**
 * The text that configures one route: for a call, the call's arguments up to the handler; for a decorator,
 * the decorator stack around it and the function signature below it.
 */
function neighbourhood(lines: readonly CodeLine[], route: RouteDeclaration): string {
  const at = lines[route.index] as CodeLine;
  if (!route.decorator) {
    // Arguments may go on over the next lines, until the handler starts.
    let text = '';
    for (let i = route.index; i <= route.index + 3; i++) {
      const line = lines[i];
      if (!line || (i > route.index && line.gapBefore)) break;
      const args = handlerArgs(line.text);
      text += ` ${args}`;
      if (args !== line.text || !/[,(]\s*$/.test(line.text)) break;
    }
    return text;
  }
  const parts = [at.text];
  for (let i = route.index - 1; i >= 0 && i >= route.index - 6; i--) {
    const line = lines[i] as CodeLine;
    if (lines[i + 1]?.gapBefore || !/^\s*[@[]/.test(line.text)) break;
    parts.push(line.text);
  }
  for (let i = route.index + 1; i < lines.length && i <= route.index + 6; i++) {
    const line = lines[i] as CodeLine;
    if (line.gapBefore) break;
    parts.push(line.text);
    // Stop at the end of the signature: Python's `:`, a brace, or an arrow.
    if (!/^\s*[@[]/.test(line.text) && /(?:\)\s*(?:->\s*[^:]+)?:|\{|=>)\s*$/.test(line.text)) break;
  }
  return parts.join('\n');
}

/** Route paths and messages are not middleware: `'/auth/login'` must not count as auth. */
function withoutStrings(text: string): string {
  return text.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
}

/** A call's text up to the start of an inline handler, so code inside the handler is not mistaken for middleware. */
function handlerArgs(text: string): string {
  const handler = /(?:\basync\s+)?(?:\bfunction\b|\([^()]*\)\s*=>|\b\w+\s*=>)/.exec(text);
  return handler ? text.slice(0, handler.index) : text;
}
