import { parseDocument, type YAMLError } from 'yaml';
import { checkYamlNesting } from './checkYamlNesting.js';
import { ConfigError, type ConfigIssue } from './ConfigError.js';
import { CONFIG_PATH } from './configPath.js';
import { ConfigSchema, type Config } from './configSchema.js';
import { describeExpected } from './describeExpected.js';
import { describeValue } from './describeValue.js';
import { formatConfigIssues } from './formatConfigIssues.js';
import { quoteShort } from './quoteShort.js';

export type ParseConfigResult = { ok: true; config: Config } | { ok: false; error: ConfigError };

/** A config is a few hundred bytes; anything this big is a mistake or an attack, and is not parsed. */
export const MAX_CONFIG_BYTES = 64 * 1024;
/** Aliases are rarely needed in a config; the cap stops "billion laughs" expansion. */
export const MAX_ALIAS_COUNT = 50;
/** More syntax errors than this are usually one mistake echoed; the first ones are enough to fix it. */
const MAX_YAML_ERRORS = 10;

const fail = (source: string, issues: ConfigIssue[]): ParseConfigResult => ({ ok: false, error: new ConfigError(source, issues) });

// yaml's wording for these is about parser states; the usual cause is a line indented too much or too little.
const INDENTATION_CODES = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'UNEXPECTED_TOKEN']);

function where(error: YAMLError): string {
  return error.linePos ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '';
}

/** yaml appends "at line L, column C:" and a code frame; keep the first sentence and place the location ourselves. */
function syntaxIssue(error: YAMLError): ConfigIssue {
  if (error.code === 'MULTIPLE_DOCS') {
    return { path: '', message: `YAML syntax error${where(error)}: a second document starts here (a "---" line); expected one document` };
  }
  if (error.code === 'DUPLICATE_KEY') {
    return { path: '', message: `YAML syntax error${where(error)}: this key appears twice; expected each key once per mapping` };
  }
  const first = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  const text = first.length > 200 ? `${first.slice(0, 200)}…` : first;
  const hint = INDENTATION_CODES.has(error.code) ? '; check the indentation of this line and the one above' : '';
  return { path: '', message: `YAML syntax error${where(error)}: ${text}${hint}` };
}

function tagIssue(error: YAMLError, text: string): ConfigIssue {
  const tag = text.slice(error.pos[0], error.pos[1]);
  return { path: '', message: `unsupported YAML tag ${quoteShort(tag)}${where(error)}; expected plain values without tags` };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Reads `.github/agency.yml` text into a validated Config. Missing, empty or comment-only text means
 * "all defaults". Never throws: every problem (size, YAML syntax, shape, values) comes back as a ConfigError.
 */
export function parseConfig(text: string | undefined, source: string = CONFIG_PATH): ParseConfigResult {
  if (text === undefined) return { ok: true, config: ConfigSchema.parse({}) };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_CONFIG_BYTES) {
    const limit = `${MAX_CONFIG_BYTES} bytes (${MAX_CONFIG_BYTES / 1024} KiB)`;
    return fail(source, [{ path: '', message: `the file is ${bytes} bytes; expected at most ${limit}` }]);
  }

  const tooDeep = checkYamlNesting(text);
  if (tooDeep) return fail(source, [tooDeep]);

  // YAML 1.2 core schema: no custom, language or YAML 1.1 tags, no merge keys; nothing in a config can run code.
  const doc = parseDocument(text, {
    version: '1.2',
    schema: 'core',
    merge: false,
    resolveKnownTags: false, // otherwise !!binary, !!set, !!timestamp still resolve under the core schema
    uniqueKeys: true,
    stringKeys: true,
    prettyErrors: true,
    logLevel: 'error', // 'silent' would also drop the multiple-documents error
  });
  // One mistake often trips several parser rules at the same spot; report each spot once.
  const spots = new Set<number>();
  const issues: ConfigIssue[] = [];
  for (const error of doc.errors) {
    if (spots.has(error.pos[0]) || issues.length >= MAX_YAML_ERRORS) continue;
    spots.add(error.pos[0]);
    issues.push(syntaxIssue(error));
  }
  // An unknown tag (`!!js/function`, `!custom`) would silently become a string; refuse it instead.
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED' && issues.length < MAX_YAML_ERRORS) issues.push(tagIssue(warning, text));
  }
  if (issues.length > 0) return fail(source, issues);

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/resource exhaustion|alias count/i.test(message)) {
      return fail(source, [{ path: '', message: `YAML aliases expand too far; expected at most ${MAX_ALIAS_COUNT} alias uses (write the values out instead)` }]);
    }
    return fail(source, [{ path: '', message: `YAML error: ${quoteShort(message, 120).slice(1, -1)}` }]);
  }

  if (value === null || value === undefined) return { ok: true, config: ConfigSchema.parse({}) };
  if (!isMapping(value)) {
    const got = describeValue(value, 'mapping');
    return fail(source, [{ path: '', message: `the top level is ${got}; expected ${describeExpected(ConfigSchema).text}` }]);
  }

  const result = ConfigSchema.safeParse(value);
  if (result.success) return { ok: true, config: result.data };
  return fail(source, formatConfigIssues(result.error.issues, value));
}
