import { safeLine } from './safeText.js';

/**
 * Notices added after a comment was rendered (a write of the same plan that GitHub refused), placed
 * where renderPreamble puts notices: right under the heading.
 */
export function insertNotices(body: string, notices: readonly string[]): string {
  if (notices.length === 0) return body;
  const lines = notices.map((n) => `> ℹ️ ${safeLine(n)}`).join('\n\n');
  const heading = /^## [^\n]*\n/.exec(body);
  if (!heading) return `${lines}\n\n${body}`;
  const rest = body.slice(heading[0].length).replace(/^\n+/, '');
  return `${heading[0]}\n${lines}\n\n${rest}`;
}
