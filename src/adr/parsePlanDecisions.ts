import type { ProposedDecision } from '../domain/planSchema.js';

/** The checkbox line renderPlan writes (see decisionCheckbox.ts); the number is 1-based. */
const HEAD = /^\s*[-*] \[[ xX]\] Record as ADR (\d{1,6}): (.*)$/;
const MAX_DECISIONS = 50;

/** Undo the escapes safeLine puts at the start of a line (`\#`, `\-`, `1\.`). */
function unescapeLine(text: string): string {
  return text.replace(/^\\([#+*-])/, '$1').replace(/^(\d{1,9})\\([.)])/, '$1$2').trim();
}

function paragraph(lines: string[]): string {
  return lines.join('\n').replace(/^\s*\n+|\n+\s*$/g, '').trim();
}

function parseBlock(title: string, block: string[]): ProposedDecision {
  const open = block.findIndex((l) => l.trim() === '<details>');
  const decision = paragraph(open === -1 ? block : block.slice(0, open));
  let rationale = '';
  const alternatives: string[] = [];
  if (open !== -1) {
    const inner = block.slice(open + 1);
    const close = inner.findIndex((l) => l.trim() === '</details>');
    const body = (close === -1 ? inner : inner.slice(0, close)).filter((l) => !/^\s*<summary>.*<\/summary>\s*$/.test(l));
    const alt = body.findIndex((l) => l.trim() === '**Alternatives considered**');
    rationale = paragraph(alt === -1 ? body : body.slice(0, alt));
    if (alt !== -1) {
      for (const line of body.slice(alt + 1)) {
        const m = /^\s*[-*] (.+)$/.exec(line);
        if (m?.[1]) alternatives.push(unescapeLine(m[1]));
      }
    }
  }
  return { title: unescapeLine(title), decision, rationale, alternatives };
}

/**
 * The proposed decisions of a plan comment, by their 1-based number, read back from the lines
 * renderPlan writes: the checkbox line with the title, then the indented decision and a `<details>`
 * block with the rationale and the alternatives. Text outside the indented block is not read.
 */
export function parsePlanDecisions(body: string): Map<number, ProposedDecision> {
  const lines = String(body).replace(/\r\n?/g, '\n').split('\n');
  const out = new Map<number, ProposedDecision>();
  for (let i = 0; i < lines.length && out.size < MAX_DECISIONS; i++) {
    const m = HEAD.exec(lines[i] ?? '');
    if (!m?.[1] || m[2] === undefined) continue;
    const block: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] ?? '';
      if (HEAD.test(line)) break;
      if (line.trim() !== '' && !line.startsWith('  ')) break;
      block.push(line.slice(2));
    }
    const n = Number(m[1]);
    if (!out.has(n)) out.set(n, parseBlock(m[2], block));
    i = j - 1;
  }
  return out;
}
