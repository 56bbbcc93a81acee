import type { FindingSource } from '../domain/findingSchema.js';
import { PROJECT_DOCS_URL } from '../domain/projectDocsUrl.js';
import { codeSpan } from './safeText.js';

const KIND_NAMES: Record<FindingSource['kind'], string> = {
  squawk: 'squawk',
  secretlint: 'secretlint',
  rule: 'rule',
  model: 'model judgment',
};

/**
 * Who produced a finding, e.g. ``squawk [`adding-required-field`](https://…)``. Only evidence
 * sources (set by our code) are linked; a model-written source could point anywhere.
 */
export function sourceLabel(source: FindingSource, docsBase: string | undefined = PROJECT_DOCS_URL): string {
  const name = KIND_NAMES[source.kind];
  if (source.kind === 'model') return source.id && source.id !== 'judgment' ? `${name} (${codeSpan(source.id)})` : name;
  const id = codeSpan(source.id);
  const url = docUrl(source, docsBase);
  return url ? `${name} [${id}](${url})` : `${name} ${id}`;
}

function docUrl(source: FindingSource, docsBase: string | undefined): string | undefined {
  if (source.kind === 'model' || !source.url) return undefined;
  try {
    // Our rules link their section of our docs by a project-relative path (docs/rules.md#<id>), only
    // when the project's docs are published somewhere.
    const own = /^docs\/[\w./-]+\.md(?:#[\w-]+)?$/.test(source.url);
    if (own && !docsBase) return undefined;
    const url = own ? new URL(source.url, docsBase) : new URL(source.url);
    return url.protocol === 'https:' ? url.href.replace(/\(/g, '%28').replace(/\)/g, '%29') : undefined;
  } catch {
    return undefined;
  }
}
