import { relocate, type OpenFinding } from '../core/openFindings.js';
import type { PullFile } from '../github/GitHub.js';

export interface CarryInput {
  /** What changed since the last reviewed sha (the compare, before filtering to the PR's files). */
  changed: PullFile[];
  /** Paths of the pull request at the head; undefined when GitHub's list was cut (then not checked). */
  inPull: Set<string> | undefined;
  /** A file's text at the head sha; undefined when absent. */
  readAtHead: (path: string) => Promise<string | undefined>;
}

/**
 * The earlier findings still present at the head: kept as they are when their file did not change,
 * moved with their line when it did and the line's text is still there, dropped when the file was
 * removed or left the pull request, or the line's text is gone (fixed). One read per changed file.
 */
export async function carryForward(open: OpenFinding[], input: CarryInput): Promise<OpenFinding[]> {
  const texts = new Map<string, Promise<string[] | undefined>>();
  const linesOf = (path: string) => {
    let p = texts.get(path);
    if (!p) {
      p = input.readAtHead(path).then((t) => t?.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)));
      texts.set(path, p);
    }
    return p;
  };
  const kept: OpenFinding[] = [];
  for (const o of open) {
    const change = input.changed.find((c) => c.path === o.path || (c.status === 'renamed' && c.previousPath === o.path));
    if (!change) {
      if (!input.inPull || input.inPull.has(o.path)) kept.push(o);
      continue;
    }
    if (change.status === 'removed' || (input.inPull && !input.inPull.has(change.path))) continue;
    const lines = await linesOf(change.path);
    const line = lines ? relocate(o, lines) : undefined;
    if (line === undefined) continue;
    const shift = line - o.line;
    kept.push({ ...o, path: change.path, line, ...(o.endLine !== undefined ? { endLine: o.endLine + shift } : {}) });
  }
  return kept;
}
