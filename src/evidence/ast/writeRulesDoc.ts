/**
 * `npm run rules:doc`: regenerates docs/rules.md from rules/*.yml. Runs as lib/evidence/ast/writeRulesDoc.js
 * after the build; from src/evidence/ast or lib/evidence/ast, three levels up is the root.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAstRules } from './loadAstRules.js';
import { rulesReference } from './rulesReference.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
writeFileSync(join(root, 'docs/rules.md'), rulesReference(loadAstRules()));
console.log('wrote docs/rules.md');
