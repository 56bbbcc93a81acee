import type { Playbook } from '../Playbook.js';

export const searchPlaybook: Playbook = {
  shape: 'search starts in PostgreSQL (full-text `tsvector` plus trigram indexes) with clear thresholds for moving to a dedicated engine',
  driver: 'Search must return relevant, permission-filtered results quickly without adding infrastructure before it pays off.',
  sections: {
    'data-model': {
      items: [
        'PostgreSQL full-text search first: a generated `tsvector` column with a GIN index, and `pg_trgm` GIN indexes for fuzzy and prefix matches on names.',
      ],
      questions: ['Which fields are searched, in which languages, and is typo tolerance or faceting required?'],
    },
    api: {
      items: [
        '`GET /v1/search?q=` with a query length of 2 to 200 characters, 20 results per page by default (maximum 100), and the caller\'s access filters applied inside the query.',
      ],
    },
    'data-flow': {
      onlyIfPresent: true,
      items: ['If a search engine is added, index updates flow from the outbox to an indexer; the index is a projection that can always be rebuilt from the database.'],
    },
    scaling: {
      items: [
        'Move to a dedicated engine (OpenSearch, Meilisearch, Typesense) when the corpus passes about 5 to 10 million documents, search p95 exceeds 200 ms, or relevance needs (synonyms, typos, boosts, facets) outgrow PostgreSQL.',
      ],
      questions: ['How many documents and searches per second are expected, and what p95 latency is acceptable?'],
    },
    monitoring: {
      items: ['Search latency p95, zero-result rate and click-through on the first page, to judge relevance.'],
    },
  },
  tradeOffs: [
    {
      topic: 'Search engine',
      options: [
        {
          name: 'PostgreSQL full-text search and trigrams',
          pros: ['No new infrastructure; always consistent with the data', 'Permission filters in the same query'],
          cons: ['Limited relevance tuning', 'Slower past several million documents'],
        },
        {
          name: 'A dedicated search engine',
          pros: ['Typo tolerance, synonyms, facets, fast at scale'],
          cons: ['A second store to sync and secure', 'Index lag and reindexing to operate'],
        },
      ],
      choice: 'PostgreSQL full-text search and trigrams',
      rationale: 'Start where the data lives; move when the thresholds in the scaling section are reached.',
    },
  ],
  risks: [
    {
      risk: 'Search returns records the user may not see.',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'Apply the same account and permission filters inside the search query (or as indexed filter fields), covered by tests.',
    },
  ],
  openQuestions: ['What does a good result look like for the main queries, and who judges relevance?'],
  checklists: {
    implementation: ['Search index rebuildable from the database with one command'],
    security: ['Search results filtered by the caller\'s permissions, with a test'],
    performance: ['GIN indexes on the `tsvector` and trigram columns; search p95 under 200 ms at expected volume'],
  },
  decisions: [
    {
      title: 'Start with PostgreSQL full-text search before a dedicated engine',
      decision:
        'Search uses PostgreSQL full-text and trigram indexes; a dedicated engine is considered only past the documented volume, latency or relevance thresholds.',
      rationale: 'It avoids a second store to sync and secure until search needs justify it.',
      alternatives: ['OpenSearch or Elasticsearch from the start', 'A hosted search service'],
      good: ['No sync lag; permission filters in one query', 'No new infrastructure'],
      bad: ['Weaker relevance tuning', 'A migration later if the thresholds are reached'],
      confirmation: 'A benchmark on production-sized data checks search p95 each quarter against the 200 ms threshold.',
    },
  ],
};
