import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { AstRuleSchema, type AstRule } from './AstRule.js';
import { indexedRule, readRulesIndex, type RulesIndex } from './rulesIndex.js';

/**
 * The shipped `rules/` folder: next to the bundled `dist/action.js` (scripts/build-action.mjs copies it
 * there), or three levels up from `src/evidence/ast/` and `lib/evidence/ast/`.
 */
export function builtinRulesDir(): string {
  for (const rel of ['./rules/', '../../../rules/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  throw new Error('the rules/ folder is missing next to the program (a packaging bug)');
}

/** Parsed rule files of the shipped folder, by file name: each is read and validated once per process. */
const parsedBuiltin = new Map<string, AstRule>();
const DECLARED_LANGUAGE = /^language:\s*['"]?([a-z]+)/m;
/** The build's pre-parsed rules (rulesIndex), read once; null when there is none. */
let builtIndex: RulesIndex | null | undefined;

/**
 * Every `*.yml` rule file, validated, or only those of the given languages. A broken shipped rule is a
 * packaging bug, so it throws. Parsing YAML is the slow part of a CLI start (~0.4 s for all the files
 * in a fresh process), so a review asks only for the languages in its diff: a file's language is read
 * from its `language:` line before the file is parsed (one that does not say so plainly is parsed).
 * The shipped folder's files come from the build's index (rulesIndex) while their text is unchanged.
 */
export function loadAstRules(dir?: string, languages?: readonly string[]): readonly AstRule[] {
  const from = dir ?? builtinRulesDir();
  const rules: AstRule[] = [];
  for (const name of readdirSync(from).filter((n) => n.endsWith('.yml')).sort()) {
    const known = dir ? undefined : parsedBuiltin.get(name);
    if (known) {
      if (!languages || languages.includes(known.language)) rules.push(known);
      continue;
    }
    const text = readFileSync(join(from, name), 'utf8');
    const declared = DECLARED_LANGUAGE.exec(text)?.[1];
    if (languages && declared && !languages.includes(declared)) continue;
    const rule = (dir ? undefined : fromIndex(name, text)) ?? parseRule(name, text);
    if (!dir) parsedBuiltin.set(name, rule);
    if (!languages || languages.includes(rule.language)) rules.push(rule);
  }
  return rules;
}

function fromIndex(name: string, text: string): AstRule | undefined {
  if (builtIndex === undefined) builtIndex = readRulesIndex() ?? null;
  return builtIndex ? indexedRule(builtIndex, name, text) : undefined;
}

function parseRule(name: string, text: string): AstRule {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new Error(`rules/${name}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = AstRuleSchema.safeParse(data);
  if (!parsed.success) throw new Error(`rules/${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { ...parsed.data, file: name };
}
