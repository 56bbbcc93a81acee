/**
 * State that must be one for every process serving the app: in memory for a single process, in Redis
 * (REDIS_URL) when several processes share the work. Each port has both implementations
 * (memoryState.ts, redisState.ts); all methods are async so callers do not care which.
 */

/** Deliveries whose job finished with an answer: a redelivery of one of them is not run again. */
export interface DeliveryLog {
  has(deliveryId: string): Promise<boolean>;
  add(deliveryId: string): Promise<void>;
}

/**
 * One job per request at intake: keys (e.g. an issue and a label) held by the delivery whose job is
 * queued or running. A second delivery for a held key is the same request (GitHub sends `opened` and
 * `labeled` together for an issue created with a label) and is dropped before it is queued.
 */
export interface IntakeGuard {
  /** Claims every key for `holder`, or none when another holder has one; true when this holder holds them (a redelivery of the holder too). */
  claim(keys: readonly string[], holder: string, ttlMs: number): Promise<boolean>;
  /** Frees the keys still held by `holder` (its job ended, done or failed). */
  release(keys: readonly string[], holder: string): Promise<void>;
}

export type AllowanceAnswer =
  | { ok: true; token: string }
  | { ok: false; retryInSeconds: number; firstRefusal: boolean };

/** Per user and repository: at most `limit` commands in any `windowMs` (a sliding window), a burst allowance rather than a pause. */
export interface CommandAllowance {
  take(key: string, limit: number, windowMs: number): Promise<AllowanceAnswer>;
  /** Gives back what `take` counted (the command failed), so its retry is not refused. */
  release(key: string, token: string): Promise<void>;
}

/** Tokens spent per installation per UTC day. */
export interface TokenLedger {
  used(installation: string): Promise<number>;
  /** True when `limit` (0 = unlimited) is reached for this installation today. */
  exhausted(installation: string, limit: number): Promise<boolean>;
  add(installation: string, tokens: number): Promise<void>;
}

/**
 * The model's answers per delivery, kept for a bounded time (values are JSON text): a re-run of the same
 * delivery (a write GitHub refused, a killed worker) reuses them instead of paying the model again.
 */
export interface AnswerStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
}

export interface SharedState {
  deliveries: DeliveryLog;
  answers: AnswerStore;
  intake: IntakeGuard;
  allowance: CommandAllowance;
  tokens: TokenLedger;
}
