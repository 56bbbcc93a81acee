/**
 * The App's webhook deliveries: what GitHub tried to deliver, and redelivery on request.
 * https://docs.github.com/en/rest/apps/webhooks#list-deliveries-for-an-app-webhook
 * https://docs.github.com/en/rest/apps/webhooks#redeliver-a-delivery-for-an-app-webhook
 *
 * Tests record deliveries with `recordHookDelivery` (as GitHub would after trying to deliver an event)
 * and may point redeliveries at a server with `setHookTarget`: a redelivery then POSTs the stored
 * payload there, signed, with the same X-GitHub-Delivery GUID, and records the attempt's status.
 */
import { createHmac } from 'node:crypto';
import { HttpError, intParam, notFound, type RouteContext, type Routes } from './fakeGitHubRouting.js';
import type { FakeState } from './fakeGitHubState.js';

export interface HookAttempt {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  duration: number;
  status: string;
  status_code: number;
  event: string;
  action: string | null;
  installation_id: number | null;
  repository_id: number | null;
  throttled_at: null;
}

interface HookState {
  attempts: HookAttempt[];
  payloads: Map<string, unknown>;
  nextId: number;
  target?: { url: string; secret: string };
  /** Redeliveries still in flight (tests wait for them). */
  inFlight: Set<Promise<void>>;
}

const hooks = new WeakMap<FakeState, HookState>();

export function hookState(state: FakeState): HookState {
  let h = hooks.get(state);
  if (!h) hooks.set(state, (h = { attempts: [], payloads: new Map(), nextId: 1, inFlight: new Set() }));
  return h;
}

export interface RecordDeliveryInput {
  guid: string;
  event: string;
  action?: string;
  /** The answer the app gave (0: no answer, connection refused). */
  statusCode: number;
  deliveredAt?: Date;
  payload?: unknown;
  installationId?: number;
}

export function recordHookDelivery(state: FakeState, input: RecordDeliveryInput): HookAttempt {
  const h = hookState(state);
  const attempt: HookAttempt = {
    id: h.nextId++,
    guid: input.guid,
    delivered_at: (input.deliveredAt ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    redelivery: false,
    duration: 0.1,
    status: statusText(input.statusCode),
    status_code: input.statusCode,
    event: input.event,
    action: input.action ?? null,
    installation_id: input.installationId ?? null,
    repository_id: null,
    throttled_at: null,
  };
  h.attempts.push(attempt);
  if (input.payload !== undefined) h.payloads.set(input.guid, input.payload);
  return attempt;
}

export function setHookTarget(state: FakeState, url: string, secret: string): void {
  hookState(state).target = { url, secret };
}

/** Resolves when every redelivery started so far has been answered. */
export async function settleRedeliveries(state: FakeState): Promise<void> {
  await Promise.all([...hookState(state).inFlight]);
}

function statusText(code: number): string {
  if (code === 0) return 'Invalid HTTP Response: 0';
  return code >= 200 && code < 300 ? 'OK' : `Invalid HTTP Response: ${code}`;
}

function requireJwt(ctx: RouteContext): void {
  // Both endpoints take the app's JWT, not an installation token.
  if (ctx.authKind !== 'jwt') throw new HttpError(401, { message: 'A JSON web token could not be decoded', documentation_url: 'https://docs.github.com/rest', status: '401' });
}

async function redeliver(h: HookState, attempt: HookAttempt): Promise<void> {
  const payload = h.payloads.get(attempt.guid);
  let code = 0;
  if (h.target && payload !== undefined) {
    const body = JSON.stringify(payload);
    try {
      const res = await fetch(h.target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'GitHub-Hookshot/fake',
          'x-github-event': attempt.event,
          'x-github-delivery': attempt.guid,
          'x-hub-signature-256': `sha256=${createHmac('sha256', h.target.secret).update(body).digest('hex')}`,
        },
        body,
      });
      await res.text();
      code = res.status;
    } catch {
      code = 0;
    }
  }
  attempt.status_code = code;
  attempt.status = statusText(code);
}

export const hookRoutes: Routes = {
  // Newest first; cursor pagination (GitHub's `cursor` parameter, a Link header with rel="next").
  'GET /app/hook/deliveries': (ctx) => {
    requireJwt(ctx);
    const h = hookState(ctx.state);
    const perPage = Math.min(100, Math.max(1, Number(ctx.query.get('per_page') ?? 30) || 30));
    const start = Number(ctx.query.get('cursor')?.replace(/^v1_/, '') ?? 0) || 0;
    const all = [...h.attempts].sort((a, b) => b.id - a.id);
    const body = all.slice(start, start + perPage);
    const headers: Record<string, string> = {};
    if (start + perPage < all.length) {
      const query = new URLSearchParams({ per_page: String(perPage), cursor: `v1_${start + perPage}` });
      headers.link = `<${ctx.api}${ctx.path}?${query.toString()}>; rel="next"`;
    }
    return { status: 200, body, headers };
  },

  // 202 Accepted; the redelivery is a new attempt of the same GUID with `redelivery: true`.
  'POST /app/hook/deliveries/{delivery_id}/attempts': (ctx) => {
    requireJwt(ctx);
    const h = hookState(ctx.state);
    const original = h.attempts.find((a) => a.id === intParam(ctx, 'delivery_id'));
    if (!original) throw notFound();
    const attempt: HookAttempt = { ...original, id: h.nextId++, redelivery: true, delivered_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), status: 'pending', status_code: 0 };
    h.attempts.push(attempt);
    const flight = redeliver(h, attempt).finally(() => h.inFlight.delete(flight));
    h.inFlight.add(flight);
    return { status: 202, body: {} };
  },
};
