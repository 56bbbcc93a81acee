import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { AstRuleSchema, type AstRule } from './AstRule.js';

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

let cached: readonly AstRule[] | undefined;

/** Every `*.yml` rule file, validated. A broken shipped rule is a packaging bug, so it throws. */
export function loadAstRules(dir?: string): readonly AstRule[] {
  if (!dir && cached) return cached;
  const from = dir ?? builtinRulesDir();
  const rules = readdirSync(from)
    .filter((name) => name.endsWith('.yml'))
    .sort()
    .map((name) => {
      let data: unknown;
      try {
        data = parse(readFileSync(join(from, name), 'utf8'));
      } catch (error) {
        throw new Error(`rules/${name}: ${(error as Error).message.split('\n')[0]}`);
      }
      const parsed = AstRuleSchema.safeParse(data);
      if (!parsed.success) throw new Error(`rules/${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return { ...parsed.data, file: name };
    });
  if (!dir) cached = rules;
  return rules;
}
