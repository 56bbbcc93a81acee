/**
 * GitHub's OpenAPI description (@octokit/openapi, generated/api.github.com.json) as a request
 * matcher and validator for the fake GitHub. The description is read once per process, lazily, and
 * each operation's validators are compiled on first use and cached.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonObject;
}

export interface OpenApiOperation {
  method: string;
  /** The path template as written in the description, e.g. `/repos/{owner}/{repo}/issues/{issue_number}`. */
  template: string;
  operationId: string;
  parameters: OpenApiParameter[];
  requestBodyRequired: boolean;
  requestSchema: JsonObject | undefined;
  responses: Record<string, JsonObject | undefined>;
}

export interface OperationMatch {
  operation: OpenApiOperation;
  /** Path parameters, percent-decoded (`heads%2Fmain` becomes `heads/main`). */
  params: Record<string, string>;
}

interface CompiledTemplate {
  template: string;
  regex: RegExp;
  names: string[];
  /** Higher is more specific: literal segments count most, greedy parameters least. */
  score: number;
}

interface LoadedSpec {
  operations: Map<string, OpenApiOperation>;
  templatesByMethod: Map<string, CompiledTemplate[]>;
  ajv: Ajv;
  loadMs: number;
}

const SPEC_ID = 'https://fake-github.invalid/api.github.com.json';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Parameters that may span several path segments when they end a template (file paths, refs). */
const GREEDY_PARAMS = new Set(['path', 'ref', 'basehead', 'branch']);

let loaded: LoadedSpec | undefined;
const bodyValidators = new Map<string, ValidateFunction | null>();
const responseValidators = new Map<string, ValidateFunction | null>();
const compileTimes: { key: string; ms: number }[] = [];

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Ajv understands OpenAPI's `nullable` only next to `type`. GitHub's description also puts it next
 * to `allOf`/`anyOf`/`$ref`; rewrite those into `anyOf: [schema, {type: 'null'}]`, in place.
 */
function fixNullable(node: Json): void {
  if (Array.isArray(node)) {
    for (const item of node) fixNullable(item);
    return;
  }
  if (!isObject(node)) return;
  for (const value of Object.values(node)) fixNullable(value);
  // OpenAPI 3.0 allows null for `nullable` + `enum`; Ajv needs null listed in the enum.
  if (node.nullable === true && Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null);
  if (node.nullable === true && node.type === undefined) {
    const inner: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'nullable' && key !== 'description' && key !== 'title') inner[key] = value;
      if (key !== 'description' && key !== 'title') delete node[key];
    }
    node.anyOf = [inner, { type: 'null' }];
  }
}

/** Point `#/components/...` references of an operation's schema at the registered description. */
function rebase(node: Json): Json {
  if (Array.isArray(node)) return node.map(rebase);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? SPEC_ID + value : rebase(value);
  }
  return out;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileTemplate(template: string): CompiledTemplate {
  const segments = template.split('/').slice(1);
  const names: string[] = [];
  let source = '^';
  let score = 0;
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    const whole = /^\{([^}]+)\}$/.exec(segment);
    if (whole?.[1] !== undefined) {
      const name = whole[1];
      names.push(name);
      if (last && GREEDY_PARAMS.has(name)) {
        // `/contents/{path}` is also reached as `/contents` for the root directory.
        source += name === 'path' ? '(?:/(.*))?' : '/(.+)';
        score -= 1;
      } else if (GREEDY_PARAMS.has(name) && name === 'branch') {
        source += '/(.+?)';
        score -= 1;
      } else {
        source += '/([^/]+)';
      }
      return;
    }
    // Segments such as `{owner}...{repo}` or literal text mixed with a parameter.
    let pattern = '';
    let rest = segment;
    let hasParam = false;
    for (;;) {
      const open = rest.indexOf('{');
      if (open < 0) break;
      const close = rest.indexOf('}', open);
      pattern += escapeRegex(rest.slice(0, open)) + '([^/]+?)';
      names.push(rest.slice(open + 1, close));
      rest = rest.slice(close + 1);
      hasParam = true;
    }
    pattern += escapeRegex(rest);
    source += '/' + pattern;
    // A segment mixing literal text and parameters (`{base}...{head}`) is more specific than `{basehead}`.
    score += hasParam ? 500 : 1000 + (50 - index);
  });
  return { template, regex: new RegExp(source + '/?$'), names, score };
}

