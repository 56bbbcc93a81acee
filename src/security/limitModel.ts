import type { JobLog } from '../domain/JobLog.js';
import type { Model, ModelResult } from '../domain/Model.js';
import type { TokenLedger } from '../state/SharedState.js';
import { billedTokens } from '../state/TokenBudget.js';

export const CALLS_REASON = 'model calls per event reached';
export const BUDGET_REASON = 'daily token budget reached';

export interface ModelLimits {
  /** config.limits.modelCallsPerEvent */
  maxCalls: number;
  /** The shared per-installation counter and today's limit (config.limits.dailyTokenBudget; 0 = unlimited). */
  budget?: { tokens: TokenLedger; installation: string; limit: number };
  /** Answers instead of the model once a limit is reached (the offline engine). */
  offline: Model;
  log?: JobLog;
}

/**
 * The model for one event, bounded: at most `maxCalls` calls, none once the installation's daily token
 * budget is spent. Past a limit the offline engine answers, and the result says why in
 * `info.fallbackReason` (shown in the footer). Usage reported by each call feeds the budget.
 */
export function limitModel(model: Model, limits: ModelLimits): Model {
  let calls = 0;
  async function run<Req, T>(
    operation: keyof Model,
    request: Req,
    call: (m: Model, r: Req) => Promise<ModelResult<T>>,
  ): Promise<ModelResult<T>> {
    const { budget } = limits;
    const reason =
      calls >= limits.maxCalls ? CALLS_REASON : budget && (await budget.tokens.exhausted(budget.installation, budget.limit)) ? BUDGET_REASON : undefined;
    if (reason) {
      limits.log?.warn({ operation, reason, calls, installation: budget?.installation }, `limit: ${reason}; answering offline`);
      const result = await call(limits.offline, request);
      return { ...result, info: { ...result.info, fallbackReason: reason } };
    }
    calls++;
    const result = await call(model, request);
    if (budget && result.info.usage) await budget.tokens.add(budget.installation, billedTokens(result.info.usage));
    return result;
  }
  return {
    plan: (r) => run('plan', r, (m, x) => m.plan(x)),
    review: (r) => run('review', r, (m, x) => m.review(x)),
    adr: (r) => run('adr', r, (m, x) => m.adr(x)),
  };
}
