import type { MarkerData } from '../domain/marker.js';

const MAX_DELIVERIES = 20;

/** Marker for the next version of a living comment: keeps the last deliveries so redeliveries are recognised. */
export function nextMarker(previous: MarkerData | undefined, family: string, deliveryId: string | undefined, extra: Partial<MarkerData> = {}): MarkerData {
  const deliveries = [...(previous?.deliveries ?? [])];
  if (deliveryId && !deliveries.includes(deliveryId)) deliveries.push(deliveryId);
  return { ...previous, ...extra, family, deliveries: deliveries.slice(-MAX_DELIVERIES) };
}
