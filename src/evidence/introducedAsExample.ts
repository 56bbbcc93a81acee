/** A comment line: the start of the line is a comment marker (JSDoc's `*`, `//`, `#`, `--`, `/*`, `<!--`, `;`). */
const COMMENT_START = /^\s*(?:\*|\/\/|\/\*|#|--|<!--|;)/;
/** How documentation introduces a sample value: "e.g.", "for example", "example:", "such as", "looks like". */
const INTRODUCED = /\b(?:e\.g\.|i\.e\.|for (?:example|instance)|examples?\b|such as|looks? like|will be like)/i;

/**
 * Whether the value at `at` in `text` is documentation's sample: on a comment line, after words that
 * introduce an example (`* e.g.) shpat_...` in a token format's description). A key pasted into a comment
 * without such words is still reported, and so is any key in code.
 */
export function introducedAsExample(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const before = text.slice(lineStart, at);
  return COMMENT_START.test(before) && INTRODUCED.test(before);
}
