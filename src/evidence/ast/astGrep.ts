import { createRequire } from 'node:module';
import type * as Napi from '@ast-grep/napi';

/** The languages our rules are written in; TypeScript and TSX files run the JavaScript rules. */
export const RULE_LANGUAGES = ['javascript', 'python', 'go', 'ruby'] as const;
export type RuleLanguage = (typeof RULE_LANGUAGES)[number];

/** A parser language: the rule language, or the TypeScript dialects that share JavaScript's rules. */
export type ParseLanguage = RuleLanguage | 'typescript' | 'tsx';

const EXTENSIONS: Record<string, ParseLanguage> = {
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  py: 'python',
  go: 'go',
  rb: 'ruby',
};

/** The parser for a path, or undefined for a language the rules do not read. */
export function parseLanguage(path: string): ParseLanguage | undefined {
  if (path.endsWith('.d.ts')) return undefined;
  const ext = /\.([A-Za-z]+)$/.exec(path)?.[1]?.toLowerCase();
  return ext ? EXTENSIONS[ext] : undefined;
}

export function ruleLanguageOf(lang: ParseLanguage): RuleLanguage {
  return lang === 'typescript' || lang === 'tsx' ? 'javascript' : lang;
}

/** What the native engine is, once loaded: `@ast-grep/napi` with Python, Go and Ruby registered. */
export type AstGrep = typeof Napi;

/**
 * The tree-sitter packages of the languages ast-grep does not build in, one line per language. They are
 * registered together when the first code file of a process is read: ast-grep takes a single
 * registration per process (a second call is ignored), so registering per language as files arrive
 * would leave later languages unreadable in the long-running App. Loading all of them costs ~15 ms.
 */
const LANGUAGE_PACKAGES: Record<string, string> = {
  python: '@ast-grep/lang-python',
  go: '@ast-grep/lang-go',
  ruby: '@ast-grep/lang-ruby',
};

let loaded: { sg: AstGrep } | { error: string } | undefined;

/**
 * `@ast-grep/napi` and its language packages, loaded and registered once per process (registering twice
 * is refused by the library). They are native modules: the bundled Action cannot carry them and finds
 * them through NODE_PATH (docs/action.md). Missing means the code rules do not run, with a note saying so.
 */
export function loadAstGrep(resolveFrom: string = import.meta.url): { sg: AstGrep } | { error: string } {
  if (loaded) return loaded;
  loaded = tryLoad(resolveFrom);
  return loaded;
}

/** Tests only: load from elsewhere (or fail) without the process-wide cache. */
export function tryLoad(resolveFrom: string): { sg: AstGrep } | { error: string } {
  // A variable require, not `require(...)`/`import(...)`: the Action bundler must leave these out.
  const load = createRequire(resolveFrom);
  try {
    const sg = load('@ast-grep/napi') as AstGrep;
    const registrations = Object.entries(LANGUAGE_PACKAGES).map(([lang, pkg]) => [lang, load(pkg) as Napi.DynamicLangRegistrations[string]]);
    sg.registerDynamicLanguage(Object.fromEntries(registrations) as Napi.DynamicLangRegistrations);
    return { sg };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? '';
    return { error: message.slice(0, 160) };
  }
}
