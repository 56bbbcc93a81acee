import type { Playbook } from '../Playbook.js';

export const piiPlaybook: Playbook = {
  shape: 'personal data is classified, kept only as long as a stated retention period, redacted from logs and reachable by one export and erasure path',
  driver: 'Personal data must be minimised, protected and erasable on request within the legal deadline.',
  assumptions: ['Personal data is processed under GDPR-like rules: a lawful basis, retention limits and data subject rights.'],
  sections: {
    'data-model': {
      items: [
        'Personal fields are listed in a data inventory (table, column, class, retention) so export and erasure can find every copy.',
        'Highly sensitive fields (national ids, health data) are encrypted in the application with keys held in a KMS; values needed only for lookup are stored as keyed hashes.',
        'Each data class has a retention period (e.g. raw access logs 30 days, account data for the account\'s life plus 30 days) enforced by a purge job.',
      ],
      questions: ['Which personal data is stored, on what lawful basis, and for how long?'],
    },
    auth: {
      items: ['Reads of personal data by staff are need-to-know and audit-logged (who, which record, when).'],
    },
    jobs: {
      onlyIfPresent: true,
      items: ['A data subject request job exports (JSON) or erases one person\'s data across tables, caches, search indexes and files, well within the 30-day legal deadline.'],
    },
    monitoring: {
      items: ['The logger works from an allow-list of fields and redacts emails, phone numbers and tokens; error reports are scrubbed the same way.'],
    },
  },
  risks: [
    {
      risk: 'Personal data leaks into logs, analytics or error reports and outlives its retention period.',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'Allow-listed structured logging, scrubbing in the error tracker, and a test that fails when a known email appears in captured logs.',
    },
  ],
  openQuestions: ['In which regions must personal data be stored and processed?'],
  checklists: {
    implementation: ['Data inventory updated; export and erasure cover every new table, cache, index and file'],
    security: [
      'Sensitive personal fields encrypted at field level, keys in a KMS',
      'Logs, traces and error reports redact personal data',
    ],
    reliability: ['Retention purge job scheduled and monitored'],
  },
  decisions: [
    {
      title: 'Enforce retention periods and one erasure path for personal data',
      decision:
        'Every class of personal data has a documented retention period enforced by a purge job, and one erasure routine removes a person\'s data from all stores.',
      rationale: 'Data that is not kept cannot leak, and erasure requests must be answered within the legal deadline.',
      alternatives: ['Keep data indefinitely and erase by hand on request', 'Anonymise in place instead of deleting'],
      good: ['Smaller exposure in a breach', 'Erasure requests handled by a tested routine'],
      bad: ['Every new table or store must be registered in the inventory', 'Historical analysis loses deleted records'],
      confirmation: 'A test creates a user with data in every store, runs the erasure routine and asserts nothing remains.',
    },
  ],
};
