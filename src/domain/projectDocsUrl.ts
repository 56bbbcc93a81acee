/**
 * Where this project's docs are published, for links to our own rule docs (`docs/rules.md#<id>`): the
 * product's repository (`<repository>/blob/main/`), not the one under review. Undefined while package.json
 * names no `repository`: a finding then links the public reference its rule cites instead (see ruleLink),
 * never a site that does not exist. Set it here when the project is published.
 */
export const PROJECT_DOCS_URL: string | undefined = undefined;
