import type { Finding } from '../domain/findingSchema.js';
import { codeBlock } from './codeBlock.js';
import { joinSections } from './limitBody.js';
import { safeLine, safeText, type SafeTextOptions } from './safeText.js';
import { severityLabel } from './severityLabel.js';
import { sourceLabel } from './sourceLabel.js';

/**
 * The body of one inline review comment. A suggestion is committed by GitHub exactly as written, so
 * it is never altered and never cut: under the size limit it is dropped whole, not shortened.
 */
export function renderFindingComment(finding: Finding, opts: SafeTextOptions = {}): string {
  const sections = [
    `**${severityLabel(finding.severity)}: ${safeLine(finding.title, opts)}**`,
    safeText(finding.body, opts),
    finding.suggestion === null ? '' : codeBlock(finding.suggestion, 'suggestion'),
    `<sub>Source: ${sourceLabel(finding.source)}${finding.category ? ` · ${safeLine(finding.category, opts)}` : ''}</sub>`,
  ];
  return joinSections(sections);
}
