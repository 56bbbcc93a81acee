import type { Finding } from '../domain/findingSchema.js';

/** The public write-up of the attack, linked by the finding. */
export const TROJAN_SOURCE_REFERENCE = 'https://trojansource.codes/';

/** A finding for invisible or bidirectional characters in a changed file (CVE-2021-42574, "trojan source"). */
export function trojanSourceFinding(path: string, found: { char: string; count: number }[]): Finding {
  const list = found.map((f) => `${f.char} ×${f.count}`).join(', ');
  return {
    severity: 'major',
    category: 'security',
    title: 'Invisible or bidirectional Unicode characters in the change',
    body:
      `The diff of this file contains characters a reader does not see: ${list}. Bidirectional overrides and ` +
      'isolates can make code read differently from how it compiles ("trojan source", CVE-2021-42574), and ' +
      'zero-width characters can hide instructions or make identifiers look alike. They are shown here as ' +
      '`[U+…]` tokens. Remove them unless the file needs them (and then escape them).',
    path,
    line: null,
    endLine: null,
    suggestion: null,
    source: { kind: 'rule', id: 'invisible-unicode', url: TROJAN_SOURCE_REFERENCE },
  };
}
