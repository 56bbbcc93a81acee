export interface MarkdownSection {
  level: number;
  heading: string;
  /** The lines between this heading and the next heading of any level. */
  lines: string[];
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** ATX headings of a Markdown text with the text under each; headings inside code fences are text. */
export function markdownSections(text: string): MarkdownSection[] {
  const sections: MarkdownSection[] = [];
  let current: MarkdownSection = { level: 0, heading: '', lines: [] };
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const f = FENCE.exec(line);
    if (f?.[1]) {
      if (!fence) fence = f[1];
      else if (f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
    }
    const h = fence || f ? undefined : HEADING.exec(line);
    if (h?.[1]) {
      sections.push(current);
      current = { level: h[1].length, heading: (h[2] ?? '').trim(), lines: [] };
    } else {
      current.lines.push(line);
    }
  }
  sections.push(current);
  return sections;
}
