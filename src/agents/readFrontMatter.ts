import matter from 'gray-matter';
import { isMap, isScalar, parseDocument } from 'yaml';
import { AgentError } from './AgentError.js';
import { describeValue } from './describeValue.js';

export interface FrontMatter {
  /** The front matter fields; undefined when the file has no front matter at all. */
  data: Record<string, unknown> | undefined;
  /** The Markdown after the front matter. */
  body: string;
  /** `version` exactly as written when YAML read it as a number (`1.0` stays "1.0", not "1"). */
  versionText: string | undefined;
}

interface ParsedYaml {
  value: unknown;
  versionText: string | undefined;
}

/** Boxes the parsed YAML so gray-matter never looks inside it (it reads `excerpt_separator` from data). */
interface YamlBox {
  parsed: ParsedYaml;
}

const YAML_LANGUAGES = new Set(['', 'yaml', 'yml']);
/** gray-matter ships engines that run front matter as code; every name it knows for them is refused. */
const CODE_LANGUAGES = ['javascript', 'js', 'coffee', 'coffeescript', 'cson', 'json'];

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function parseYamlBlock(raw: string, source: string): ParsedYaml {
  // The block starts right after the opening `---`, so YAML line numbers are file line numbers.
  const doc = parseDocument(raw, { prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const line = lineAt(raw, error.pos[0]);
    throw new AgentError(source, 'front matter', `front matter is not valid YAML at line ${line}: ${error.message}`, {
      line,
    });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    throw new AgentError(source, 'front matter', `front matter could not be read: ${(cause as Error).message}`, { cause });
  }
  const version = isMap(doc.contents) ? doc.contents.get('version', true) : undefined;
  const versionText = isScalar(version) && typeof version.value === 'number' ? version.source : undefined;
  return { value, versionText };
}

/**
 * gray-matter options that read YAML only. Passing any options object also keeps gray-matter from its
 * content-keyed cache, which would otherwise hand back a shared object and hold every file in memory.
 */
export function safeMatterOptions(source: string) {
  const refuse = (language: string) => () => {
    throw new AgentError(source, 'front matter', `front matter in "${language}" is refused: only YAML is read, code is never run`);
  };
  const yamlEngine = (raw: string): YamlBox => ({ parsed: parseYamlBlock(raw, source) });
  const engines: Record<string, (raw: string) => object> = { yaml: yamlEngine, yml: yamlEngine };
  for (const language of CODE_LANGUAGES) engines[language] = refuse(language);
  return { engines, excerpt: false, language: 'yaml' };
}

/**
 * Split an agent file into front matter and Markdown body. Expects text already stripped of a BOM
 * and with LF line endings. Only YAML front matter is accepted; `---js` and friends are refused
 * before gray-matter sees them, and its code engines are replaced as a second line of defence.
 */
export function readFrontMatter(text: string, source: string): FrontMatter {
  const end = text.indexOf('\n');
  const firstLine = end === -1 ? text : text.slice(0, end);
  // Same test as gray-matter: `---` opens front matter unless a fourth dash follows.
  const opens = firstLine.startsWith('---') && firstLine.charAt(3) !== '-';
  if (!opens) return { data: undefined, body: text, versionText: undefined };

  const language = firstLine.slice(3).trim();
  if (!YAML_LANGUAGES.has(language.toLowerCase())) {
    throw new AgentError(
      source,
      'front matter',
      `front matter in "${language}" is refused: only YAML is read, code is never run`,
      { line: 1 },
    );
  }

  const file = matter(text, safeMatterOptions(source));
  const box = file.data as Partial<YamlBox>;
  // gray-matter skips the engine for an empty block (`---\n---`): that is an empty mapping.
  const parsed = box.parsed ?? { value: {}, versionText: undefined };
  const value = parsed.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    const got = Array.isArray(value) ? 'a list' : describeValue(value);
    throw new AgentError(source, 'front matter', `front matter must be a mapping of fields (got ${got})`);
  }
  return { data: value as Record<string, unknown>, body: file.content, versionText: parsed.versionText };
}
