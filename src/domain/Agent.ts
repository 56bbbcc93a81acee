/** An agent definition: front matter fields plus the Markdown body used as the system prompt. */
export interface Agent {
  name: string;
  description: string;
  /** The Markdown body: the system prompt. */
  prompt: string;
  /** Where it came from, for error messages: a file path or `repo:.agency/agents/x.md`. */
  source: string;
  tools?: unknown;
  skills?: string[];
  color?: string;
  category?: string;
  version?: string;
  /** Agency commands this agent serves; empty = all. */
  commands?: string[];
}
