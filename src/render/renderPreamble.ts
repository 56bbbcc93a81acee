import type { RenderMeta } from './RenderMeta.js';
import { safeLine, safeText, type SafeTextOptions } from './safeText.js';

/**
 * The top of a comment: heading, notices (what the reader must know first, e.g. hidden content
 * removed or a config fallback) and what changed since the last run. Changes are a quote, not a
 * list, so the next run's change summary does not count them as points of the plan.
 */
export function renderPreamble(
  heading: string,
  meta: Pick<RenderMeta, 'notices' | 'changes'>,
  opts: SafeTextOptions,
  lines: string[] = [],
): string {
  const parts = [`## ${heading}`];
  if (lines.length > 0) parts.push(lines.join('\n'));
  for (const notice of meta.notices ?? []) {
    const text = notice.trim();
    if (text === '') continue;
    // A one-line notice reads as a callout; a longer one (a config error report) keeps its own layout.
    parts.push(text.includes('\n') ? safeText(text, opts) : `> ℹ️ ${safeLine(text, opts)}`);
  }
  const changes = (meta.changes ?? []).map((c) => c.trim()).filter((c) => c !== '');
  if (changes.length > 0) {
    parts.push(['> 🔄 **Changes since the last run**', ...changes.map((c) => `> ${safeLine(c, opts)}`)].join('\\\n'));
  }
  return parts.join('\n\n');
}
