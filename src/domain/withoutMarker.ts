/** How the hidden marker (marker.ts) opens and closes: an HTML comment, invisible where GitHub renders Markdown. */
export const MARKER_PREFIX = '<!-- agency-architect:';
export const MARKER_SUFFIX = ' -->';

/**
 * A comment's body without its hidden marker: what a reader of the rendered comment sees. The CLI prints
 * Markdown as text, where the marker (kilobytes of encoded state for the app's re-runs) is only noise.
 */
export function withoutMarker(body: string): string {
  const start = body.lastIndexOf(MARKER_PREFIX);
  if (start < 0) return body;
  const end = body.indexOf(MARKER_SUFFIX, start + MARKER_PREFIX.length);
  if (end < 0) return body;
  return `${body.slice(0, start)}${body.slice(end + MARKER_SUFFIX.length)}`.trimEnd();
}
