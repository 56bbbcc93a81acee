import type { Config } from '../config/configSchema.js';
import type { Model } from '../domain/Model.js';
import { ClaudeModel } from './claude/ClaudeModel.js';
import { OfflineModel } from './offline/OfflineModel.js';
import { withFallback, type ModelLog } from './withFallback.js';

export interface ModelEnv {
  /** ANTHROPIC_API_KEY; absent or empty → the offline engine. */
  apiKey?: string;
  /** ANTHROPIC_BASE_URL, for a proxy or a gateway. */
  baseURL?: string;
}


/** Claude when a key is set (falling back to the offline engine with a visible reason), offline otherwise. */
export function createModel(env: ModelEnv, config: Config, log?: ModelLog): Model {
  const offline = new OfflineModel();
  if (!env.apiKey) return offline;
  const claude = new ClaudeModel({
    apiKey: env.apiKey,
    baseURL: env.baseURL || undefined,
    model: config.model.id,
    maxOutputTokens: config.model.maxOutputTokens,
    inputTokenBudget: config.model.inputTokenBudget,
    timeoutMs: config.model.timeoutSeconds * 1000,
    logger: log,
  });
  return withFallback(claude, offline, log);
}
