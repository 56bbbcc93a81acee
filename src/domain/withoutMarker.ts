/** How the hidden marker (marker.ts) opens and closes: an HTML comment, invisible where GitHub renders Markdown. */
export const MARKER_PREFIX = '<!-- agency-architect:';
export const MARKER_SUFFIX = ' -->';

/** Where the body's last marker is: from its opening to past its closing, and its JSON between; undefined without one. */
export function markerSpan(body: string): { start: number; json: string; end: number } | undefined {
  const start = body.lastIndexOf(MARKER_PREFIX);
  if (start < 0) return undefined;
  const close = body.indexOf(MARKER_SUFFIX, start + MARKER_PREFIX.length);
  if (close < 0) return undefined;
  return { start, json: body.slice(start + MARKER_PREFIX.length, close), end: close + MARKER_SUFFIX.length };
}

/**
 * A comment's body without its hidden marker: what a reader of the rendered comment sees. The CLI prints
 * Markdown as text, where the marker (kilobytes of encoded state for the app's re-runs) is only noise.
 */
export function withoutMarker(body: string): string {
  const span = markerSpan(body);
  return span ? `${body.slice(0, span.start)}${body.slice(span.end)}`.trimEnd() : body;
}
