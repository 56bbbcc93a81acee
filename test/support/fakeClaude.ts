/**
 * A fake of the Anthropic Messages API (`POST /v1/messages`) on 127.0.0.1, port 0.
 *
 * It speaks the real wire format so the real SDK can be pointed at it with `baseURL`:
 * - auth: an API key and the `anthropic-version` header are required (401 `authentication_error` otherwise).
 *   The key may come as `x-api-key` or as `Authorization: Bearer <key>`: SDK 1.x (API version 2026-10-21)
 *   sends the latter;
 * - body: `model`, `max_tokens` and `messages` are required, unknown top-level fields are rejected, and a
 *   structured-output schema (`output_config.format`, type `json_schema`) is checked against the documented
 *   limits of structured outputs (every object `additionalProperties: false`, local non-recursive `$ref`s,
 *   no numeric / string-length constraints, `minItems` 0 or 1);
 * - answer: a real-shaped `message` whose single text block holds the JSON the responder returned, with
 *   usage that models prompt caching: the first request with a given cached prefix (system blocks up to the
 *   last `cache_control`) reports `cache_creation_input_tokens`, later ones `cache_read_input_tokens`;
 * - errors: Anthropic's shape `{ type: 'error', error: { type, message }, request_id }` plus a `request-id` header.
 *
 * Faults are consumed in order, one per request.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkToolTurns, isToolUse, toolUseBlocks } from './fakeClaudeTools.js';

/** One request the fake received (every request is recorded, including rejected ones). */
export interface FakeRequest {
  index: number;
  method: string;
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The parsed JSON body; `undefined` when the body was not JSON. */
  body: FakeBody | undefined;
  /** `performance.now()` when the request arrived, to measure gaps between retries. */
  receivedAt: number;
}

/** The parts of a Messages request body the fake looks at (the rest is kept as sent). */
export interface FakeBody {
  model: string;
  max_tokens: number;
  messages: { role: string; content: string | { type: string; text?: string; [key: string]: unknown }[] }[];
  system?: string | { type: string; text: string; cache_control?: { type: string } | null }[];
  output_config?: { format?: { type: string; schema?: JsonSchema } | null; [key: string]: unknown } | null;
  tool_choice?: { type: string; [key: string]: unknown };
  [key: string]: unknown;
}

export type JsonSchema = { [key: string]: unknown };

/**
 * What a responder returns: the structured data (serialised as JSON into the text block), or a string used
 * verbatim as the text.
 */
export type Responder = (request: FakeRequest) => unknown;

export interface FakeFault {
  /** Answer with this HTTP error status (Anthropic error body and type for it). */
  status?: number;
  /** `retry-after` header, in seconds. */
  retryAfter?: number;
  /** `retry-after-ms` header (the SDK honours it before `retry-after`); keeps retry tests fast. */
  retryAfterMs?: number;
  /**
   * With status 429: the spend / usage limit variant. `true` sends both the message and the
   * `details.error_code` (`enforced_spend_limit_reached`); `'message-only'` sends just the message.
   */
  spendLimit?: boolean | 'message-only';
  /** Override the error message. */
  message?: string;
  /** `x-should-retry` header, when the test wants the server to say it. */
  shouldRetry?: boolean;
  /** Wait this long before answering (the answer is the fault's, or a normal one when nothing else is set). */
  delayMs?: number;
  /** Answer 200 with text that is not JSON (`true` / `'json'`) or JSON that does not fit the schema (`'schema'`). */
  invalidOutput?: true | 'json' | 'schema';
  /** Answer 200 with this stop reason: `max_tokens` truncates the JSON, `refusal` stops early. */
  stopReason?: 'max_tokens' | 'refusal' | 'model_context_window_exceeded';
}

export interface FakeClaudeOptions {
  /** When set, the key (`x-api-key` or `Authorization: Bearer`) must equal it (401 otherwise); any non-empty key otherwise. */
  apiKey?: string;
  /** Smallest cached prefix (in estimated tokens) that is cached; the real minimum depends on the model. */
  minCacheableTokens?: number;
  /** The initial responder; the default generates a minimal instance of the requested JSON Schema. */
  respond?: Responder;
}

