/** A line visible on the new (right) side of a patch: added, or unchanged context. */
export interface NewSideLine {
  line: number;
  text: string;
  added: boolean;
}

const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * The new-side lines a patch shows, in order. A hand-rolled scan rather than parse-diff because rules and
 * comment placement call it on every file and only need line numbers and text. Hunk bodies are read by
 * their counts, so a trailing newline or junk after the last hunk adds no line.
 */
export function newSideLines(patch: string): NewSideLine[] {
  const out: NewSideLine[] = [];
  let next = 0;
  let oldLeft = 0;
  let newLeft = 0;
  for (const raw of patch.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (oldLeft <= 0 && newLeft <= 0) {
      const header = line.startsWith('@@') ? HUNK_HEADER.exec(line) : null;
      if (header) {
        oldLeft = header[1] === undefined ? 1 : Number(header[1]);
        next = Number(header[2]);
        newLeft = header[3] === undefined ? 1 : Number(header[3]);
      }
      continue;
    }
    const c = line[0];
    if (c === '+') {
      out.push({ line: next++, text: line.slice(1), added: true });
      newLeft--;
    } else if (c === '-') {
      oldLeft--; // old side only
    } else if (c !== '\\') {
      // Context; an empty line is context whose leading space was stripped by an editor.
      out.push({ line: next++, text: line.slice(1), added: false });
      oldLeft--;
      newLeft--;
    }
  }
  return out;
}
