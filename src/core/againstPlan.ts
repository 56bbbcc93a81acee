import type { LinkedPlan } from '../domain/Model.js';
import { stem } from '../repomap/relatedFiles.js';

export interface PlanCheck {
  issue: number;
  implements: string[];
  contradicts: { item: string; why: string }[];
  leavesOut: string[];
}

const GENERIC = new Set(
  'with that this from into when than what which will have been each every their there they them where only also after before about more less using used make sure test tests tested check checked place places before rather other first then ones been being does into over such same more most'.split(' '),
);

/** Choices of one kind: a plan item naming one while the change adds another contradicts it. */
const CHOICES: { kind: string; options: RegExp[] }[] = [
  { kind: 'database', options: [/\bpostgres(ql)?\b/i, /\bmysql\b/i, /\bmongo(db)?\b/i, /\bsqlite\b/i, /\bdynamodb\b/i] },
  { kind: 'queue', options: [/\bsqs\b/i, /\brabbitmq\b/i, /\bkafka\b/i, /\bbullmq\b/i, /\bsidekiq\b/i, /\bcelery\b/i] },
  { kind: 'cache', options: [/\bredis\b/i, /\bmemcached?\b/i] },
  { kind: 'API style', options: [/\bgraphql\b/i, /\bgrpc\b/i] },
  { kind: 'key type', options: [/\buuid\b/i, /\b(big)?serial\b|\bauto_?increment\b|\bincrements\(/i] },
];

function keyWords(text: string): string[] {
  return [
    ...new Set(
      text
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .toLowerCase()
        .split(/[^a-z0-9_]+/)
        .filter((w) => w.length >= 4 && !GENERIC.has(w))
        .map(stem),
    ),
  ];
}

/**
 * A pull request against the plan of the issue it closes: items whose key words the change (paths, added
 * lines, title and body) uses are implemented; items naming a choice the change makes differently are
 * contradicted; the rest are left out. Word evidence, said as such.
 */
export function againstPlan(plan: LinkedPlan, change: { text: string; added: string }): PlanCheck {
  const changeWords = new Set(keyWords(change.text));
  const result: PlanCheck = { issue: plan.issue, implements: [], contradicts: [], leavesOut: [] };
  const accepted = plan.decisions.filter((d) => d.endsWith('(accepted)')).map((d) => d.replace(/ \(accepted\)$/, ''));
  for (const item of [...accepted, ...plan.items]) {
    const contradiction = CHOICES.flatMap(({ kind, options }) => {
      const named = options.findIndex((o) => o.test(item));
      if (named < 0 || options[named]!.test(change.added)) return [];
      const other = options.find((o, i) => i !== named && o.test(change.added));
      return other ? [`the plan says ${options[named]!.exec(item)![0]}; the change adds ${other.exec(change.added)![0]} (${kind})`] : [];
    })[0];
    if (contradiction) {
      result.contradicts.push({ item, why: contradiction });
      continue;
    }
    const words = keyWords(item);
    const hits = words.filter((w) => changeWords.has(w));
    if (hits.length >= Math.min(2, words.length) && hits.length > 0) result.implements.push(item);
    else result.leavesOut.push(item);
  }
  return result;
}

const MAX_SHOWN = 5;

/** The short "Against the plan" section of a review. */
export function renderAgainstPlan(check: PlanCheck, safe: (text: string) => string): string {
  const list = (items: string[]) => `${items.slice(0, MAX_SHOWN).map((i) => safe(i)).join('; ')}${items.length > MAX_SHOWN ? `; and ${items.length - MAX_SHOWN} more` : ''}`;
  const lines = [`### 🧭 Against the plan (#${check.issue})`, ''];
  if (check.implements.length > 0) lines.push(`- **Implements:** ${list(check.implements)}`);
  if (check.contradicts.length > 0) lines.push(`- **Contradicts:** ${list(check.contradicts.map((c) => `${c.item} (${c.why})`))}`);
  if (check.leavesOut.length > 0) lines.push(`- **Leaves out:** ${list(check.leavesOut)}`);
  lines.push('', '_Matched by the words of each plan item against the changed files; a hint for the reviewer, not a verdict._');
  return lines.join('\n');
}

/** What a change says, for `againstPlan`: its paths, added lines, title and body. */
export function changeOf(files: readonly { path: string; added: readonly { text: string }[] }[], subject: { title: string; body: string }): { text: string; added: string } {
  const added = files.flatMap((f) => f.added.map((l) => l.text)).join('\n');
  return { text: [subject.title, subject.body, ...files.map((f) => f.path), added].join('\n'), added };
}
