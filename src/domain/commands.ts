/** The agency commands, in the order `help` lists them. */
export const COMMANDS = ['plan', 'review', 'adr', 'optimize', 'test', 'document', 'refactor', 'security', 'help'] as const;
export type Command = (typeof COMMANDS)[number];

/** One line per command, used by `help` and the README. */
export const COMMAND_SUMMARIES: Record<Command, string> = {
  plan: 'Architecture plan for this issue: data model, API, auth, data flow, caching, jobs, errors, monitoring, scaling, trade-offs, risks, checklists.',
  review: 'Backend review of this pull request: findings by severity with linter evidence, inline comments, checklist.',
  adr: 'Record an Architecture Decision Record: `/agency:adr <title>`, `/agency:adr accept <n>`, `/agency:adr supersede <n> <title>`.',
  optimize: 'Performance pass: queries, indexes, N+1, caching, payload sizes, hot paths.',
  test: 'Testing strategy: unit, integration, contract and load tests for the change.',
  document: 'Documentation pass: API contract, OpenAPI, runbooks, architecture notes.',
  refactor: 'Refactoring pass: boundaries, coupling, duplication, simpler designs.',
  security: 'Security pass: authn/authz, input validation, secrets, injection, data exposure.',
  help: 'List the commands and who may run them.',
};

export function isCommand(value: string): value is Command {
  return (COMMANDS as readonly string[]).includes(value);
}
