import type { Probot } from 'probot';
import type { IntakeGuard } from '../state/SharedState.js';
import { failedDeliveries, type HookDelivery } from './failedDeliveries.js';

export interface ReconcileOptions {
  /** Between passes (default 10 min); the first pass runs at start. */
  intervalMs?: number;
  /** Deliveries older than this are left alone (default 24 h; GitHub keeps them 3 days). */
  maxAgeMs?: number;
  /** Most redeliveries asked for in one pass (default 20). */
  maxPerPass?: number;
  /** Most pages of 100 deliveries read in one pass (default 5). */
  maxPages?: number;
}

interface Log {
  info?(message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/** How long "this process asked for that redelivery" is remembered across processes: GitHub's retention. */
const CLAIM_MS = 3 * 24 * 3600_000;

/**
 * One pass: deliveries GitHub could not hand to the app (the server was down, or answered an error) are
 * redelivered, once each, newest first, within the bounds. Returns the GUIDs redelivered.
 * https://docs.github.com/en/rest/apps/webhooks#list-deliveries-for-an-app-webhook
 * https://docs.github.com/en/rest/apps/webhooks#redeliver-a-delivery-for-an-app-webhook
 */
export async function reconcileDeliveries(probot: Probot, claims: IntakeGuard, options: ReconcileOptions, holder: string): Promise<string[]> {
  const octokit = await probot.auth();
  const maxAgeMs = options.maxAgeMs ?? 24 * 3600_000;
  const since = Date.now() - maxAgeMs;
  const seen: HookDelivery[] = [];
  let pages = 0;
  for await (const page of octokit.paginate.iterator('GET /app/hook/deliveries', { per_page: 100 })) {
    const items = page.data as HookDelivery[];
    seen.push(...items);
    pages++;
    // Newest first: once a page reaches past the age bound, older pages have nothing to do.
    if (pages >= (options.maxPages ?? 5) || items.some((d) => Date.parse(d.delivered_at) < since)) break;
  }
  const redelivered: string[] = [];
  for (const delivery of failedDeliveries(seen, since).slice(0, options.maxPerPass ?? 20)) {
    // Several processes reconcile: the first to claim a delivery asks for it; the claim outlives GitHub's retention.
    if (!(await claims.claim([`redeliver:${delivery.guid}`], holder, CLAIM_MS))) continue;
    await octokit.request('POST /app/hook/deliveries/{delivery_id}/attempts', { delivery_id: delivery.id });
    redelivered.push(delivery.guid);
  }
  return redelivered;
}

/** Runs `reconcileDeliveries` now and every `intervalMs`; failures are logged, never thrown. */
export function startDeliveryReconciler(probot: Probot, claims: IntakeGuard, options: ReconcileOptions, log: () => Log): { stop(): void; pass(): Promise<string[]> } {
  const holder = `reconciler-${process.pid}-${Math.random().toString(36).slice(2)}`;
  let running: Promise<string[]> | undefined;
  const pass = () => {
    running ??= reconcileDeliveries(probot, claims, options, holder)
      .then((guids) => {
        if (guids.length > 0) log().info?.(`asked GitHub to redeliver ${guids.length} failed webhook deliveries: ${guids.join(', ')}`);
        return guids;
      })
      .catch((error: unknown) => {
        log().warn({ err: (error as Error)?.message, status: (error as { status?: number })?.status }, 'webhook delivery reconciliation failed');
        return [];
      })
      .finally(() => (running = undefined));
    return running;
  };
  void pass();
  const timer = setInterval(() => void pass(), options.intervalMs ?? 600_000);
  timer.unref();
  return { stop: () => clearInterval(timer), pass };
}
