import { EXPAND_CONTRACT_DECISION } from '../basePlaybook.js';
import type { Playbook } from '../Playbook.js';

export const persistencePlaybook: Playbook = {
  shape: 'the schema is constrained and indexed for its query paths and evolves through expand/contract migrations',
  driver: 'Data must stay consistent, and schema changes must not cause downtime.',
  sections: {
    'data-model': {
      items: [
        'Backups with point-in-time recovery (RPO at most 5 min, RTO at most 1 h) and a restore rehearsed every quarter.',
        'Optimistic locking (`version` column) for records edited concurrently; `SELECT ... FOR UPDATE` only for short, ordered critical sections.',
      ],
    },
  },
  checklists: {
    reliability: ['Point-in-time recovery enabled and a restore tested'],
  },
  decisions: [EXPAND_CONTRACT_DECISION],
};
