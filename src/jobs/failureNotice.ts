import { encodeMarker, replaceMarker, type MarkerData } from '../domain/marker.js';
import type { CommentWrite } from '../domain/Write.js';
import type { LivingComment } from '../github/findLivingComment.js';
import { nextMarker } from './nextMarker.js';

export const FAILURE_PREFIX = '> ⚠️ Agency Architect could not finish this run';

/**
 * A failure class for users: an HTTP status at most, never a message or a stack. Only what is true: Octokit
 * gives a request that never got an answer (refused, DNS, reset) status 500 too, and an aborted one as well,
 * so "GitHub answered" needs GitHub's response.
 */
export function describeFailure(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'an internal error';
  const e = error as { name?: unknown; status?: unknown; request?: unknown; response?: { status?: unknown } };
  // The queue aborts running jobs when the server stops (after the shutdown grace).
  if (e.name === 'AbortError') return 'the server stopped before the run finished';
  // Octokit's RequestError carries the request; the response only when GitHub answered.
  if (typeof e.request === 'object' && e.request !== null) {
    const answered = Number(e.response?.status);
    if (answered > 0) return `GitHub answered HTTP ${answered}`;
    // timedFetch's limit passed: neither the connection nor the answer came in time.
    return (e as { cause?: { name?: unknown } }).cause?.name === 'TimeoutError' ? 'GitHub did not answer in time' : 'GitHub could not be reached';
  }
  const status = Number(e.status);
  return status > 0 ? `GitHub answered HTTP ${status}` : 'an internal error';
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
