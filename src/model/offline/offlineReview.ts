import { backendRank } from '../../evidence/backendRank.js';
import { isCodeFile, isTestFile } from '../../evidence/isCodeFile.js';
import { isMigration } from '../../evidence/isMigration.js';
import type { Finding, Severity } from '../../domain/findingSchema.js';
import type { ReviewRequest } from '../../domain/Model.js';
import type { DecisionConflict } from '../../domain/planSchema.js';
import type { ChecklistItem, Review, Verdict } from '../../domain/reviewSchema.js';
import { findReviewConflicts } from './reviewConflictRules.js';

/** What the diff touches, as far as paths and packed patches tell. */
interface Scope {
  migrations: boolean;
  code: boolean;
  handlers: boolean;
  queries: boolean;
  outbound: boolean;
  any: boolean;
}

interface ChecklistSpec {
  item: string;
  relevant: (scope: Scope) => boolean;
  /** Findings that show the item failing. */
  fails: (finding: Finding) => boolean;
  /** What a human should verify when no finding decides it. */
  verify: string;
}

const ROUTE_HINT = /^\+.*(?:\.(?:get|post|put|patch|delete)\s*\(\s*['"`]\/|@(?:Get|Post|Put|Patch|Delete)(?:Mapping)?\b|@\w+\.(?:route|get|post|put|patch|delete)\(|\[Http(?:Get|Post|Put|Patch|Delete))/m;
const QUERY_HINT = /^\+.*(?:\b(?:query|execute|findMany|findUnique|findOne|findAll|findBy\w*|insert|update|delete|upsert|transaction|prisma|knex|sequelize|cursor|session)\b|\bSELECT\b|\bINSERT\b|\bUPDATE\b|\bDELETE\b)/m;
const OUTBOUND_HINT =
  /^\+.*(?:\bfetch\(|\baxios\b|\bgot\(|\bhttps?\.request\(|\brequests\.(?:get|post|put|patch|delete|request)\(|\bhttpx\.|\bHttpClient\b|\bRestTemplate\b|\bWebClient\b|\bhttp\.(?:Get|Post|NewRequest)|\burllib\b|Net::HTTP|\bFaraday\b|\bHTTParty\b|\bundici\b)/m;

const isSecret = (f: Finding) => f.category === 'security' && (f.source.kind === 'secretlint' || f.source.id.startsWith('hardcoded-secret'));
const byRule = (...ids: string[]) => (f: Finding) => ids.includes(f.source.id);

const CHECKLIST: ChecklistSpec[] = [
  {
    item: 'Migrations are safe to run online and reversible',
    relevant: (s) => s.migrations,
    fails: (f) => f.category === 'migration' && (f.severity === 'blocker' || f.severity === 'major'),
    verify: 'Confirm locks stay short on large tables and there is a rollback path (down migration or forward fix).',
  },
  {
    item: 'New query paths are indexed and free of N+1 queries',
    relevant: (s) => s.migrations || s.queries,
    fails: byRule('query-in-loop'),
    verify: 'Check that each new WHERE/JOIN/ORDER BY has a supporting index.',
  },
  {
    item: 'Authorization is enforced on new endpoints',
    relevant: (s) => s.handlers,
    fails: byRule('route-without-auth'),
    verify: 'Check who may call each new endpoint and that object-level access is checked, not only login.',
  },
  {
    item: 'Input is validated at the boundary and bound as query parameters',
    relevant: (s) => s.handlers || s.queries,
    fails: byRule('sql-injection'),
    verify: 'Check that request bodies, params and queries are validated against a schema before use.',
  },
  {
    item: 'List endpoints are paginated with a maximum page size',
    relevant: (s) => s.handlers,
    fails: byRule('unbounded-list'),
    verify: 'Check that new list responses are bounded.',
  },
  {
    item: 'Outbound calls have timeouts, retries with backoff and idempotency',
    relevant: (s) => s.outbound,
    fails: byRule('missing-timeout'),
    verify: 'Check timeouts on every outbound call and idempotency keys where a retry could repeat a side effect.',
  },
  {
    item: 'Writes that must hold together run in one transaction',
    relevant: (s) => s.queries,
    fails: byRule('write-without-transaction'),
    verify: 'Check multi-step writes for partial failure.',
  },
  {
    item: 'New paths are observable (logs, metrics, traces, actionable errors)',
    relevant: (s) => s.code,
    fails: () => false,
    verify: 'Check that failures on new paths are logged with context and measured.',
  },
  {
    item: 'No secrets in code or configuration',
    relevant: (s) => s.any,
    fails: isSecret,
    verify: 'No known secret shapes were found in the added lines; check config values that only look harmless.',
  },
];

/**
 * The review the offline engine gives: the deterministic evidence as findings (all of it), a verdict that
 * follows from their severities, and a backend checklist decided by the evidence where it can be and
 * left to a human where it cannot. Pure: same request, same review.
 */
export function offlineReview(request: ReviewRequest): Review {
  const findings = [...request.evidence];
  const scope = scopeOf(request);
  const counts = countBySeverity(findings);
  const checklist: ChecklistItem[] = CHECKLIST.map((spec) => {
    // A finding decides the item even where the paths alone would not have made it relevant.
    const failing = findings.filter(spec.fails);
    if (failing.length > 0) return { item: spec.item, status: 'fail', note: describeFailures(failing) };
    if (!spec.relevant(scope)) return { item: spec.item, status: 'n/a', note: null };
    return { item: spec.item, status: 'check', note: spec.verify };
  });
  const decisionConflicts = findReviewConflicts(request.decisions, request.diff.files);
  checklist.push(decisionsItem(request, decisionConflicts));
  return {
    summary: summarize(request, findings.length, counts),
    verdict: verdictOf(counts),
    findings,
    checklist,
    notReviewed: request.diff.notReviewed.map((n) => `${n.path}: ${n.reason}`),
    decisionConflicts,
  };
}

export const DECISIONS_ITEM = 'Consistent with recorded decisions';

/** Fails on a conflict found by the rules; otherwise a human checks it against the accepted ADRs (named). */
function decisionsItem(request: ReviewRequest, conflicts: DecisionConflict[]): ChecklistItem {
  const accepted = request.decisions.filter((d) => /^\s*accepted\b/i.test(d.status));
  if (conflicts.length > 0) {
    const names = [...new Set(conflicts.map((c) => c.adr))];
    return { item: DECISIONS_ITEM, status: 'fail', note: `Contradicts ${names.slice(0, 3).join('; ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}.` };
  }
  if (accepted.length === 0) return { item: DECISIONS_ITEM, status: 'n/a', note: null };
  const ids = accepted.slice(0, 5).map((d) => d.id);
  return { item: DECISIONS_ITEM, status: 'check', note: `Check the change against the accepted decisions (${ids.join(', ')}${accepted.length > 5 ? ', …' : ''}).` };
}

function scopeOf(request: ReviewRequest): Scope {
  const paths = [...request.diff.files.map((f) => f.path), ...request.diff.notReviewed.map((n) => n.path), ...request.evidence.flatMap((f) => (f.path ? [f.path] : []))];
  const code = paths.filter((p) => isCodeFile(p) && !isTestFile(p));
  const patches = request.diff.files.filter((f) => isCodeFile(f.path) && !isTestFile(f.path)).map((f) => f.patch);
  const inPatches = (re: RegExp) => patches.some((p) => re.test(p));
  return {
    migrations: paths.some(isMigration),
    code: code.length > 0,
    handlers: code.some((p) => backendRank(p) === 1) || inPatches(ROUTE_HINT),
    queries: code.some((p) => backendRank(p) === 3) || inPatches(QUERY_HINT),
    outbound: inPatches(OUTBOUND_HINT),
    any: paths.length > 0,
  };
}

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { blocker: 0, major: 0, minor: 0, nit: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function verdictOf(counts: Record<Severity, number>): Verdict {
  if (counts.blocker > 0) return 'request-changes';
  if (counts.major > 0 || counts.minor > 0) return 'comment';
  return 'approve';
}

function describeFailures(failing: readonly Finding[]): string {
  const places = failing.slice(0, 3).map((f) => (f.path ? `${f.path}${f.line ? `:${f.line}` : ''}` : f.title));
  const more = failing.length > 3 ? ` and ${failing.length - 3} more` : '';
  return `${failing.length} finding${failing.length === 1 ? '' : 's'}: ${places.join(', ')}${more}`;
}

function summarize(request: ReviewRequest, total: number, counts: Record<Severity, number>): string {
  const { coverage, files, notReviewed } = request.diff;
  const parts = (['blocker', 'major', 'minor', 'nit'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  const found =
    total === 0
      ? 'found nothing to report'
      : `found ${total} finding${total === 1 ? '' : 's'} (${parts.join(', ')})`;
  const skipped = new Set(notReviewed.map((n) => n.path)).size;
  return [
    `Offline evidence review: no model was consulted. Deterministic checks (squawk on SQL migrations, secret scanning and Agency's rules) ${found}.`,
    `The diff changes ${coverage.totalLines} lines; ${coverage.reviewedLines} of them, in ${files.length} file${files.length === 1 ? '' : 's'}, fit the review budget${skipped > 0 ? ` and ${skipped} file${skipped === 1 ? ' was' : 's were'} not reviewed in full (listed below)` : ''}.`,
    'Design judgment (data model, API shape, failure modes) needs a reviewer: checklist items marked "check" are for a human.',
  ].join(' ');
}
