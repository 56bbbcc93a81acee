import { configJsonSchema } from './configJsonSchema.js';
import { configReference } from './configReference.js';

export interface GeneratedFile {
  /** Relative to the repository root. */
  path: string;
  text: string;
}

/** The files `npm run schema` writes; tests compare them with the committed copies. */
export function configSchemaFiles(): GeneratedFile[] {
  return [
    { path: 'schema/agency.schema.json', text: `${JSON.stringify(configJsonSchema(), null, 2)}\n` },
    { path: 'docs/configuration.md', text: configReference() },
  ];
}
