import type { Subject } from '../domain/Model.js';

/** A local issue text → the subject the core works on: the first `# heading` (or first line) is the title. */
export function issueSubject(text: string): Subject {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = normalized.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return { kind: 'issue', title: '', body: '', comments: [] };
  const heading = /^#{1,6}\s+(.*)$/.exec(lines[first]!.trim());
  const title = (heading ? heading[1]! : lines[first]!).trim();
  const body = lines.slice(first + 1).join('\n').trim();
  return { kind: 'issue', title, body, comments: [] };
}