export interface FakeClaude {
  /** Base URL for the SDK (`new Anthropic({ baseURL })`). */
  url: string;
  requests: FakeRequest[];
  /** Requests that reached `POST /v1/messages` and passed auth and validation (what the "model" saw). */
  accepted(): FakeRequest[];
  /** Replace the responder; `undefined` restores the schema-driven default. */
  respondWith(fn: Responder | undefined): void;
  queueFault(...faults: FakeFault[]): void;
  pendingFaults(): number;
  close(): Promise<void>;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  408: 'timeout_error',
  409: 'conflict_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const ERROR_MESSAGES: Record<string, string> = {
  invalid_request_error: 'messages: the request is invalid',
  authentication_error: 'invalid x-api-key',
  billing_error: 'Your credit balance is too low to access the Anthropic API.',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'The requested resource could not be found.',
  timeout_error: 'Request timeout.',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error:
    "This request would exceed your organization's rate limit of 50,000 input tokens per minute. You can see the response headers for current usage.",
  api_error: 'Internal server error',
  overloaded_error: 'Overloaded',
};

const SPEND_LIMIT_MESSAGE =
  'You have reached your specified workspace API usage limits. You will regain access on 2030-01-01 at 00:00 UTC.';

/** Top-level fields of a Messages request the fake accepts; anything else is an "extra input". */
const KNOWN_FIELDS = new Set([
  'model',
  'messages',
  'max_tokens',
  'system',
  'metadata',
  'stop_sequences',
  'stream',
  'temperature',
  'top_k',
  'top_p',
  'tools',
  'tool_choice',
  'thinking',
  'output_config',
  'service_tier',
  'container',
  'mcp_servers',
  'context_management',
  'inference_geo',
  'speed',
  'cache_control',
  'diagnostics',
]);

/** JSON Schema keywords structured outputs do not support. */
const UNSUPPORTED_KEYWORDS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'maxItems',
  'uniqueItems',
  'patternProperties',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
];

/** Documented limit on parameters that use `anyOf` or type arrays across a strict schema. */
const MAX_UNION_PARAMETERS = 16;

