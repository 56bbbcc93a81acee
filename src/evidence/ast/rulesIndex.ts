import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstRule } from './AstRule.js';

/**
 * The rule files, parsed and validated at build time: file name → the sha-1 of the YAML text it was
 * made from, and the rule. A CLI start then reads JSON instead of parsing YAML (the YAML parser and the
 * schema check were the slow part of loading the rules). An entry counts only while its file's text is
 * unchanged, so an edited rule is parsed strictly as before, never served stale.
 */
export type RulesIndex = Record<string, { sha1: string; rule: AstRule }>;

/** Where the build writes it: next to the compiled module (lib/evidence/ast/rules.json). */
export const RULES_INDEX_URL = new URL('./rules.json', import.meta.url);

export function textHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The index from rules already loaded strictly, with the texts they came from. */
export function buildRulesIndex(rules: readonly AstRule[], textOf: (file: string) => string): RulesIndex {
  const index: RulesIndex = {};
  for (const rule of [...rules].sort((a, b) => a.file.localeCompare(b.file))) index[rule.file] = { sha1: textHash(textOf(rule.file)), rule };
  return index;
}

/** The built index, or undefined when there is none (tests and the bench run from src/) or it does not read. */
export function readRulesIndex(url: URL = RULES_INDEX_URL): RulesIndex | undefined {
  const path = fileURLToPath(url);
  if (!existsSync(path)) return undefined;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return data && typeof data === 'object' ? (data as RulesIndex) : undefined;
  } catch {
    return undefined;
  }
}

/** The rule as the build parsed it, when the file's text is the one it was parsed from; else undefined. */
export function indexedRule(index: RulesIndex, name: string, text: string): AstRule | undefined {
  const entry = index[name];
  return entry && entry.sha1 === textHash(text) ? { ...entry.rule, file: name } : undefined;
}
