import { z } from 'zod';
import { ConfigSchema } from './configSchema.js';

/** The id editors see; relative because the schema ships in the package, not at a URL we control. */
export const CONFIG_SCHEMA_ID = 'agency.schema.json';

/**
 * JSON Schema of `.github/agency.yml` for editors (completion, hover text, red squiggles). It describes the
 * input side, so fields with defaults are optional. Draft-07 because it is what YAML/JSON editor plugins
 * support most widely, and zod emits nothing our schema needs from later drafts.
 */
export function configJsonSchema(): Record<string, unknown> {
  const { $schema, ...body } = z.toJSONSchema(ConfigSchema, { io: 'input', target: 'draft-07', unrepresentable: 'throw' });
  return {
    $schema,
    $id: CONFIG_SCHEMA_ID,
    title: 'Agency Architect configuration (.github/agency.yml)',
    description:
      'Repository settings for Agency Architect, read from .github/agency.yml on the default branch. Every field is optional; a missing field takes its default. Generated from src/config/configSchema.ts.',
    ...body,
  };
}
