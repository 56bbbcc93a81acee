import type { Playbook } from '../Playbook.js';

export const apiPlaybook: Playbook = {
  shape: 'a versioned OpenAPI contract with cursor pagination, idempotent creates and one error format',
  driver: 'Clients need a stable, documented contract they can retry safely.',
  sections: {
    api: {
      items: ['The OpenAPI description is the contract: reviewed before the handlers, clients generated from it, and contract tests in CI.'],
    },
  },
  checklists: {
    implementation: ['Contract tests check responses against the OpenAPI description'],
  },
  decisions: [
    {
      title: 'Publish an OpenAPI contract and use cursor pagination for list endpoints',
      decision:
        'Each endpoint is described in OpenAPI 3.1 before it is built; list endpoints use opaque cursors with a default page size of 50 and a maximum of 200.',
      rationale: 'A reviewed contract lets clients build in parallel, and cursor pagination keeps deep pages cheap and stable.',
      alternatives: ['Code-first with documentation written afterwards', 'Offset pagination with page numbers'],
      good: ['Contract review before code; generated clients and tests', 'Constant-cost pagination'],
      bad: ['The description must be kept in sync (contract tests)', 'No jumping to an arbitrary page'],
      confirmation: 'CI validates responses against the OpenAPI description and lints it for breaking changes.',
    },
  ],
};
