/**
 * Part of `npm run build`: writes lib/evidence/ast/rules.json (rulesIndex) from rules/*.yml, parsed and
 * validated strictly by loadAstRules. Runs as lib/evidence/ast/writeRulesIndex.js.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRulesDir, loadAstRules } from './loadAstRules.js';
import { buildRulesIndex, RULES_INDEX_URL } from './rulesIndex.js';

const dir = builtinRulesDir();
const index = buildRulesIndex(loadAstRules(dir), (file) => readFileSync(join(dir, file), 'utf8'));
writeFileSync(fileURLToPath(RULES_INDEX_URL), `${JSON.stringify(index)}\n`);
