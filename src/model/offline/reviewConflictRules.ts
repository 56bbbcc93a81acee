import type { DecisionRef, PackedFile } from '../../domain/Model.js';
import type { DecisionConflict } from '../../domain/planSchema.js';
import { newSideLines, parseHunks } from '../../evidence/parseHunks.js';

/**
 * Simple signs that added lines of a diff contradict an accepted decision: the decision's words say
 * what it rules out, the added lines show it coming in. Narrow on purpose: a false alarm against a
 * recorded decision costs more trust than a missed one, and the model reads the decisions too.
 */
interface ReviewConflictRule {
  /** Matches the decision's title and outcome. */
  decision: RegExp;
  /** Matches one added line (without the `+`); the first capture group names what was added. */
  added: RegExp;
  explain: (what: string, where: string) => string;
}

const NO = String.raw`\b(?:no|not use|never use|do not use|don't use|avoid|without|ban|drop|remove)\b[^.;\n]{0,30}`;

export const REVIEW_CONFLICT_RULES: ReviewConflictRule[] = [
  {
    decision: new RegExp(String.raw`${NO}\bORMs?\b|\braw SQL only\b|\bplain SQL\b[^.;\n]{0,20}\binstead of\b[^.;\n]{0,20}\bORM`, 'i'),
    added: /(?:\bfrom\s+['"]|\brequire\(\s*['"]|\bimport\s+['"]|^\s*(?:from|import)\s+)(@prisma\/client|prisma|typeorm|sequelize|mongoose|@mikro-orm\/[\w-]+|objection|bookshelf|sqlalchemy|django\.db|peewee|tortoise)\b/i,
    explain: (what, where) => `${where} brings in the ORM \`${what}\`; the decision rules ORMs out.`,
  },
  {
    decision: /\bpostgres(?:ql)?\b[^.;\n]{0,30}\bonly\b|\bonly\b[^.;\n]{0,30}\bpostgres(?:ql)?\b|\b(?:standardi[sz]e on|use|adopt)\b[^.;\n]{0,20}\bpostgres(?:ql)?\b[^.;\n]{0,40}\b(?:for all|as the (?:only|single|primary))\b/i,
    added: /(?:\bfrom\s+['"]|\brequire\(\s*['"]|\bimport\s+['"]|^\s*(?:from|import)\s+)(mongoose|mongodb|mysql2?|mariadb|@aws-sdk\/client-dynamodb|cassandra-driver|pymongo|motor|pymysql)\b/i,
    explain: (what, where) => `${where} adds a client for another data store (\`${what}\`); the decision keeps PostgreSQL as the only database.`,
  },
  {
    decision: /\buuids?\b[^.;\n]{0,40}\b(?:primary keys?|ids?|identifiers?)\b|\b(?:primary keys?|ids)\b[^.;\n]{0,30}\buuids?\b/i,
    added: /\b(bigserial|serial|auto_increment|autoincrement\(\)|generated (?:always|by default) as identity|increments\()/i,
    explain: (what, where) => `${where} declares a sequential key (\`${what}\`); the decision chose UUID primary keys.`,
  },
  {
    decision: new RegExp(String.raw`${NO}\b(?:redis|cach(?:e|es|ing))\b`, 'i'),
    added: /(?:\bfrom\s+['"]|\brequire\(\s*['"]|\bimport\s+['"]|^\s*(?:from|import)\s+)(ioredis|redis|@upstash\/redis|node-cache|memcached)\b/i,
    explain: (what, where) => `${where} adds a cache client (\`${what}\`); the decision rules that cache out.`,
  },
];

const MAX_PER_DECISION = 3;

/** Accepted decisions contradicted by added lines of the packed diff, each naming the decision and the line. */
export function findReviewConflicts(decisions: DecisionRef[], files: PackedFile[]): DecisionConflict[] {
  const out: DecisionConflict[] = [];
  for (const ref of decisions) {
    if (!/^\s*accepted\b/i.test(ref.status)) continue;
    const text = `${ref.title}. ${ref.decision}`.slice(0, 4000);
    const rules = REVIEW_CONFLICT_RULES.filter((r) => r.decision.test(text));
    if (rules.length === 0) continue;
    const found: string[] = [];
    for (const file of files) {
      for (const { line, text, added } of newSideLines(parseHunks(file.patch))) {
        if (!added) continue;
        for (const rule of rules) {
          const m = rule.added.exec(text);
          if (m?.[1] && found.length < MAX_PER_DECISION) found.push(rule.explain(m[1], `\`${file.path}:${line}\``));
        }
      }
    }
    for (const explanation of new Set(found)) out.push({ adr: `${ref.id} ${ref.title}`.trim(), explanation });
  }
  return out;
}
