import { PROJECT_DOCS_URL } from './projectDocsUrl.js';

/**
 * The link a finding of one of our rules carries: its section of our docs (a project-relative path that
 * sourceLabel makes absolute) once those docs are published, until then the public page the rule cites
 * (OWASP, the Postgres manual, ...), so every finding links a page that exists.
 */
export function ruleLink(ownDoc: string, reference: string, docsBase: string | undefined = PROJECT_DOCS_URL): string {
  return docsBase ? ownDoc : reference;
}
