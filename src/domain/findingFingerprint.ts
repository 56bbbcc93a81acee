import type { Finding } from './findingSchema.js';

/** Same file, line and concern = the same finding, whoever found it; used to merge and to never repeat. */
export function findingFingerprint(f: Pick<Finding, 'path' | 'line' | 'source' | 'category'>): string {
  return `${f.path ?? '-'}:${f.line ?? '-'}:${f.source.kind === 'model' ? f.category : f.source.id}`;
}

const HIDDEN = /<!-- agency-finding:([^\s>]+) -->/;

/** Inline comments carry their fingerprint hidden, so a re-review can tell what it already said. */
export function hiddenFingerprint(fingerprint: string): string {
  return `<!-- agency-finding:${encodeURIComponent(fingerprint)} -->`;
}

export function readHiddenFingerprint(body: string): string | undefined {
  const m = HIDDEN.exec(body);
  return m ? decodeURIComponent(m[1]!) : undefined;
}
