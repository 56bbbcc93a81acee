import { parse } from 'yaml';

export interface FrontMatterSplit {
  /** The front matter as a plain object; empty when absent or not valid YAML. */
  data: Record<string, unknown>;
  body: string;
}

const OPEN = /^---[ \t]*\n/;
const CLOSE = /\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;
/** Real front matter is a few lines; a huge block is not worth parsing. */
const MAX_YAML_CHARS = 64_000;

/**
 * Front matter by hand with the `yaml` package (core schema: no code execution, dates stay
 * strings, alias expansion bounded). Never throws: bad YAML leaves `data` empty.
 */
export function splitFrontMatter(text: string): FrontMatterSplit {
  if (!OPEN.test(text)) return { data: {}, body: text };
  const start = text.indexOf('\n') + 1;
  const close = CLOSE.exec(text.slice(start - 1));
  if (!close) return { data: {}, body: text };
  const yamlText = text.slice(start, start - 1 + close.index);
  const body = text.slice(start - 1 + close.index + close[0].length);
  if (yamlText.length > MAX_YAML_CHARS) return { data: {}, body };
  try {
    const value: unknown = parse(yamlText, { schema: 'core', maxAliasCount: 50, prettyErrors: false, logLevel: 'silent', uniqueKeys: false });
    const data = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    return { data, body };
  } catch {
    return { data: {}, body };
  }
}
