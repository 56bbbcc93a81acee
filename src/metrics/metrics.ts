import { Counter, Gauge, Histogram, collectDefaultMetrics, register } from 'prom-client';
import type { GitHubResponseEvent } from '../github/pacingPlugin.js';
import type { ModelResult } from '../domain/Model.js';
import { estimateCostUsd } from './modelPrice.js';

/**
 * The app's Prometheus metrics, on prom-client's default registry (the queue's metrics join the same
 * registry from their own module). Served at /metrics by startServer.
 */
function once<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

export const githubRequests = once(
  'agency_github_requests_total',
  () => new Counter({ name: 'agency_github_requests_total', help: 'GitHub API responses, by method, route template and status (0: no response).', labelNames: ['method', 'route', 'status'] }),
);

export const githubRateLimitRemaining = once(
  'agency_github_rate_limit_remaining',
  () => new Gauge({ name: 'agency_github_rate_limit_remaining', help: 'x-ratelimit-remaining of the last GitHub response, per installation.', labelNames: ['installation', 'resource'] }),
);

export const githubRateLimited = once(
  'agency_github_rate_limited_total',
  () => new Counter({ name: 'agency_github_rate_limited_total', help: 'GitHub responses that were a rate limit (403/429), per installation.', labelNames: ['installation', 'status'] }),
);

export const modelTokens = once(
  'agency_model_tokens_total',
  () => new Counter({ name: 'agency_model_tokens_total', help: 'Model tokens reported by the API, by model and kind (input, output, cache_read, cache_write).', labelNames: ['model', 'kind'] }),
);

export const modelCost = once(
  'agency_model_cost_usd_total',
  () => new Counter({ name: 'agency_model_cost_usd_total', help: 'Estimated model spend in US dollars (list prices by family; see modelPrice.ts).', labelNames: ['model'] }),
);

export const jobOutcomes = once(
  'agency_jobs_total',
  () => new Counter({ name: 'agency_jobs_total', help: 'Finished jobs, by webhook event and outcome (done, ignored, denied, duplicate, failed, delayed).', labelNames: ['event', 'outcome'] }),
);

export const jobDuration = once(
  'agency_job_duration_seconds',
  () =>
    new Histogram({
      name: 'agency_job_duration_seconds',
      help: 'Job run time, by webhook event and outcome.',
      labelNames: ['event', 'outcome'],
      buckets: [0.1, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300],
    }),
);

/** Process metrics (RSS, CPU, event-loop lag) once per process. */
export function collectProcessMetrics(): void {
  if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics();
}

export function recordGitHubResponse(event: GitHubResponseEvent): void {
  githubRequests.inc({ method: event.method, route: event.route, status: String(event.status) });
  const remaining = Number(event.headers['x-ratelimit-remaining']);
  if (event.headers['x-ratelimit-remaining'] !== undefined && Number.isFinite(remaining)) {
    githubRateLimitRemaining.set({ installation: event.installation, resource: String(event.headers['x-ratelimit-resource'] ?? 'core') }, remaining);
  }
  if ((event.status === 403 || event.status === 429) && (event.headers['retry-after'] !== undefined || String(event.headers['x-ratelimit-remaining']) === '0')) {
    githubRateLimited.inc({ installation: event.installation, status: String(event.status) });
  }
}

export function recordModelResult(result: ModelResult<unknown>): void {
  const usage = result.info.usage;
  if (!usage) return;
  const model = result.info.model ?? 'unknown';
  modelTokens.inc({ model, kind: 'input' }, usage.inputTokens);
  modelTokens.inc({ model, kind: 'output' }, usage.outputTokens);
  modelTokens.inc({ model, kind: 'cache_read' }, usage.cacheReadTokens);
  modelTokens.inc({ model, kind: 'cache_write' }, usage.cacheWriteTokens);
  modelCost.inc({ model }, estimateCostUsd(model, usage));
}

export function recordJob(event: string, outcome: string, seconds: number): void {
  jobOutcomes.inc({ event, outcome });
  jobDuration.observe({ event, outcome }, seconds);
}
