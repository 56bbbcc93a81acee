import Anthropic from '@anthropic-ai/sdk';
import type { Agent } from '../../domain/Agent.js';
import { AdrSchema, type Adr } from '../../domain/adrSchema.js';
import type { AdrRequest, Model, ModelResult, PlanRequest, ReviewRequest, Usage } from '../../domain/Model.js';
import { PlanSchema, type Plan } from '../../domain/planSchema.js';
import { buildAdrPrompt } from '../prompts/buildAdrPrompt.js';
import { buildPlanPrompt } from '../prompts/buildPlanPrompt.js';
import { buildReviewPrompt } from '../prompts/buildReviewPrompt.js';
import { buildSystemPrompt } from '../prompts/buildSystemPrompt.js';
import { estimateTokens } from '../../evidence/estimateTokens.js';
import { HOUSE_RULES_TEXT } from '../prompts/houseRules.js';
import { ReviewSchema, type Review } from '../../domain/reviewSchema.js';
import type { RepoTools } from '../../domain/RepoTools.js';
import { neutraliseDelimiters } from '../prompts/untrusted.js';
import type { ModelLog } from '../withFallback.js';
import { classifyModelError } from './classifyModelError.js';
import { mergeEvidence } from './mergeEvidence.js';
import { ModelOutputError } from './ModelOutputError.js';
import { retryPolicyMiddleware, traceMiddleware, type CallTrace } from './retryPolicy.js';
import { safeOutputFormat, type ParseOutcome, type SafeOutputFormat } from './safeOutputFormat.js';
import { groupDigits } from '../../domain/groupDigits.js';

export interface ClaudeModelOptions {
  apiKey: string;
  /** Defaults to the SDK's (`ANTHROPIC_BASE_URL`, then the public API). */
  baseURL?: string;
  /** Claude model id, e.g. `claude-sonnet-5-5`. */
  model: string;
  maxOutputTokens: number;
  /** Input tokens one call may use: system prompt, schema and user turn together (estimated). */
  inputTokenBudget: number;
  /** Timeout of one HTTP attempt, in milliseconds. */
  timeoutMs: number;
  /** Retries of 408/409/429/5xx/connection errors by the SDK, honouring `retry-after` (default 3). */
  maxRetries?: number;
  /** A `retry-after` longer than this ends the call instead of waiting (default 60). */
  maxRetryAfterSeconds?: number;
  /** Structured log lines: outcome class, request id, usage. Never the API key, prompts or answers. */
  logger?: ModelLog;
  /** Level of the SDK's own log lines routed to `logger` (default `warn`); only used with a logger. */
  sdkLogLevel?: 'off' | 'error' | 'warn' | 'info' | 'debug';
  /** Replaces the default house rules (tests, experiments). */
  houseRules?: string;
}

/** The smallest user-turn budget, whatever the configuration says. */
const MIN_USER_BUDGET_TOKENS = 1000;

type CallMessage<T> = {
  model: string;
  stop_reason: string | null;
  usage: Anthropic.Messages.Usage;
  parsed_output: ParseOutcome<T> | null;
};

export function mapUsage(usage: Anthropic.Messages.Usage): Usage {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
    cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
  };
}

/** The data of a message, or the reason it cannot be used (checked in that order: refusal, truncation, parse). */
export function readOutput<T>(message: CallMessage<T>, requestId?: string): T {
  const stopReason = message.stop_reason;
  if (stopReason === 'refusal') throw new ModelOutputError('refused', { stopReason, requestId });
  if (stopReason === 'max_tokens' || stopReason === 'model_context_window_exceeded') {
    throw new ModelOutputError('output truncated', { stopReason, requestId });
  }
  const outcome = message.parsed_output;
  if (!outcome) throw new ModelOutputError('output invalid', { stopReason, requestId });
  if (!outcome.ok) throw new ModelOutputError('output invalid', { stopReason, requestId, cause: outcome.error });
  return outcome.value;
}

