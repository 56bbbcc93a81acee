import type { AstRule } from './AstRule.js';
import { LANGUAGES, type AstGrep, type ParseLanguage } from './astGrep.js';
import { runAstRules } from './runAstRules.js';

export interface ExampleResult {
  rule: AstRule;
  lang: ParseLanguage;
  kind: 'invalid' | 'valid';
  index: number;
  /** Lines marked `ruleid` (1-based). */
  expected: number[];
  /** Lines the rule reported. */
  reported: number[];
  /** Notes from the engine (a rule error, a skipped example): should be none. */
  notes: string[];
}

const MARK = /(?:\/\/|#)\s*ruleid\b/;

/** Every example of every rule, run through the engine as a new handler file; JavaScript rules also as TypeScript. */
export function runRuleExamples(sg: AstGrep, rules: readonly AstRule[]): ExampleResult[] {
  const out: ExampleResult[] = [];
  for (const rule of rules) {
    const langs: ParseLanguage[] = rule.language === 'javascript' ? ['javascript', 'typescript'] : [rule.language];
    for (const lang of langs) {
      for (const kind of ['invalid', 'valid'] as const) {
        rule.metadata.examples[kind].forEach((source, index) => {
          const expected = source.split('\n').flatMap((text, i) => (MARK.test(text) ? [i + 1] : []));
          const { findings, notes } = runAstRules(sg, [rule], { path: `src/routes/example.${exampleExtension(lang)}`, lang, source, whole: true });
          out.push({ rule, lang, kind, index, expected, reported: findings.map((f) => f.line ?? 0), notes });
        });
      }
    }
  }
  return out;
}

function exampleExtension(lang: ParseLanguage): string {
  return lang === 'typescript' ? 'ts' : lang === 'tsx' ? 'tsx' : (LANGUAGES[lang].extensions[0] as string);
}
