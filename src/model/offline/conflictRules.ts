import type { PlanSectionKind } from '../../domain/planSchema.js';

/**
 * Keyword signs that an accepted ADR contradicts advice the offline plan gives. Deliberately narrow:
 * a missed conflict costs less than a false alarm on a recorded decision.
 */
export interface ConflictRule {
  /** The plan section whose advice the decision contradicts; the rule applies only when it is in the plan. */
  section: PlanSectionKind;
  pattern: RegExp;
  explanation: string;
}

const NEGATION = String.raw`\b(?:no|not use|never use|do not use|don't use|avoid|without|ban|drop|remove)\b[^.,;\n]{0,30}`;

export const CONFLICT_RULES: ConflictRule[] = [
  {
    section: 'data-model',
    pattern: new RegExp(
      String.raw`\b(?:use|adopt|choose|chose|standardi[sz]e on|migrate to|move to)\b[^.,;\n]{0,40}\b(?:mongo(?:db)?|dynamodb|cassandra|mysql|mariadb|firestore|couchdb)\b`,
      'i',
    ),
    explanation:
      'The plan\'s data-model defaults assume PostgreSQL (row-level security, `tsvector`, `CREATE INDEX CONCURRENTLY`); this decision chose another store. Apply the constraint, indexing and migration advice in that store\'s terms, or supersede the decision.',
  },
  {
    section: 'caching',
    pattern: new RegExp(String.raw`${NEGATION}\b(?:redis|cach(?:e|es|ing))\b`, 'i'),
    explanation: 'The plan recommends a Redis cache; this decision rules caching or Redis out. Optimise the queries or add replicas instead, or supersede the decision.',
  },
  {
    section: 'jobs',
    pattern: new RegExp(String.raw`${NEGATION}\b(?:redis|bullmq|message queues?|queues?|background jobs?)\b`, 'i'),
    explanation: 'The plan moves work to a background queue; this decision rules that out. Use the mechanism the decision allows, or supersede it.',
  },
  {
    section: 'api',
    pattern: /\boffset(?:[\s-]based)?\s+pagination\b|\bpage[\s-]number\s+pagination\b/i,
    explanation: 'The plan recommends cursor pagination; this decision standardised offset or page-number pagination. Follow the decision for consistency, or supersede it for large lists.',
  },
  {
    section: 'api',
    pattern: /\b(?:use|adopt|standardi[sz]e on)\b[^.,;\n]{0,30}\bgraphql\b/i,
    explanation: 'The plan sketches resource-oriented HTTP endpoints; this decision standardised GraphQL. Express the same contract (pagination, errors, idempotency) in the GraphQL schema.',
  },
  {
    section: 'data-model',
    pattern: /\b(?:database|schema)[\s-]per[\s-]tenant\b|\b(?:separate|own|dedicated)\s+(?:database|schema)s?\s+(?:for|per)\s+(?:each|every)\s+tenant\b/i,
    explanation: 'The plan isolates tenants by `tenant_id` and row-level security in a shared schema; this decision isolates them physically. Keep the decision and drop the row-level-security advice, or supersede it.',
  },
  {
    section: 'data-flow',
    pattern: /\b(?:use|adopt|standardi[sz]e on)\b[^.,;\n]{0,30}\bweb\s?sockets?\b/i,
    explanation: 'The plan prefers Server-Sent Events for server-to-client updates; this decision chose WebSockets. Follow the decision; the fan-out, resume and authorization advice still applies.',
  },
  {
    section: 'scaling',
    pattern: /\b(?:use|adopt|standardi[sz]e on)\b[^.,;\n]{0,30}\b(?:elasticsearch|opensearch|algolia|meilisearch|typesense|solr)\b/i,
    explanation: 'The plan starts search in PostgreSQL; this decision already chose a search engine. Use it, and feed it from the outbox.',
  },
];