function sdkLogger(log: ModelLog): Anthropic['logger'] {
  const at =
    (level: string) =>
    (message: string, ...rest: unknown[]) =>
      log(`anthropic sdk: ${message}`, rest.length > 0 ? { level, details: rest } : { level });
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

let formats: { plan: SafeOutputFormat<Plan>; review: SafeOutputFormat<Review>; adr: SafeOutputFormat<Adr> } | undefined;

function outputFormats() {
  formats ??= { plan: safeOutputFormat(PlanSchema), review: safeOutputFormat(ReviewSchema), adr: safeOutputFormat(AdrSchema) };
  return formats;
}

/** The `Model` port on Claude: one `messages.parse` call per request, with structured output. */
export class ClaudeModel implements Model {
  // A private field: the client holds the API key, and must not show up when the model object is logged.
  readonly #client: Anthropic;
  readonly #model: string;
  readonly #maxOutputTokens: number;
  readonly #inputTokenBudget: number;
  readonly #houseRules: string;
  readonly #log: ModelLog | undefined;
  // Built once per process: turning the zod schemas into JSON Schema is the costliest CPU step of a call.
  readonly #formats = outputFormats();

  constructor(options: ClaudeModelOptions) {
    this.#model = options.model;
    this.#maxOutputTokens = options.maxOutputTokens;
    this.#inputTokenBudget = options.inputTokenBudget;
    this.#houseRules = options.houseRules ?? HOUSE_RULES_TEXT;
    this.#log = options.logger;
    this.#client = new Anthropic({
      apiKey: options.apiKey,
      // Only the key authenticates: an ANTHROPIC_AUTH_TOKEN in the environment must not add a second credential.
      authToken: null,
      baseURL: options.baseURL,
      maxRetries: options.maxRetries ?? 3,
      timeout: options.timeoutMs,
      middleware: [retryPolicyMiddleware({ maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 60 })],
      ...(options.logger ? { logger: sdkLogger(options.logger), logLevel: options.sdkLogLevel ?? 'warn' } : {}),
    });
  }

  async plan(request: PlanRequest): Promise<ModelResult<Plan>> {
    return this.#call('plan', this.#formats.plan, request.agent, (budget) => buildPlanPrompt(request, budget), request.repoTools);
  }

  async review(request: ReviewRequest): Promise<ModelResult<Review>> {
    const result = await this.#call('review', this.#formats.review, request.agent, (budget) => buildReviewPrompt(request, budget), request.repoTools);
    return { ...result, data: mergeEvidence(result.data, request.evidence) };
  }

  async adr(request: AdrRequest): Promise<ModelResult<Adr>> {
    return this.#call('adr', this.#formats.adr, request.agent, (budget) => buildAdrPrompt(request, budget));
  }

  async #call<T>(
    operation: 'plan' | 'review' | 'adr',
    format: SafeOutputFormat<T>,
    agent: Agent,
    buildUser: (budgetTokens: number) => string,
    tools?: RepoTools,
  ): Promise<ModelResult<T>> {
    const system = buildSystemPrompt(agent, this.#houseRules);
    const overhead = estimateTokens(system) + estimateTokens(JSON.stringify(format.schema));
    const user = buildUser(Math.max(MIN_USER_BUDGET_TOKENS, this.#inputTokenBudget - overhead));
    const trace: CallTrace = { attempts: 0, requestId: undefined };
    const started = Date.now();
    try {
      // A tool loop: while the model asks for repository tools (within the job's limits) their results go back
      // as the next user turn; the last answer is the structured output, validated as without tools.
      const messages: Anthropic.MessageParam[] = [{ role: 'user', content: user }];
      const total: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
      let requests = 0;
      let refusedAll = false;
      for (;;) {
        const message = await this.#client.messages.parse(
          {
            model: this.#model,
            max_tokens: this.#maxOutputTokens,
            system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
            messages,
            output_config: { format },
            ...(tools ? { tools: tools.definitions as Anthropic.Tool[] } : {}),
          },
          { middleware: [traceMiddleware(trace)] },
        );
        requests++;
        const usage = mapUsage(message.usage);
        total.inputTokens += usage.inputTokens;
        total.outputTokens += usage.outputTokens;
        total.cacheReadTokens += usage.cacheReadTokens;
        total.cacheWriteTokens += usage.cacheWriteTokens;
        if (message.stop_reason === 'tool_use' && tools) {
          // Past the job's limits every call is refused; a model that still asks after that gets no more turns.
          if (refusedAll) throw new ModelOutputError('output invalid', { stopReason: 'tool_use', requestId: trace.requestId });
          const uses = message.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
          const spent = total.inputTokens + total.cacheReadTokens + total.cacheWriteTokens;
          const overBudget = spent >= tools.maxTokens;
          const results = await Promise.all(
            uses.map(async (use) => {
              if (!overBudget) return tools.run(use.name, use.input);
              tools.refuse(`${use.name}: token limit (${groupDigits(tools.maxTokens)})`);
              return { text: `Limit reached: the tool loop used ${spent} of ${tools.maxTokens} input tokens. Answer with what you have.`, isError: true };
            }),
          );
          // Every call refused: the next answer must be the final one.
          refusedAll = results.every((r) => r.isError && r.text.startsWith('Limit reached'));
          messages.push({ role: 'assistant', content: message.content.map(plainBlock) });
          messages.push({
            role: 'user',
            content: uses.map((use, i) => ({
              type: 'tool_result' as const,
              tool_use_id: use.id,
              is_error: results[i]!.isError,
              content: `<untrusted_tool_result>\n${neutraliseDelimiters(results[i]!.text)}\n</untrusted_tool_result>`,
            })),
          });
          continue;
        }
        const data = readOutput<T>(message, trace.requestId);
        const used = tools?.usage();
        this.#log?.('claude call done', {
          operation,
          model: message.model,
          requestId: trace.requestId,
          attempts: trace.attempts,
          durationMs: Date.now() - started,
          ...total,
          ...(used ? { modelRequests: requests, toolCalls: used.calls, toolBytes: used.bytes, toolCacheHits: used.cacheHits } : {}),
        });
        return {
          data,
          info: { engine: 'claude', model: message.model, usage: total, ...(used ? { cost: { modelRequests: requests, toolCalls: used.calls, toolBytes: used.bytes } } : {}) },
        };
      }
    } catch (error) {
      const failure = classifyModelError(error);
      this.#log?.('claude call failed', {
        operation,
        model: this.#model,
        reason: failure.reason,
        ...(failure.status !== undefined ? { status: failure.status } : {}),
        requestId: failure.requestId ?? trace.requestId,
        attempts: trace.attempts,
        durationMs: Date.now() - started,
      });
      throw error;
    }
  }
}

/** A content block as it goes back in the next request: the SDK's parsed extras left out. */
function plainBlock(block: Anthropic.ContentBlock): Anthropic.ContentBlockParam {
  if (block.type === 'text') return { type: 'text', text: block.text };
  if (block.type === 'tool_use') return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
  return block as unknown as Anthropic.ContentBlockParam;
}
