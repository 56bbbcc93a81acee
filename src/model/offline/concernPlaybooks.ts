import type { Concern } from './concernRules.js';
import type { Playbook } from './Playbook.js';
import { apiPlaybook } from './playbooks/apiPlaybook.js';
import { asyncJobsPlaybook } from './playbooks/asyncJobsPlaybook.js';
import { authPlaybook } from './playbooks/authPlaybook.js';
import { cachingPlaybook } from './playbooks/cachingPlaybook.js';
import { filesPlaybook } from './playbooks/filesPlaybook.js';
import { integrationsPlaybook } from './playbooks/integrationsPlaybook.js';
import { multiTenancyPlaybook } from './playbooks/multiTenancyPlaybook.js';
import { notificationsPlaybook } from './playbooks/notificationsPlaybook.js';
import { paymentsPlaybook } from './playbooks/paymentsPlaybook.js';
import { persistencePlaybook } from './playbooks/persistencePlaybook.js';
import { piiPlaybook } from './playbooks/piiPlaybook.js';
import { rateLimitingPlaybook } from './playbooks/rateLimitingPlaybook.js';
import { realTimePlaybook } from './playbooks/realTimePlaybook.js';
import { reportingPlaybook } from './playbooks/reportingPlaybook.js';
import { searchPlaybook } from './playbooks/searchPlaybook.js';

/** The offline engine's advice per concern. */
export const CONCERN_PLAYBOOKS: Record<Concern, Playbook> = {
  payments: paymentsPlaybook,
  'multi-tenancy': multiTenancyPlaybook,
  pii: piiPlaybook,
  auth: authPlaybook,
  'real-time': realTimePlaybook,
  files: filesPlaybook,
  reporting: reportingPlaybook,
  search: searchPlaybook,
  notifications: notificationsPlaybook,
  integrations: integrationsPlaybook,
  'async-jobs': asyncJobsPlaybook,
  caching: cachingPlaybook,
  'rate-limiting': rateLimitingPlaybook,
  persistence: persistencePlaybook,
  api: apiPlaybook,
};
