/**
 * `npm run schema`: regenerates the editor JSON Schema and the configuration reference from configSchema.ts.
 * Runs as lib/config/writeConfigSchema.js after the build; from src/config or lib/config, two levels up is the root.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configSchemaFiles } from './configSchemaFiles.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
for (const file of configSchemaFiles()) {
  const target = join(root, file.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, file.text);
  console.log(`wrote ${file.path}`);
}
