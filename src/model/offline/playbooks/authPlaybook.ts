import type { Playbook } from '../Playbook.js';

export const authPlaybook: Playbook = {
  shape: 'identity stays with the existing provider and every access is checked by one deny-by-default policy layer',
  driver: 'Every access must be authenticated and authorized on the object it touches.',
  sections: {
    auth: {
      lead: 'Keep identity with the existing provider and add authorization as one tested policy layer.',
      items: [
        'Passwords, where they exist, hashed with Argon2id (or bcrypt with cost 12 or more); login limited to 5 failed attempts per account per 15 min, plus per-IP limits.',
        'Session cookies `HttpOnly`, `Secure`, `SameSite=Lax`; idle timeout 30 min and an absolute lifetime of 12 h for privileged sessions; session id rotated at login.',
        'API keys, where they exist: shown once, stored as a SHA-256 hash, prefixed so secret scanners recognise them, scoped and revocable.',
      ],
      questions: [
        'Is multi-factor authentication required for any role?',
        'Do enterprise customers need SSO (SAML or OIDC)?',
      ],
    },
    monitoring: {
      items: ['Failed logins, lockouts and permission denials counted per minute, alerting on spikes (credential stuffing).'],
    },
  },
  tradeOffs: [
    {
      topic: 'Session representation',
      options: [
        {
          name: 'Opaque server-side sessions',
          pros: ['Instant revocation', 'Small cookie, nothing sensitive on the client'],
          cons: ['A session store lookup per request'],
        },
        {
          name: 'Short-lived JWT access tokens with rotating refresh tokens',
          pros: ['No lookup per request', 'Works across services and for API clients'],
          cons: ['Revocation waits for expiry', 'Key rotation and claim bloat to manage'],
        },
      ],
      choice: 'Opaque server-side sessions',
      rationale: 'For a first-party web app, instant revocation matters more than a cached lookup; JWTs fit service-to-service and third-party API clients.',
    },
  ],
  risks: [
    {
      risk: 'Broken object-level authorization: a user reads or edits another user\'s record by changing an id.',
      likelihood: 'medium',
      impact: 'high',
      mitigation: 'Object checks in one policy layer and a test per endpoint with a caller who does not own the record.',
    },
  ],
  openQuestions: ['Which roles exist and what may each of them do?'],
  checklists: {
    implementation: ['Permission matrix (roles × actions) written down and mirrored by tests'],
    security: [
      'An authorization test per endpoint for allowed and denied callers',
      'Login, password reset and token endpoints rate-limited',
    ],
    reliability: ['Identity provider outage handled: existing sessions keep working until expiry'],
  },
  decisions: [
    {
      title: 'Centralize authorization checks in one policy layer',
      decision:
        'All authorization decisions go through one policy module per resource type, called from the service layer for every read and write; the default answer is deny.',
      rationale: 'Scattered checks are where object-level authorization bugs hide; one layer can be reviewed and tested as a matrix.',
      alternatives: ['Checks in each route handler', 'A policy engine service such as OPA'],
      good: ['One place to review and test access rules', 'New endpoints are denied until a rule allows them'],
      bad: ['The policy layer must know enough about each resource to decide', 'Some duplication with database row-level rules'],
      confirmation: 'A test enumerates routes and fails when one is not covered by a policy test.',
    },
  ],
};
