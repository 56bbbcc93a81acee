import type { Agent } from '../domain/Agent.js';
import { AgentError } from './AgentError.js';
import { AgentFrontMatterSchema, FIELD_EXPECTATIONS } from './agentFrontMatterSchema.js';
import { describeValue } from './describeValue.js';
import { firstHeadingName, firstParagraph } from './markdownSummary.js';
import { readFrontMatter } from './readFrontMatter.js';
import { repairMojibake } from './repairMojibake.js';

/** `/agency:plan`, `/plan` and `Plan` all mean the command `plan`. */
function normalizeCommand(command: string): string {
  return command
    .trim()
    .toLowerCase()
    .replace(/^\/(?:agency:)?/, '');
}

/** Windows and old Mac line endings become LF; a UTF-8 byte order mark goes. */
function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * Read one agent file: YAML front matter (validated) and the Markdown body, which becomes the system
 * prompt. Files without front matter are accepted too: the name comes from the first heading, the
 * description from the first paragraph. Throws `AgentError` naming `source` and the field at fault.
 */
export function parseAgent(text: string, source: string): Agent {
  const { data, body, versionText } = readFrontMatter(repairMojibake(normalizeText(text)), source);

  const result = AgentFrontMatterSchema.safeParse(data ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = String(issue?.path[0] ?? 'front matter');
    const expectation = FIELD_EXPECTATIONS[field] ?? `is invalid: ${issue?.message ?? 'unknown problem'}`;
    throw new AgentError(source, field, `front matter field "${field}" ${expectation} (got ${describeValue(data?.[field])})`);
  }
  const fields = result.data;

  const prompt = body.trim();
  if (prompt === '') {
    throw new AgentError(source, 'body', 'the Markdown body (the system prompt) is empty');
  }

  const name = fields.name ?? firstHeadingName(prompt) ?? fileName(source).replace(/\.md$/i, '');
  const description = fields.description ?? firstParagraph(prompt);
  if (description === undefined) {
    throw new AgentError(
      source,
      'description',
      'no description: add a "description" front matter field or a paragraph of prose to the body',
    );
  }

  const agent: Agent = { name, description, prompt, source };
  if (fields.tools !== undefined && fields.tools !== null) agent.tools = fields.tools;
  if (fields.skills !== undefined) agent.skills = fields.skills;
  if (fields.color !== undefined) agent.color = fields.color;
  if (fields.category !== undefined) agent.category = fields.category;
  if (fields.version !== undefined) {
    agent.version = typeof fields.version === 'number' ? (versionText ?? String(fields.version)) : fields.version;
  }
  if (fields.commands !== undefined) agent.commands = [...new Set(fields.commands.map(normalizeCommand))];
  return agent;
}

/** The last segment of a path or `repo:` source, either separator. */
function fileName(source: string): string {
  return source.split(/[\\/]/).pop() ?? source;
}
