import { RateLimitedError } from './RateLimitedError.js';
import { rateLimitSignal } from './rateLimitSignal.js';
import type { Pacer } from './Pacer.js';

/** One GitHub response as the pacing plugin saw it (for metrics). */
export interface GitHubResponseEvent {
  installation: string;
  method: string;
  /** The route template (`/repos/{owner}/{repo}/issues/{issue_number}/comments`), never owner or repo names. */
  route: string;
  /** 0 when no response came (network error). */
  status: number;
  headers: Record<string, string | number | undefined>;
}

export interface PacingOptions {
  pacer: Pacer;
  /** Pacing key; default the installation id from the client's auth options, else `app`. */
  key?: string;
  /** Retries of one request after a secondary limit before the job is delayed instead (default 2). */
  maxRetries?: number;
  observe?: (event: GitHubResponseEvent) => void;
  now?: () => number;
}

interface RequestOptions {
  method: string;
  url: string;
  baseUrl?: string;
  request?: Record<string, unknown>;
  [key: string]: unknown;
}

interface HookedOctokit {
  hook: { wrap(name: 'request', wrapper: (request: (options: RequestOptions) => Promise<{ status: number; headers: Record<string, string | number | undefined> }>, options: RequestOptions) => Promise<unknown>): void };
}

/** Token requests are authentication, not content: GitHub does not count them as writes (as @octokit/plugin-throttling). */
function isAuthRequest(method: string, route: string): boolean {
  return (method === 'POST' && /^\/app\/installations\/[^/]+\/access_tokens$/.test(route)) || /^\/applications\/[^/]+\/token/.test(route);
}

/** A route without names or numbers: templates pass through; absolute URLs (pagination) are folded. */
export function routeOf(url: string): string {
  let path = url;
  if (/^https?:\/\//.test(url)) path = new URL(url).pathname.replace(/^\/api\/v3(?=\/)/, '');
  path = path.split('?')[0] ?? path;
  return path
    .replace(/^\/repos\/[^/{}]+\/[^/{}]+(?=\/|$)/, '/repos/{owner}/{repo}')
    .split('/')
    .map((segment) => (/^\d+$/.test(segment) ? '{id}' : segment))
    .join('/');
}

function describe(error: unknown): { status?: number; headers: Record<string, string | number | undefined>; message: string } {
  const e = error as { status?: unknown; message?: unknown; response?: { headers?: Record<string, string | number | undefined>; data?: { message?: unknown } } };
  return {
    status: typeof e?.status === 'number' ? e.status : undefined,
    headers: e?.response?.headers ?? {},
    message: `${String(e?.response?.data?.message ?? '')} ${String(e?.message ?? '')}`,
  };
}

/**
 * Octokit plugin: every request of the client goes through the installation's pacer (WritePacer, or RedisWritePacer shared by every process). Writes take a
 * paced slot; a secondary limit pauses the installation and the request is retried after `retry-after`
 * (GitHub refused it, so the retry cannot duplicate it); a spent primary limit throws RateLimitedError at
 * once. POSTs are never retried by @octokit/plugin-retry: a 5xx may come after GitHub created the comment,
 * and the job's re-run finds it by its marker instead.
 */
export function pacingPlugin(octokit: HookedOctokit, octokitOptions: { pacing?: PacingOptions; auth?: unknown }): Record<string, never> {
  const pacing = octokitOptions.pacing;
  if (!pacing) return {};
  const installationId = (octokitOptions.auth as { installationId?: unknown } | undefined)?.installationId;
  const key = pacing.key ?? (installationId !== undefined ? String(installationId) : 'app');
  const now = pacing.now ?? pacing.pacer.now;
  const maxRetries = pacing.maxRetries ?? 2;
  octokit.hook.wrap('request', async (request, options) => {
    const method = String(options.method ?? 'GET').toUpperCase();
    const route = routeOf(String(options.url ?? ''));
    const auth = isAuthRequest(method, route);
    const write = !auth && method !== 'GET' && method !== 'HEAD';
    if (method === 'POST') options.request = { ...options.request, retries: 0 };
    for (let attempt = 0; ; attempt++) {
      const reserved = auth ? () => undefined : await pacing.pacer.acquire(key, write);
      // Bookkeeping after GitHub answered: a shared pacer's store failing here must not turn a sent write into an error.
      const sent = () => Promise.resolve().then(reserved).catch(() => undefined);
      try {
        const response = await request(options);
        await sent();
        pacing.observe?.({ installation: key, method, route, status: response.status, headers: response.headers });
        if (String(response.headers['x-ratelimit-remaining'] ?? '') === '0') {
          // The last request of the window succeeded: the next would be refused until reset.
          const reset = Number(response.headers['x-ratelimit-reset']);
          if (Number.isFinite(reset) && reset > 0) await pacing.pacer.exhaust(key, reset * 1000 + 1000);
        }
        return response;
      } catch (error) {
        await sent();
        const { status, headers, message } = describe(error);
        pacing.observe?.({ installation: key, method, route, status: status ?? 0, headers });
        const signal = auth ? undefined : rateLimitSignal(status, headers, message, now(), attempt);
        if (!signal) throw error;
        if (signal.kind === 'primary') {
          await pacing.pacer.exhaust(key, signal.retryAt);
          throw new RateLimitedError(signal.retryAt, 'primary', key);
        }
        await pacing.pacer.pause(key, signal.retryAt);
        if (attempt >= maxRetries) throw new RateLimitedError(signal.retryAt, 'secondary', key);
      }
    }
  });
  return {};
}