export async function startFakeClaude(options: FakeClaudeOptions = {}): Promise<FakeClaude> {
  const requests: FakeRequest[] = [];
  const acceptedRequests: FakeRequest[] = [];
  const faults: FakeFault[] = [];
  const cachedPrefixes = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let responder: Responder | undefined = options.respond;
  let counter = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        sendError(res, 500, `fake failure: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const index = counter++;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    let body: FakeBody | undefined;
    try {
      body = JSON.parse(raw) as FakeBody;
    } catch {
      body = undefined;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const request: FakeRequest = { index, method: req.method ?? 'GET', path, headers, body, receivedAt: performance.now() };
    requests.push(request);

    if (request.method !== 'POST' || path !== '/v1/messages') {
      sendError(res, 404, `Not found: ${request.method} ${path}`);
      return;
    }
    const apiKey = credentialOf(headers);
    if (!apiKey || (options.apiKey !== undefined && apiKey !== options.apiKey)) {
      sendError(res, 401, 'invalid x-api-key');
      return;
    }
    if (!headers['anthropic-version']) {
      sendError(res, 401, 'anthropic-version: header is required');
      return;
    }
    if (body === undefined || typeof body !== 'object' || body === null || Array.isArray(body)) {
      sendError(res, 400, 'The request body is not valid JSON.');
      return;
    }
    const invalid = validateBody(body);
    if (invalid) {
      sendError(res, 400, invalid);
      return;
    }

    const fault = faults.shift();
    if (fault?.delayMs) {
      await delay(fault.delayMs);
      if (res.destroyed) return; // the client gave up (timeout); nothing to answer
    }
    if (fault?.status !== undefined && fault.status !== 200) {
      sendFault(res, fault);
      return;
    }
    acceptedRequests.push(request);
    sendMessage(res, request, body, fault);
  }

  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  function nextRequestId(): string {
    return `req_fake_${String(counter).padStart(6, '0')}_${Math.random().toString(36).slice(2, 10)}`;
  }

  function sendError(
    res: ServerResponse,
    status: number,
    message: string,
    extra: { details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ): void {
    const requestId = nextRequestId();
    const type = ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
    const error: Record<string, unknown> = { type, message };
    if (extra.details) error['details'] = extra.details;
    const payload = JSON.stringify({ type: 'error', error, request_id: requestId });
    res.writeHead(status, {
      'content-type': 'application/json',
      'request-id': requestId,
      ...extra.headers,
    });
    res.end(payload);
  }

  function sendFault(res: ServerResponse, fault: FakeFault): void {
    const status = fault.status ?? 500;
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
    if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
    if (fault.shouldRetry !== undefined) headers['x-should-retry'] = String(fault.shouldRetry);
    const type = ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
    let message = fault.message ?? ERROR_MESSAGES[type] ?? 'Error';
    let details: Record<string, unknown> | undefined;
    if (fault.spendLimit) {
      message = fault.message ?? SPEND_LIMIT_MESSAGE;
      if (fault.spendLimit === true) details = { error_code: 'enforced_spend_limit_reached' };
    }
    sendError(res, status, message, { headers, ...(details ? { details } : {}) });
  }

  function sendMessage(res: ServerResponse, request: FakeRequest, body: FakeBody, fault: FakeFault | undefined): void {
    const schema = body.output_config?.format?.schema;
    const produced = responder ? responder(request) : schema ? minimalInstance(schema) : 'Hello from the fake.';
    if (isToolUse(produced)) {
      const blocks = toolUseBlocks(produced, request.index);
      const usage = computeUsage(body, 20 * blocks.length);
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': nextRequestId() });
      res.end(JSON.stringify({ id: `msg_fake_${String(request.index).padStart(6, '0')}`, type: 'message', role: 'assistant', model: body.model, content: blocks, stop_reason: 'tool_use', stop_sequence: null, stop_details: null, container: null, diagnostics: null, usage }));
      return;
    }
    let text = typeof produced === 'string' ? produced : JSON.stringify(produced);
    let stopReason: string = 'end_turn';
    let stopDetails: Record<string, unknown> | null = null;
    let outputTokens = estimateTokens(text);

    if (fault?.invalidOutput === 'schema') {
      text = JSON.stringify({ answer: 'this object does not follow the requested schema', extra: [1, 2, 3] });
      outputTokens = estimateTokens(text);
    } else if (fault?.invalidOutput) {
      text = `Here is what you asked for: ${text.slice(0, Math.max(1, Math.floor(text.length / 3)))}`;
      outputTokens = estimateTokens(text);
    }
    if (fault?.stopReason === 'max_tokens' || fault?.stopReason === 'model_context_window_exceeded') {
      stopReason = fault.stopReason;
      text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      outputTokens = body.max_tokens;
    } else if (fault?.stopReason === 'refusal') {
      stopReason = 'refusal';
      text = text.slice(0, Math.min(12, text.length));
      outputTokens = estimateTokens(text);
      stopDetails = { type: 'refusal', category: null, explanation: 'The request was declined.' };
    }

    const usage = computeUsage(body, outputTokens);
    const requestId = nextRequestId();
    const message = {
      id: `msg_fake_${String(request.index).padStart(6, '0')}`,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content: [{ type: 'text', text, citations: null }],
      stop_reason: stopReason,
      stop_sequence: null,
      stop_details: stopDetails,
      container: null,
      diagnostics: null,
      usage,
    };
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId });
    res.end(JSON.stringify(message));
  }

  function computeUsage(body: FakeBody, outputTokens: number) {
    const systemBlocks =
      typeof body.system === 'string' ? [{ type: 'text', text: body.system }] : Array.isArray(body.system) ? body.system : [];
    let lastCached = -1;
    systemBlocks.forEach((block, i) => {
      if ('cache_control' in block && block.cache_control) lastCached = i;
    });
    const systemChars = systemBlocks.reduce((sum, block) => sum + (block.text?.length ?? 0), 0);
    const messageChars = body.messages.reduce((sum, message) => sum + contentChars(message.content), 0);
    const schemaChars = body.output_config?.format?.schema ? JSON.stringify(body.output_config.format.schema).length : 0;
    const total = Math.ceil((systemChars + messageChars + schemaChars) / 4);

    let cacheCreation = 0;
    let cacheRead = 0;
    if (lastCached >= 0) {
      const prefix = systemBlocks.slice(0, lastCached + 1).map((block) => block.text ?? '');
      const prefixTokens = Math.ceil(prefix.join('').length / 4);
      if (prefixTokens >= (options.minCacheableTokens ?? 0) && prefixTokens > 0) {
        const key = createHash('sha256').update(body.model).update('\0').update(JSON.stringify(prefix)).digest('hex');
        if (cachedPrefixes.has(key)) {
          cacheRead = prefixTokens;
        } else {
          cachedPrefixes.add(key);
          cacheCreation = prefixTokens;
        }
      }
    }
    return {
      input_tokens: Math.max(0, total - cacheCreation - cacheRead),
      output_tokens: outputTokens,
      cache_creation_input_tokens: cacheCreation,
      cache_read_input_tokens: cacheRead,
      cache_creation: { ephemeral_5m_input_tokens: cacheCreation, ephemeral_1h_input_tokens: 0 },
      inference_geo: null,
      output_tokens_details: null,
      server_tool_use: null,
      service_tier: 'standard',
      speed: null,
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted: () => [...acceptedRequests],
    respondWith(fn) {
      responder = fn;
    },
    queueFault(...more) {
      faults.push(...more);
    },
    pendingFaults: () => faults.length,
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The API key a request carries: `x-api-key`, or the token of `Authorization: Bearer`. */
export function credentialOf(headers: Record<string, string>): string | undefined {
  const key = headers['x-api-key'];
  if (key) return key;
  const match = /^Bearer\s+(\S+)$/i.exec(headers['authorization'] ?? '');
  return match?.[1];
}

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function contentChars(content: FakeBody['messages'][number]['content']): number {
  if (typeof content === 'string') return content.length;
  return content.reduce((sum, block) => sum + (typeof block.text === 'string' ? block.text.length : typeof block.content === 'string' ? block.content.length : 0), 0);
}

/** Returns an error message for an invalid Messages request body, or undefined when it is acceptable. */
export function validateBody(body: FakeBody): string | undefined {
  for (const key of Object.keys(body)) {
    if (!KNOWN_FIELDS.has(key)) return `${key}: Extra inputs are not permitted`;
  }
  if (typeof body.model !== 'string' || body.model.length === 0) return 'model: Field required';
  if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens) || body.max_tokens < 1) {
    return 'max_tokens: Field required (a positive integer)';
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) return 'messages: Field required (at least one message)';
  for (const [i, message] of body.messages.entries()) {
    if (message === null || typeof message !== 'object') return `messages.${i}: must be an object`;
    if (message.role !== 'user' && message.role !== 'assistant') return `messages.${i}.role: must be "user" or "assistant"`;
    if (typeof message.content !== 'string' && !Array.isArray(message.content)) return `messages.${i}.content: Field required`;
  }
  if (body.messages[0]?.role !== 'user') return 'messages.0.role: the first message must use the "user" role';
  if (body.system !== undefined && typeof body.system !== 'string') {
    if (!Array.isArray(body.system)) return 'system: must be a string or a list of text blocks';
    for (const [i, block] of body.system.entries()) {
      if (block?.type !== 'text' || typeof block.text !== 'string') return `system.${i}: must be a text block`;
      if (block.cache_control && block.cache_control.type !== 'ephemeral') {
        return `system.${i}.cache_control.type: must be "ephemeral"`;
      }
    }
  }
  if (body.stream === true) return 'stream: this fake only answers non-streaming requests';
  const toolProblem = checkToolTurns(body);
  if (toolProblem) return toolProblem;
  if (body.tool_choice && (body.tool_choice.type === 'tool' || body.tool_choice.type === 'any')) {
    return 'tool_choice: forced tool use is not supported with this model; use output_config.format for structured outputs';
  }
  const format = body.output_config?.format;
  if (format) {
    if (format.type !== 'json_schema') return 'output_config.format.type: must be "json_schema"';
    if (!format.schema || typeof format.schema !== 'object') return 'output_config.format.schema: Field required';
    const problem = checkStructuredOutputSchema(format.schema);
    if (problem) return `output_config.format.schema: ${problem}`;
  }
  return undefined;
}

/** Checks a schema against the documented limits of structured outputs; returns the first problem found. */
export function checkStructuredOutputSchema(root: JsonSchema): string | undefined {
  const defs = { ...(asRecord(root['$defs']) ?? {}), ...(asRecord(root['definitions']) ?? {}) };
  let unions = 0;

  const visit = (node: unknown, at: string, refStack: string[]): string | undefined => {
    const schema = asRecord(node);
    if (!schema) return `${at}: must be a schema object`;
    const ref = schema['$ref'];
    if (typeof ref === 'string') {
      const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
      if (!match?.[2]) return `${at}: only local $ref to $defs or definitions are supported (${ref})`;
      if (refStack.includes(ref)) return `${at}: recursive schemas are not supported (${ref})`;
      const target = defs[match[2]];
      if (target === undefined) return `${at}: $ref ${ref} does not resolve`;
      return visit(target, ref, [...refStack, ref]);
    }
    for (const keyword of UNSUPPORTED_KEYWORDS) {
      if (keyword in schema) return `${at}: "${keyword}" is not supported`;
    }
    const minItems = schema['minItems'];
    if (minItems !== undefined && minItems !== 0 && minItems !== 1) return `${at}: minItems must be 0 or 1`;
    if (Array.isArray(schema['type']) || Array.isArray(schema['anyOf'])) unions += 1;
    if (Array.isArray(schema['anyOf'])) {
      for (const [i, variant] of (schema['anyOf'] as unknown[]).entries()) {
        const problem = visit(variant, `${at}.anyOf[${i}]`, refStack);
        if (problem) return problem;
      }
    }
    if (Array.isArray(schema['allOf'])) {
      for (const [i, part] of (schema['allOf'] as unknown[]).entries()) {
        const problem = visit(part, `${at}.allOf[${i}]`, refStack);
        if (problem) return problem;
      }
    }
    const types = Array.isArray(schema['type']) ? (schema['type'] as unknown[]) : [schema['type']];
    if (types.includes('object')) {
      if (schema['additionalProperties'] !== false) return `${at}: objects must set additionalProperties to false`;
      const properties = asRecord(schema['properties']) ?? {};
      const required = Array.isArray(schema['required']) ? (schema['required'] as unknown[]) : [];
      for (const name of required) {
        if (typeof name !== 'string' || !(name in properties)) return `${at}: required names an unknown property ${String(name)}`;
      }
      for (const [name, property] of Object.entries(properties)) {
        const problem = visit(property, `${at}.${name}`, refStack);
        if (problem) return problem;
      }
    }
    if (types.includes('array') && schema['items'] !== undefined) {
      const problem = visit(schema['items'], `${at}[]`, refStack);
      if (problem) return problem;
    }
    return undefined;
  };

  const problem = visit(root, '$', []);
  if (problem) return problem;
  if (unions > MAX_UNION_PARAMETERS) return `too many parameters with anyOf or type arrays (${unions} > ${MAX_UNION_PARAMETERS})`;
  return undefined;
}

/** A small, valid instance of a JSON Schema (as structured outputs accept them): required fields, fewest items. */
export function minimalInstance(root: JsonSchema): unknown {
  const defs = { ...(asRecord(root['definitions']) ?? {}), ...(asRecord(root['$defs']) ?? {}) };
  const build = (node: unknown, depth: number): unknown => {
    const schema = asRecord(node) ?? {};
    if (depth > 32) return null;
    const ref = schema['$ref'];
    if (typeof ref === 'string') {
      const name = ref.replace(/^#\/(\$defs|definitions)\//, '');
      return build(defs[name], depth + 1);
    }
    if ('const' in schema) return schema['const'];
    if (Array.isArray(schema['enum'])) return schema['enum'][0];
    if (Array.isArray(schema['anyOf'])) return build(schema['anyOf'][0], depth + 1);
    if (Array.isArray(schema['allOf'])) return build(schema['allOf'][0], depth + 1);
    const type = Array.isArray(schema['type'])
      ? ((schema['type'] as unknown[]).find((t) => t !== 'null') ?? 'null')
      : schema['type'];
    switch (type) {
      case 'object': {
        const properties = asRecord(schema['properties']) ?? {};
        const result: Record<string, unknown> = {};
        for (const [name, property] of Object.entries(properties)) result[name] = build(property, depth + 1);
        return result;
      }
      case 'array': {
        const count = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
        return Array.from({ length: count }, () => build(schema['items'], depth + 1));
      }
      case 'string':
        return schema['format'] === 'date-time' ? '2030-01-01T00:00:00Z' : schema['format'] === 'date' ? '2030-01-01' : 'example';
      case 'integer':
      case 'number':
        return 1;
      case 'boolean':
        return false;
      default:
        return null;
    }
  };
  return build(root, 0);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
