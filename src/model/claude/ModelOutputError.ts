/** What can be wrong with an answer that arrived: cut off, not valid for the schema, or refused. */
export type ModelOutputProblem = 'output truncated' | 'output invalid' | 'refused';

/**
 * The API answered, but the answer cannot be used. The message names the problem class only; the model's
 * text is not included (it may quote untrusted input).
 */
export class ModelOutputError extends Error {
  override readonly name = 'ModelOutputError';
  readonly reason: ModelOutputProblem;
  /** `stop_reason` of the message, when it explains the problem. */
  readonly stopReason: string | null;
  readonly requestId: string | undefined;

  constructor(
    reason: ModelOutputProblem,
    details: { stopReason?: string | null; requestId?: string | undefined; cause?: unknown } = {},
  ) {
    super(
      `Claude's answer could not be used: ${reason}${details.stopReason ? ` (stop_reason ${details.stopReason})` : ''}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.reason = reason;
    this.stopReason = details.stopReason ?? null;
    this.requestId = details.requestId;
  }
}
