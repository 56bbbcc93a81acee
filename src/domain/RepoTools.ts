/** A tool the model may call: name, description and JSON Schema of its input (the Messages API's shape). */
export interface ToolDefinition {
  name: string;
  description: string;
  input_schema: { type: 'object'; properties: Record<string, unknown>; required?: string[]; additionalProperties?: boolean };
}

export interface ToolUsage {
  calls: number;
  bytes: number;
  cacheHits: number;
  /** Requests the limits turned away: what was not read, for the footer. */
  refused: string[];
}

/** Read-only tools over one repository for one job: bounded, logged, results cached. */
export interface RepoTools {
  definitions: ToolDefinition[];
  run(name: string, input: unknown): Promise<{ text: string; isError: boolean }>;
  usage(): ToolUsage;
  /** Records a call the model loop turned away (e.g. the token limit), for the footer. */
  refuse(what: string): void;
  /** Input tokens the tool loop may spend in total (the first call included). */
  maxTokens: number;
}
