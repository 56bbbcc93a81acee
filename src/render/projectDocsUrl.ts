/**
 * Where this project's docs are published, for links to our own rule docs (`docs/rules.md#<id>`). The
 * repository of the product, not the one under review. Change it here if the project moves.
 */
export const PROJECT_DOCS_URL = 'https://github.com/agency-architect/agency-architect/blob/main/';