function resolveParameter(spec: JsonObject, parameter: Json): OpenApiParameter | undefined {
  let node: Json | undefined = parameter;
  if (isObject(node) && typeof node.$ref === 'string') {
    const parts = node.$ref.replace(/^#\//, '').split('/');
    node = spec;
    for (const part of parts) node = isObject(node) ? node[part] : undefined;
  }
  if (!isObject(node) || typeof node.name !== 'string' || typeof node.in !== 'string') return undefined;
  return {
    name: node.name,
    in: node.in as OpenApiParameter['in'],
    required: node.required === true,
    schema: isObject(node.schema) ? node.schema : undefined,
  };
}

function resolveResponse(spec: JsonObject, response: Json): JsonObject | undefined {
  let node: Json | undefined = response;
  if (isObject(node) && typeof node.$ref === 'string') {
    const parts = node.$ref.replace(/^#\//, '').split('/');
    node = spec;
    for (const part of parts) node = isObject(node) ? node[part] : undefined;
  }
  if (!isObject(node) || !isObject(node.content)) return undefined;
  const json = node.content['application/json'];
  return isObject(json) && isObject(json.schema) ? json.schema : undefined;
}

function specPath(): string {
  return createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
}

/** Loads and indexes the description once per process. */
export function loadOpenApi(): LoadedSpec {
  if (loaded) return loaded;
  const started = performance.now();
  const spec = JSON.parse(readFileSync(specPath(), 'utf8')) as JsonObject;
  const paths = spec.paths as Record<string, JsonObject>;
  const components = spec.components as JsonObject;
  fixNullable(components.schemas as Json);

  const operations = new Map<string, OpenApiOperation>();
  const templatesByMethod = new Map<string, CompiledTemplate[]>();
  for (const [template, item] of Object.entries(paths)) {
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const upper = method.toUpperCase();
      const ownParameters = Array.isArray(op.parameters) ? op.parameters : [];
      const parameters = [...shared, ...ownParameters]
        .map((p) => resolveParameter(spec, p))
        .filter((p): p is OpenApiParameter => p !== undefined);
      const requestBody = isObject(op.requestBody) ? op.requestBody : undefined;
      const jsonContent = requestBody && isObject(requestBody.content) ? requestBody.content['application/json'] : undefined;
      const requestSchema = isObject(jsonContent) && isObject(jsonContent.schema) ? jsonContent.schema : undefined;
      if (requestSchema) fixNullable(requestSchema);
      const responses: Record<string, JsonObject | undefined> = {};
      if (isObject(op.responses)) {
        for (const [status, response] of Object.entries(op.responses)) {
          const schema = resolveResponse(spec, response);
          if (schema) fixNullable(schema);
          responses[status] = schema;
        }
      }
      operations.set(`${upper} ${template}`, {
        method: upper,
        template,
        operationId: typeof op.operationId === 'string' ? op.operationId : `${upper} ${template}`,
        parameters,
        requestBodyRequired: requestBody?.required === true,
        requestSchema,
        responses,
      });
      const list = templatesByMethod.get(upper) ?? [];
      list.push(compileTemplate(template));
      templatesByMethod.set(upper, list);
    }
  }

  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
  addFormats(ajv);
  ajv.addFormat('int64', true);
  ajv.addFormat('uri-template', true);
  ajv.addFormat('binary', true);
  ajv.addFormat('repo.nwo', true);
  // Only the schemas: examples are large and never referenced by a schema.
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: components.schemas } });

  loaded = { operations, templatesByMethod, ajv, loadMs: performance.now() - started };
  return loaded;
}

