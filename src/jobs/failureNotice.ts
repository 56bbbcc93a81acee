import { encodeMarker, replaceMarker, type MarkerData } from '../domain/marker.js';
import type { CommentWrite } from '../domain/Write.js';
import type { LivingComment } from '../github/findLivingComment.js';
import { nextMarker } from './nextMarker.js';

export const FAILURE_PREFIX = '> ⚠️ Agency Architect could not finish this run';

/** A failure class for users: an HTTP status at most, never a message or a stack. */
export function describeFailure(error: unknown): string {
  const status = typeof error === 'object' && error !== null && 'status' in error ? Number((error as { status: unknown }).status) : undefined;
  return status ? `GitHub answered HTTP ${status}` : 'an internal error';
}

/**
 * The failure notice, where the user asked: one line without internals, then the living comment as it is
 * now (the job may have written it) with the marker from before the run, so a redelivery of the event
 * runs again from the same state. An earlier notice is replaced, not stacked.
 */
export function failureNotice(input: { number: number; family: string; notice: string; current?: LivingComment; before?: MarkerData }): CommentWrite {
  const { number, family, notice, current } = input;
  if (!current) return { kind: 'comment', number, family, body: `${notice}\n\n${encodeMarker(nextMarker(undefined, family, undefined))}` };
  const kept = replaceMarker(current.comment.body, input.before ?? nextMarker(undefined, family, undefined));
  const rest = kept.split('\n').filter((l) => !l.startsWith(FAILURE_PREFIX)).join('\n').trim();
  return { kind: 'comment', number, family, body: `${notice}\n\n${rest}`, commentId: current.comment.id };
}
