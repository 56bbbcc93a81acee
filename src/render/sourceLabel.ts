import type { FindingSource } from '../domain/findingSchema.js';
import { PROJECT_DOCS_URL } from './projectDocsUrl.js';
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
export function sourceLabel(source: FindingSource): string {
  const name = KIND_NAMES[source.kind];
  if (source.kind === 'model') return source.id && source.id !== 'judgment' ? `${name} (${codeSpan(source.id)})` : name;
  const id = codeSpan(source.id);
  const url = docUrl(source);
  return url ? `${name} [${id}](${url})` : `${name} ${id}`;
}

function docUrl(source: FindingSource): string | undefined {
  if (source.kind === 'model' || !source.url) return undefined;
  try {
    // Our rules link their section of our docs by a project-relative path (docs/rules.md#<id>).
    const url = /^docs\/[\w./-]+\.md(?:#[\w-]+)?$/.test(source.url) ? new URL(source.url, PROJECT_DOCS_URL) : new URL(source.url);
    return url.protocol === 'https:' ? url.href.replace(/\(/g, '%28').replace(/\)/g, '%29') : undefined;
  } catch {
    return undefined;
  }
}
