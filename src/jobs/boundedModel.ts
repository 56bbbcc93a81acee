import type { Config } from '../config/configSchema.js';
import type { JobLog } from '../domain/JobLog.js';
import type { Model } from '../domain/Model.js';
import { OfflineModel } from '../model/offline/OfflineModel.js';
import { limitModel } from '../security/limitModel.js';
import { redactModel } from '../security/redactModel.js';
import type { SecurityDeps } from '../security/SecurityDeps.js';

/** The model for one event: requests and answers redacted; calls per event and the daily token budget enforced. */
export function boundedModel(model: Model, config: Config, security: SecurityDeps, installation: string | number, log: JobLog): Model {
  // The offline engine costs nothing and sends nothing: no limits to apply.
  if (model instanceof OfflineModel) return model;
  return limitModel(redactModel(model, security.redact), {
    maxCalls: config.limits.modelCallsPerEvent,
    budget: { tokens: security.tokens, installation: String(installation), limit: config.limits.dailyTokenBudget },
    offline: new OfflineModel(),
    log,
  });
}
