/**
 * A problem with one agent file. The message always starts with the file (`source`) and names the
 * offending `field`, so a repo owner can fix it from the comment alone.
 */
export class AgentError extends Error {
  override readonly name = 'AgentError';
  /** Where the agent came from: a file path or `repo:.agency/agents/x.md`. */
  readonly source: string;
  /** The front matter field at fault, or a part of the file: `front matter`, `body`, `file`. */
  readonly field: string;
  /** 1-based line in the file, when known (YAML syntax errors). */
  readonly line: number | undefined;

  constructor(source: string, field: string, detail: string, options: { line?: number; cause?: unknown } = {}) {
    super(`${source}: ${detail}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.source = source;
    this.field = field;
    this.line = options.line;
  }
}
