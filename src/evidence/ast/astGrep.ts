import { createRequire } from 'node:module';
import type * as Napi from '@ast-grep/napi';

/** The languages our rules are written in; TypeScript and TSX files run the JavaScript rules. */
export const RULE_LANGUAGES = ['javascript', 'python', 'go', 'ruby', 'java', 'kotlin', 'php', 'csharp'] as const;
export type RuleLanguage = (typeof RULE_LANGUAGES)[number];

/** A parser language: the rule language, or the TypeScript dialects that share JavaScript's rules. */
export type ParseLanguage = RuleLanguage | 'typescript' | 'tsx';

interface LanguageEntry {
  /** Its name in docs/rules.md and `agency rules`. */
  name: string;
  /** File extensions, lower case; the first names its rule files (`sql-injection.<ext>.yml`). */
  extensions: readonly string[];
  /** The Markdown code fence of its examples. */
  fence: string;
  /** The package that teaches ast-grep to parse it; none for the languages built into @ast-grep/napi. */
  parser?: string;
}

/** The registry: one row per rule language. Adding a language is a row here, its taint shape and its rule files. */
export const LANGUAGES: Readonly<Record<RuleLanguage, LanguageEntry>> = {
  javascript: { name: 'JavaScript/TypeScript', extensions: ['js', 'jsx', 'mjs', 'cjs'], fence: 'js' },
  python: { name: 'Python', extensions: ['py'], fence: 'python', parser: '@ast-grep/lang-python' },
  go: { name: 'Go', extensions: ['go'], fence: 'go', parser: '@ast-grep/lang-go' },
  ruby: { name: 'Ruby', extensions: ['rb'], fence: 'ruby', parser: '@ast-grep/lang-ruby' },
  java: { name: 'Java', extensions: ['java'], fence: 'java', parser: '@ast-grep/lang-java' },
  kotlin: { name: 'Kotlin', extensions: ['kt', 'kts'], fence: 'kotlin', parser: '@ast-grep/lang-kotlin' },
  php: { name: 'PHP', extensions: ['php'], fence: 'php', parser: '@ast-grep/lang-php' },
  csharp: { name: 'C#', extensions: ['cs'], fence: 'csharp', parser: '@ast-grep/lang-csharp' },
};

const TYPESCRIPT: Record<string, ParseLanguage> = { ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'tsx' };

/** The parser for a path, or undefined for a language the rules do not read. */
export function parseLanguage(path: string): ParseLanguage | undefined {
  if (path.endsWith('.d.ts')) return undefined;
  const ext = /\.([A-Za-z]+)$/.exec(path)?.[1]?.toLowerCase();
  if (!ext) return undefined;
  return TYPESCRIPT[ext] ?? RULE_LANGUAGES.find((lang) => LANGUAGES[lang].extensions.includes(ext));
}

export function ruleLanguageOf(lang: ParseLanguage): RuleLanguage {
  return lang === 'typescript' || lang === 'tsx' ? 'javascript' : lang;
}

/** What the native engine is, once loaded. */
export type AstGrep = typeof Napi;

/** The loaded engine; `unreadable` names the languages whose parser package could not be loaded, and why. */
export type Engine = { sg: AstGrep; unreadable?: ReadonlyMap<RuleLanguage, string> } | { error: string };

let napi: { sg: AstGrep } | { error: string } | undefined;
let registered: Engine | undefined;

/**
 * `@ast-grep/napi`, loaded on first use, and the parser packages, loaded only when a file in a language
 * that is not built in (anything but JavaScript/TypeScript) is to be read. ast-grep accepts one
 * registration per process and ignores later ones (ast-grep/ast-grep#2669), so that first registration
 * takes every parser in the registry, not just the ones of the diff at hand: a long-running app would
 * otherwise never read the languages of later pull requests.
 * They are native modules: the bundled Action cannot carry them and finds them through NODE_PATH
 * (docs/action.md). A missing engine means the code rules do not run, with a note saying so.
 */
export function loadAstGrep(needed: Iterable<RuleLanguage> = RULE_LANGUAGES, resolveFrom: string = import.meta.url): Engine {
  if (registered) return registered;
  napi ??= loadNapi(resolveFrom);
  if ('error' in napi) return napi;
  if (![...needed].some((lang) => LANGUAGES[lang].parser)) return napi;
  registered = { sg: napi.sg, unreadable: registerParsers(napi.sg, resolveFrom) };
  return registered;
}

/** Tests only: load from elsewhere (or fail) without the process-wide cache. */
export function tryLoad(resolveFrom: string): Engine {
  const loaded = loadNapi(resolveFrom);
  if ('error' in loaded) return loaded;
  return { sg: loaded.sg, unreadable: registerParsers(loaded.sg, resolveFrom) };
}

function loadNapi(resolveFrom: string): { sg: AstGrep } | { error: string } {
  // A variable require, not `require(...)`/`import(...)`: the Action bundler must leave these out.
  const load = createRequire(resolveFrom);
  try {
    return { sg: load('@ast-grep/napi') as AstGrep };
  } catch (error) {
    return { error: firstLine(error) };
  }
}

/**
 * Every parser package that loads, in one call. A package whose parser is missing (not installed, no
 * build for this platform) is left out and named, instead of failing the whole registration.
 */
function registerParsers(sg: AstGrep, resolveFrom: string): ReadonlyMap<RuleLanguage, string> {
  const load = createRequire(resolveFrom);
  const registrations: Napi.DynamicLangRegistrations = {};
  const unreadable = new Map<RuleLanguage, string>();
  for (const lang of RULE_LANGUAGES) {
    const parser = LANGUAGES[lang].parser;
    if (!parser) continue;
    try {
      const registration = load(parser) as Napi.DynamicLangRegistrations[string];
      void registration.libraryPath; // a getter that throws when the parser binary is missing
      registrations[lang] = registration;
    } catch (error) {
      unreadable.set(lang, `${parser} is not installed (${firstLine(error)})`);
    }
  }
  try {
    sg.registerDynamicLanguage(registrations);
  } catch (error) {
    for (const lang of Object.keys(registrations) as RuleLanguage[]) unreadable.set(lang, `its parser did not load (${firstLine(error)})`);
  }
  return unreadable;
}

function firstLine(error: unknown): string {
  return ((error as Error).message.split('\n')[0] ?? '').slice(0, 160);
}
