/**
 * Part of `npm run build`: writes lib/evidence/ast/rules.json (rulesIndex) from rules/*.yml, parsed and
 * validated strictly by loadAstRules, and lib/evidence/ast/textRegexes.json (textRegexIndex), their text
 * tests. Runs as lib/evidence/ast/writeRulesIndex.js.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRulesDir, loadAstRules } from './loadAstRules.js';
import { buildRulesIndex, RULES_INDEX_URL } from './rulesIndex.js';
import { textRegexTable } from './rulePrefilter.js';
import { TEXT_REGEX_INDEX_URL } from './textRegexIndex.js';

const dir = builtinRulesDir();
const rules = loadAstRules(dir);
const index = buildRulesIndex(rules, (file) => readFileSync(join(dir, file), 'utf8'));
writeFileSync(fileURLToPath(RULES_INDEX_URL), `${JSON.stringify(index)}\n`);
writeFileSync(fileURLToPath(TEXT_REGEX_INDEX_URL), `${JSON.stringify(textRegexTable(rules))}\n`);
