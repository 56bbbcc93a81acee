/** An entry of GET /app/hook/deliveries: one attempt at delivering one event (`guid`). */
export interface HookDelivery {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  status: string;
  status_code: number;
  event: string;
  action: string | null;
}

/**
 * Deliveries to redeliver, newest first, the attempt to redeliver for each: every attempt of the event
 * failed (no 2xx), none of them is already a redelivery (once each), and the first is newer than `since`.
 */
export function failedDeliveries(attempts: readonly HookDelivery[], since: number): HookDelivery[] {
  const byGuid = new Map<string, HookDelivery[]>();
  for (const a of attempts) byGuid.set(a.guid, [...(byGuid.get(a.guid) ?? []), a]);
  const out: HookDelivery[] = [];
  for (const list of byGuid.values()) {
    if (list.some((a) => a.status_code >= 200 && a.status_code < 300) || list.some((a) => a.redelivery)) continue;
    const latest = list.reduce((x, y) => (Date.parse(y.delivered_at) > Date.parse(x.delivered_at) ? y : x));
    if (Date.parse(latest.delivered_at) >= since) out.push(latest);
  }
  return out.sort((a, b) => Date.parse(b.delivered_at) - Date.parse(a.delivered_at));
}