/** Finds the operation for a request path (without query string), preferring literal segments. */
export function matchOperation(method: string, rawPath: string): OperationMatch | undefined {
  const spec = loadOpenApi();
  const candidates = spec.templatesByMethod.get(method.toUpperCase()) ?? [];
  let best: { compiled: CompiledTemplate; groups: string[] } | undefined;
  for (const compiled of candidates) {
    const match = compiled.regex.exec(rawPath);
    if (!match) continue;
    if (!best || compiled.score > best.compiled.score) best = { compiled, groups: match.slice(1) };
  }
  if (!best) return undefined;
  const operation = spec.operations.get(`${method.toUpperCase()} ${best.compiled.template}`);
  if (!operation) return undefined;
  const params: Record<string, string> = {};
  best.compiled.names.forEach((name, index) => {
    const raw = best.groups[index] ?? '';
    let decoded = raw;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      decoded = raw;
    }
    params[name] = decoded;
  });
  return { operation, params };
}

/** True when GitHub's description has this method + template (used to check the fake's routes). */
export function hasOperation(method: string, template: string): boolean {
  return loadOpenApi().operations.has(`${method.toUpperCase()} ${template}`);
}

function formatErrors(errors: ErrorObject[] | null | undefined, root: string): string[] {
  return (errors ?? []).map((error) => {
    const where = `${root}${error.instancePath}` || '/';
    const extra = error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : '';
    const allowed = error.keyword === 'enum' ? `: ${JSON.stringify(error.params.allowedValues)}` : '';
    return `${where} ${error.message ?? error.keyword}${extra}${allowed}`;
  });
}

function compileCached(cache: Map<string, ValidateFunction | null>, key: string, schema: JsonObject | undefined) {
  if (cache.has(key)) return cache.get(key) ?? undefined;
  if (!schema) {
    cache.set(key, null);
    return undefined;
  }
  const started = performance.now();
  const validate = loadOpenApi().ajv.compile(rebase(schema) as JsonObject);
  compileTimes.push({ key, ms: performance.now() - started });
  cache.set(key, validate);
  return validate;
}

/** Problems with a JSON request body, as readable strings; empty when it is valid. */
export function validateRequestBody(operation: OpenApiOperation, body: unknown, hasBody: boolean): string[] {
  if (!operation.requestSchema) return [];
  if (!hasBody) return operation.requestBodyRequired ? ['a request body is required'] : [];
  const validate = compileCached(bodyValidators, `${operation.method} ${operation.template}`, operation.requestSchema);
  if (!validate || validate(body)) return [];
  return formatErrors(validate.errors, 'body');
}

function checkScalar(schema: JsonObject, value: string): string | undefined {
  const type = schema.type;
  if (type === 'integer' && !/^-?\d+$/.test(value)) return `${JSON.stringify(value)} is not an integer`;
  if (type === 'number' && Number.isNaN(Number(value))) return `${JSON.stringify(value)} is not a number`;
  if (type === 'boolean' && value !== 'true' && value !== 'false') return `${JSON.stringify(value)} is not a boolean`;
  if (Array.isArray(schema.enum) && type === 'string' && !schema.enum.includes(value)) {
    return `${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`;
  }
  return undefined;
}

/** Checks simple query parameters (integers, booleans, enums) against the operation. */
export function validateQuery(operation: OpenApiOperation, query: URLSearchParams): string[] {
  const problems: string[] = [];
  for (const parameter of operation.parameters) {
    if (parameter.in !== 'query' || !parameter.schema) continue;
    const value = query.get(parameter.name);
    if (value === null) {
      if (parameter.required) problems.push(`query parameter ${parameter.name} is required`);
      continue;
    }
    const problem = checkScalar(parameter.schema, value);
    if (problem) problems.push(`query parameter ${parameter.name}: ${problem}`);
  }
  return problems;
}

/** Validates a JSON response of the fake against the documented schema for its status. */
export function validateResponseBody(operation: OpenApiOperation, status: number, body: unknown): string[] {
  const schema = operation.responses[String(status)];
  const key = `${operation.method} ${operation.template} ${status}`;
  const validate = compileCached(responseValidators, key, schema);
  if (!validate || validate(body)) return [];
  return formatErrors(validate.errors, 'response');
}

/** Time spent reading the description, and compiling validators so far (milliseconds). */
export function openApiTimings(): { loadMs: number; compiled: { key: string; ms: number }[] } {
  return { loadMs: loaded?.loadMs ?? 0, compiled: [...compileTimes] };
}
