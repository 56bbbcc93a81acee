import { findLivingComment } from '../github/findLivingComment.js';
import type { CommentData, GitHub } from '../github/GitHub.js';
import type { MarkerData } from '../domain/marker.js';

const MAX_DELIVERIES = 20;

/** Marker for the next version of a living comment: keeps the last deliveries so redeliveries are recognised. */
export function nextMarker(previous: MarkerData | undefined, family: string, deliveryId: string | undefined, extra: Partial<MarkerData> = {}): MarkerData {
  const deliveries = [...(previous?.deliveries ?? [])];
  if (deliveryId && !deliveries.includes(deliveryId)) deliveries.push(deliveryId);
  return { ...previous, ...extra, family, deliveries: deliveries.slice(-MAX_DELIVERIES) };
}

/** Edit the bot's comment of this family in place, or create it: never a second one. */
export async function upsertLivingComment(
  github: GitHub,
  number: number,
  family: string,
  body: string,
  existing?: { comment: CommentData },
): Promise<CommentData> {
  const current = existing ?? (await findLivingComment(github, number, family));
  if (current) return github.updateComment(current.comment.id, body);
  return github.createComment(number, body);
}
