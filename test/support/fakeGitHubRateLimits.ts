/**
 * GitHub's rate limits in the fake, per installation (or per token for a token that is not an
 * installation's), ON by default:
 *
 * - Primary limit: 5,000 requests an hour for an installation, counted in a window that starts with the
 *   first request; every answer carries x-ratelimit-limit / -remaining / -used / -reset / -resource, and
 *   past the limit GitHub answers 403 with `x-ratelimit-remaining: 0`.
 *   https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#primary-rate-limit-for-github-app-installations
 *   https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#checking-the-status-of-your-rate-limit
 * - Secondary limit on content creation: "No more than 80 content-generating requests per minute and no
 *   more than 500 content-generating requests per hour"; past it GitHub answers 403 (or 429) with a
 *   `retry-after` header and a "secondary rate limit" message.
 *   https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
 *   https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 *   GitHub does not list which requests generate content; the fake counts POST, PATCH and PUT (DELETE
 *   creates nothing), which is at least as strict as GitHub for what this app sends.
 *
 * App JWT requests (token creation, GET /app) and unauthenticated ones are not counted here.
 */
import type { RouteResult } from './fakeGitHubRouting.js';

export interface FakeRateLimitOptions {
  /** Default 80. */
  contentPerMinute?: number;
  /** Default 500. */
  contentPerHour?: number;
  /** Default 5000. */
  primaryPerHour?: number;
  /** Status of a secondary-limit refusal: GitHub uses 403 or 429. Default 403. */
  secondaryStatus?: 403 | 429;
  /** The clock (epoch ms), for tests that fast-forward. Default Date.now. */
  now?: () => number;
}

export interface RateLimitAdmission {
  /** The refusal to send instead of the handler's answer. */
  refusal?: RouteResult;
  /** x-ratelimit-* headers for the answer. */
  headers: Record<string, string>;
}

export interface FakeRateLimits {
  /** Counts one authenticated request (`key`: installation or token) and says whether GitHub would answer it. */
  admit(key: string, method: string): RateLimitAdmission;
}

const SECONDARY_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';
const PRIMARY_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#primary-rate-limit-for-github-app-installations';
const MINUTE = 60_000;
const HOUR = 3_600_000;

interface KeyState {
  windowStart: number;
  used: number;
  /** Accepted content-creating requests in the last hour, oldest first. */
  content: number[];
}

/** `false` turns the limits off (a test about something else that needs more than 80 writes a minute). */
export function createFakeRateLimits(options: FakeRateLimitOptions | false = {}): FakeRateLimits {
  if (options === false) return { admit: () => ({ headers: {} }) };
  const perMinute = options.contentPerMinute ?? 80;
  const perHour = options.contentPerHour ?? 500;
  const primary = options.primaryPerHour ?? 5000;
  const now = options.now ?? Date.now;
  const keys = new Map<string, KeyState>();
  return {
    admit(key, method) {
      const t = now();
      let state = keys.get(key);
      if (!state || t >= state.windowStart + HOUR) {
        state = { windowStart: t, used: 0, content: state?.content ?? [] };
        keys.set(key, state);
      }
      const reset = String(Math.ceil((state.windowStart + HOUR) / 1000));
      const headers = (remaining: number) => ({
        'x-ratelimit-limit': String(primary),
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-used': String(primary - remaining),
        'x-ratelimit-reset': reset,
        'x-ratelimit-resource': 'core',
      });
      if (state.used >= primary) {
        const message = `API rate limit exceeded for ${key}.`;
        return { headers: headers(0), refusal: { status: 403, body: { message, documentation_url: PRIMARY_DOCS, status: '403' }, headers: headers(0) } };
      }
      state.used += 1;
      const remaining = primary - state.used;
      if (method !== 'POST' && method !== 'PATCH' && method !== 'PUT') return { headers: headers(remaining) };
      while (state.content.length > 0 && state.content[0]! <= t - HOUR) state.content.shift();
      const lastMinute = state.content.filter((at) => at > t - MINUTE);
      // The oldest request that must leave its window before another is allowed.
      const blocker = lastMinute.length >= perMinute ? lastMinute[lastMinute.length - perMinute]! + MINUTE : state.content.length >= perHour ? state.content[state.content.length - perHour]! + HOUR : undefined;
      if (blocker !== undefined) {
        const status = options.secondaryStatus ?? 403;
        const retryAfter = String(Math.max(1, Math.ceil((blocker - t) / 1000)));
        const message = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
        return { headers: headers(remaining), refusal: { status, body: { message, documentation_url: SECONDARY_DOCS, status: String(status) }, headers: { ...headers(remaining), 'retry-after': retryAfter } } };
      }
      state.content.push(t);
      return { headers: headers(remaining) };
    },
  };
}
