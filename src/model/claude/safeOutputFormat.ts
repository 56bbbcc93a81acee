import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import type { AutoParseableOutputFormat } from '@anthropic-ai/sdk/lib/parser';
import type { z } from 'zod';

export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** An output format whose parsed output is a `ParseOutcome`. */
export type SafeOutputFormat<T> = AutoParseableOutputFormat<ParseOutcome<T>>;

/**
 * The SDK's zod output format (`zodOutputFormat`: JSON Schema from the zod schema, made strict by the SDK,
 * sent as `output_config.format`), with a parse step that reports failure instead of throwing.
 *
 * Why: `messages.parse` parses the text before the caller sees the message, and a throwing parser loses the
 * message, so a truncated answer (`stop_reason: "max_tokens"`) or a refusal could only be reported as
 * "invalid output". With this format the caller gets the message, checks `stop_reason` first, then the outcome.
 * The schema sent is exactly the helper's.
 */
export function safeOutputFormat<S extends z.ZodType>(schema: S): SafeOutputFormat<z.infer<S>> {
  const format = zodOutputFormat(schema);
  return {
    type: format.type,
    schema: format.schema,
    parse(content: string): ParseOutcome<z.infer<S>> {
      try {
        return { ok: true, value: format.parse(content) };
      } catch (error) {
        return { ok: false, error };
      }
    },
  };
}
