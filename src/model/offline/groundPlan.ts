import { mentionedTables, relatedFiles, stem } from '../../repomap/relatedFiles.js';
import type { RepoMap } from '../../domain/RepoMap.js';
import type { Plan, PlanSection } from '../../domain/planSchema.js';

/** Work that is only about how something looks: a short answer instead of a backend plan. */
const UI_WORDS = /\b(button|colou?r|css|style|styling|font|icon|layout|margin|padding|align|alignment|blue|red|green|dark mode|theme|tooltip|placeholder|label text|typo|copy|wording|animation|hover|responsive|ui|ux|frontend|front-end)\b/i;
const BACKEND_WORDS = /\b(api|endpoint|database|table|migration|schema|queue|job|worker|server|backend|webhook|cache|index|query|store|persist|save|billing|payment|email|notification|rate limit|tenant|permission|role|report|export|import|sync|integration|service)s?\b/i;

export function isUiOnly(text: string): boolean {
  return UI_WORDS.test(text) && !BACKEND_WORDS.test(text);
}

/** Questions the issue text or the repository already answers: pattern of the question, and the test. */
const ANSWERED: { question: RegExp; answered: (text: string, map?: RepoMap) => boolean }[] = [
  { question: /\bwhich (payment )?provider\b|payment (processor|gateway)/i, answered: (t) => /\b(stripe|paypal|adyen|braintree|paddle|mollie|square|checkout\.com)\b/i.test(t) },
  { question: /\bemail (provider|service)|which (mail|email)/i, answered: (t) => /\b(sendgrid|ses|mailgun|postmark|resend|sparkpost|mailchimp)\b/i.test(t) },
  { question: /\bwhich (database|data store|store)\b/i, answered: (t, m) => (m?.dataStores.length ?? 0) > 0 || /\b(postgres(ql)?|mysql|mongodb|sqlite|dynamodb)\b/i.test(t) },
  { question: /\bwhich (queue|broker|message)/i, answered: (t, m) => (m?.dataStores.some((s) => /queue|kafka/i.test(s)) ?? false) || /\b(sqs|rabbitmq|kafka|bullmq|sidekiq|celery|pub\/sub)\b/i.test(t) },
  { question: /\bwhich roles exist\b/i, answered: (t) => /\broles?\b[^.\n]{0,40}\(?[^.\n]*\b(owner|admin|member|viewer|editor|manager)\b[^.\n]*\b(owner|admin|member|viewer|editor|manager)\b/i.test(t) },
  { question: /\bwebhooks?, send them, or both\b|\bdo we receive webhooks\b/i, answered: (t) => /\b(send|sends|receive|receives)\b[^.\n]{0,40}\bwebhooks?\b|\bwebhooks?\b[^.\n]{0,30}\b(from|to)\b/i.test(t) },
  { question: /\bhow many (rows|tenants|users|accounts)|expected peak|data volume/i, answered: (t) => /\d[\d,.]*\s*(k\b|m\b|thousand|million)?\s*(tenants|users|members|accounts|rows|requests|orders|customers)/i.test(t) },
  { question: /\bwhich existing services and tables\b/i, answered: (_t, m) => (m?.tables.length ?? 0) > 0 },
  { question: /\bwhich (framework|language)\b/i, answered: (_t, m) => (m?.frameworks.length ?? 0) > 0 },
];

function wordSet(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/`[^`]*`/g, (m) => m.replace(/[^a-z0-9]/g, ''))
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2)
      .map(stem),
  );
}

/** Share of the shorter text's words the other one has too. */
function overlap(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let common = 0;
  for (const w of small) if (large.has(w)) common++;
  return common / small.size;
}

/** A number with a unit in a bullet about the timeout of a call to another system. */
function callTimeout(text: string): string | undefined {
  if (!/timeout|deadline/i.test(text) || !/\b(provider|third[- ]party|outbound|external|remote|dependenc|downstream)/i.test(text)) return undefined;
  if (/statement_timeout|lock_timeout|idle timeout|visibility/i.test(text)) return undefined;
  return /(\d+(?:\.\d+)?)\s*(ms|s|sec|seconds|min)\b/i.exec(text)?.slice(1, 3).join(' ');
}

/**
 * One plan without repeats or contradictions: a bullet saying what an earlier one said (most of its
 * words) is dropped, and so is a second, different timeout for calls to other systems.
 */
export function dedupePlan(plan: Plan): Plan {
  let timeout: string | undefined;
  // Design points, questions and checklists are each deduplicated among themselves: a checklist restating
  // a design point is its tick-box, not a repeat. A contradicting timeout is dropped wherever it is.
  const scope = () => {
    const seen: Set<string>[] = [];
    return (text: string): boolean => {
      const words = wordSet(text);
      if (seen.some((s) => overlap(s, words) >= 0.75)) return false;
      const t = callTimeout(text);
      if (t !== undefined) {
        if (timeout !== undefined && t !== timeout) return false;
        timeout ??= t;
      }
      seen.push(words);
      return true;
    };
  };
  const items = scope();
  const questions = scope();
  const checks = scope();
  const sections = plan.sections.map((s) => ({ ...s, items: s.items.filter(items) }));
  return {
    ...plan,
    sections: sections.map((s) => ({ ...s, questions: s.questions.filter(questions) })),
    openQuestions: plan.openQuestions.filter(questions),
    checklists: {
      implementation: plan.checklists.implementation.filter(checks),
      security: plan.checklists.security.filter(checks),
      performance: plan.checklists.performance.filter(checks),
      reliability: plan.checklists.reliability.filter(checks),
    },
  };
}

/** Questions the issue or the repository already answers are not asked. */
export function dropAnswered(plan: Plan, text: string, map?: RepoMap): Plan {
  const open = (q: string) => !ANSWERED.some((a) => a.question.test(q) && a.answered(text, map));
  return {
    ...plan,
    sections: plan.sections.map((s) => ({ ...s, questions: s.questions.filter(open) })),
    openQuestions: plan.openQuestions.filter(open),
  };
}

const STACK_ASSUMPTION = /^PostgreSQL is the primary store/;

/** The plan on the repository: the detected stack, existing tables and routes, and where new pieces go. */
export function groundInRepo(plan: Plan, text: string, map: RepoMap): Plan {
  const stack = [...map.frameworks.filter((f) => !/React|Vue/.test(f)), ...map.orms, ...map.dataStores];
  const tables = mentionedTables(map, text);
  const related = relatedFiles(map, text, 5);
  const sections = plan.sections.map((s) => ({ ...s, items: [...s.items] }));
  const section = (kind: PlanSection['kind']) => sections.find((s) => s.kind === kind);
  const dataModel = section('data-model');
  if (dataModel) {
    const shown = (tables.length > 0 ? tables : map.tables).slice(0, 4);
    const lines = shown.map((t) => `\`${t.name}\` (${t.columns.slice(0, 6).map((c) => `${c.name} ${c.type}`.trim()).join(', ') || 'columns not read'})`);
    const where = map.layout.migrations ? ` New migrations go in \`${map.layout.migrations}/\`${map.orms[0] ? `, written for ${map.orms[0]}` : ''}, after the latest one there.` : '';
    if (lines.length > 0) dataModel.items.unshift(`Existing ${tables.length > 0 ? 'tables this touches' : 'tables'}: ${lines.join('; ')}. Extend them rather than creating parallel ones; match their key types.${where}`);
    else if (where) dataModel.items.unshift(where.trim());
  }
  const api = section('api');
  if (api) {
    const words = new Set(text.toLowerCase().split(/[^a-z0-9]+/).map(stem));
    const routes = map.routes.filter((r) => r.path.toLowerCase().split(/[^a-z0-9]+/).some((w) => w.length > 2 && words.has(stem(w))));
    const shown = (routes.length > 0 ? routes : map.routes).slice(0, 5).map((r) => `\`${r.method} ${r.path}\` (${r.file})`);
    const where = map.layout.routes ? ` Put the new handlers in \`${map.layout.routes}/\`, next to the existing ones${map.frameworks.includes('Express') ? ' (an Express router per resource)' : ''}.` : '';
    if (shown.length > 0) api.items.unshift(`Existing routes: ${shown.join(', ')}.${where}`);
    else if (where) api.items.unshift(where.trim());
  }
  const assumptions = plan.assumptions.map((a) =>
    STACK_ASSUMPTION.test(a) && stack.length > 0
      ? `The service uses ${stack.join(', ')} (from its manifests and migrations); the advice below is written for that stack.`
      : a,
  );
  if (related.length > 0) assumptions.push(`Files most related to this issue: ${related.map((r) => `\`${r.path}\``).join(', ')}.`);
  for (const c of map.conventions.slice(0, 2)) assumptions.push(`The repository's conventions in \`${c.path}\` apply.`);
  const stackLine = stack.length > 0 ? ` Detected stack: ${stack.join(', ')}${map.languages[0] ? ` (${map.languages[0].name})` : ''}.` : '';
  const tableLine = map.tables.length > 0 ? ` Existing tables: ${map.tables.slice(0, 8).map((t) => `\`${t.name}\``).join(', ')}.` : '';
  return { ...plan, summary: `${plan.summary}${stackLine}${tableLine}`, assumptions, sections };
}

/** The short answer for an issue that is not backend work. */
export function uiOnlyPlan(title: string): Plan {
  return {
    summary: `“${title.slice(0, 120)}” reads as a change to how the product looks, not backend work: no data model, API or infrastructure change is needed, so no architecture plan follows. Run \`/agency:plan\` with context if it does involve the backend.`,
    assumptions: [],
    sections: [],
    tradeOffs: [],
    risks: [],
    openQuestions: [],
    checklists: { implementation: ['Change the component and its styles; check contrast (WCAG AA) and the other places the component is used'], security: [], performance: [], reliability: [] },
    proposedDecisions: [],
    decisionConflicts: [],
  };
}
