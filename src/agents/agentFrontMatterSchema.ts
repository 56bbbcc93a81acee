import { z } from 'zod';

/** A list written either as a YAML sequence or as one comma-separated string (`tools: Read, Grep`). */
const nameList = z
  .union([z.array(z.string().trim().min(1)), z.string()])
  .transform((value) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value));

/** Empty YAML values (`color:`) read as null; for optional fields that simply means "not set". */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

/**
 * The front matter fields an agent file may set. Unknown keys are kept out of the way, not refused:
 * agent collections add their own (`model`, `priority` ...), and their files must load as they are.
 */
export const AgentFrontMatterSchema = z.looseObject({
  name: z.string().trim().min(1).optional(),
  description: z.string().trim().min(1).optional(),
  /** Any shape: a list, a comma-separated string, or groups such as essential/optional/specialized. */
  tools: z.unknown().optional(),
  skills: optional(nameList),
  color: optional(z.string().trim().min(1)),
  category: optional(z.string().trim().min(1)),
  /** YAML reads `1.0` as a number; the loader turns it back into the text as written. */
  version: optional(z.union([z.string().trim().min(1), z.number()])),
  commands: optional(nameList),
});
export type AgentFrontMatter = z.infer<typeof AgentFrontMatterSchema>;

/** What each field must be, for error messages that say how to fix the file. */
export const FIELD_EXPECTATIONS: Record<string, string> = {
  name: 'must be a non-empty string',
  description: 'must be a non-empty string',
  skills: 'must be a list of skill names (or one comma-separated string)',
  color: 'must be a non-empty string',
  category: 'must be a non-empty string',
  version: 'must be a string or a number',
  commands: 'must be a list of command names (or one comma-separated string)',
};
