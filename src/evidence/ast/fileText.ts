/** What the rules ask of one file's text, worked out once for the file rather than once per rule. */
export interface FileText {
  source: string;
  /**
   * Whether the text holds a character outside the Basic Multilingual Plane (an emoji): JavaScript's `.`
   * and negated classes (without the `u` flag) take half of it where Rust's take all of it, so a text
   * test could miss what a rule matches. Such a file gets no text test and no pruning.
   */
  outsideBmp: boolean;
  /** Per rule regex (ast-grep syntax), whether the text lacks it: filled in by compileRuleFor as rules ask. */
  lacks: Map<string, boolean>;
}

let last: FileText | undefined;

/**
 * The facts of the file's text. The rules ask about one file after another (each rule of the file in
 * turn), so only the last file's are kept: no memory held past the file, and no context to pass along.
 */
export function fileText(source: string): FileText {
  if (last?.source !== source) last = { source, outsideBmp: /[\ud800-\udfff]/.test(source), lacks: new Map() };
  return last;
}
