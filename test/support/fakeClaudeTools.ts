/**
 * Client tools for the fake Messages API: a responder returns `toolUse(...)` to make the "model" call
 * tools; the fake answers with `tool_use` blocks and `stop_reason: "tool_use"`, as the API does. The next
 * request must carry the assistant turn and a user turn with one `tool_result` per `tool_use` id, else 400
 * (https://docs.anthropic.com/en/docs/build-with-claude/tool-use: "each tool_use block must have a
 * corresponding tool_result block in the next message").
 */
import type { FakeBody, FakeRequest } from './fakeClaude.js';

const TOOL_USE = Symbol('toolUse');

export interface FakeToolCall {
  name: string;
  input: Record<string, unknown>;
}

export interface ToolUseAnswer {
  [TOOL_USE]: true;
  calls: FakeToolCall[];
}

/** What a responder returns to call tools instead of answering. */
export function toolUse(...calls: FakeToolCall[]): ToolUseAnswer {
  return { [TOOL_USE]: true, calls };
}

export function isToolUse(value: unknown): value is ToolUseAnswer {
  return typeof value === 'object' && value !== null && TOOL_USE in value;
}

/** `tool_use` content blocks with ids unique to the request. */
export function toolUseBlocks(answer: ToolUseAnswer, requestIndex: number): { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }[] {
  return answer.calls.map((c, i) => ({ type: 'tool_use', id: `toolu_fake_${requestIndex}_${i}`, name: c.name, input: c.input }));
}

type Block = { type: string; id?: string; tool_use_id?: string; name?: string; content?: unknown; [key: string]: unknown };

/** The tool results of the latest user turn, by tool name (matched through the assistant's tool_use ids). */
export function toolResults(request: FakeRequest): { name: string; content: string; isError: boolean }[] {
  const messages = request.body?.messages ?? [];
  const last = messages.at(-1);
  const assistant = messages.at(-2);
  if (!last || !Array.isArray(last.content) || !assistant || !Array.isArray(assistant.content)) return [];
  const names = new Map((assistant.content as Block[]).filter((b) => b.type === 'tool_use').map((b) => [b.id, b.name ?? '']));
  return (last.content as Block[])
    .filter((b) => b.type === 'tool_result')
    .map((b) => ({
      name: names.get(b.tool_use_id) ?? '',
      content: typeof b.content === 'string' ? b.content : Array.isArray(b.content) ? (b.content as Block[]).map((c) => String(c.text ?? '')).join('') : '',
      isError: b.is_error === true,
    }));
}

/** The API's rules on tools and tool turns; a problem message, or undefined. */
export function checkToolTurns(body: FakeBody): string | undefined {
  const tools = body.tools;
  const names = new Set<string>();
  if (tools !== undefined) {
    if (!Array.isArray(tools)) return 'tools: must be a list';
    for (const [i, t] of (tools as Block[]).entries()) {
      if (typeof t?.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(t.name)) return `tools.${i}.name: must match ^[a-zA-Z0-9_-]{1,64}$`;
      const schema = t.input_schema as { type?: string } | undefined;
      if (t.type === undefined && schema?.type !== 'object') return `tools.${i}.input_schema: Field required (type "object")`;
      names.add(t.name);
    }
  }
  for (let i = 0; i < body.messages.length; i++) {
    const message = body.messages[i]!;
    if (!Array.isArray(message.content)) continue;
    const uses = (message.content as Block[]).filter((b) => b.type === 'tool_use');
    if (message.role === 'assistant' && uses.length > 0) {
      for (const u of uses) if (!names.has(u.name ?? '')) return `messages.${i}: tool_use of ${String(u.name)} but no such tool is defined in tools`;
      const next = body.messages[i + 1];
      const results = next && Array.isArray(next.content) ? (next.content as Block[]).filter((b) => b.type === 'tool_result') : [];
      const answered = new Set(results.map((r) => r.tool_use_id));
      const missing = uses.filter((u) => !answered.has(u.id));
      if (missing.length > 0) return `messages.${i + 1}: tool_use ids were found without tool_result blocks immediately after: ${missing.map((u) => u.id).join(', ')}`;
    }
    if (message.role === 'user') {
      const previous = body.messages[i - 1];
      const ids = new Set(previous && Array.isArray(previous.content) ? (previous.content as Block[]).filter((b) => b.type === 'tool_use').map((b) => b.id) : []);
      for (const r of (message.content as Block[]).filter((b) => b.type === 'tool_result')) {
        if (!ids.has(r.tool_use_id)) return `messages.${i}.content: unexpected tool_use_id found in tool_result blocks: ${String(r.tool_use_id)}`;
      }
    }
  }
  return undefined;
}
