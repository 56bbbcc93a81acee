import type { Command } from '../../domain/commands.js';
import type { ChecklistItems } from './Playbook.js';

export interface FocusExtra {
  /** Appended to the summary so the reader knows which lens was applied. */
  note: string;
  checklists: ChecklistItems;
}

/** What a plan asked for through another command (`/agency:security` ...) adds to the checklists. */
export const FOCUS_EXTRAS: Partial<Record<Command, FocusExtra>> = {
  security: {
    note: 'Security focus: the security checklist leads.',
    checklists: {
      security: [
        'Threat model of the new data flows (spoofing, tampering, disclosure, elevation) with each mitigation recorded',
        'Dependency and secret scanning run in CI and block on high-severity findings',
      ],
    },
  },
  optimize: {
    note: 'Performance focus: measure before changing anything.',
    checklists: {
      performance: [
        'Slowest endpoints and queries identified from production traces and `pg_stat_statements` before any change',
        'The same load test run before and after, comparing p95 and throughput',
      ],
    },
  },
  test: {
    note: 'Testing focus: the implementation checklist lists the test layers.',
    checklists: {
      implementation: [
        'Unit tests for domain rules, integration tests against real PostgreSQL and Redis, contract tests against the OpenAPI description',
        'A load test at 2× expected peak (k6 or Artillery) before launch',
      ],
    },
  },
  document: {
    note: 'Documentation focus: the implementation checklist lists the documents to ship.',
    checklists: {
      implementation: ['OpenAPI description, a runbook per alert, and an ADR for each accepted decision'],
    },
  },
  refactor: {
    note: 'Refactoring focus: change structure in small, behaviour-preserving steps.',
    checklists: {
      implementation: ['Characterization tests pin current behaviour before code moves; small PRs behind unchanged interfaces'],
    },
  },
};
