/**
 * The hidden marker that identifies the bot's living comment for one job family, and carries the
 * little state a re-run needs (reviewed shas). Finding a comment needs the marker AND the bot's login.
 */
export interface MarkerData {
  family: string;
  /** Reviewed head shas, oldest first (reviews). */
  shas?: string[];
  /** Delivery ids already completed for this comment (bounded). */
  deliveries?: string[];
  /** Fingerprints of inline comments already posted (bounded). */
  posted?: string[];
  /**
   * Line-anchored findings still open at the last reviewed sha (`OpenFinding` of core/openFindings:
   * path, line, endLine, severity, kind, rule, title, hash of the line's text, sha), so an incremental
   * review counts them while their lines are in the PR. Read back through `readOpenFindings`.
   */
  open?: unknown[];
  /** Whether this app's last review on the PR requested changes (and was not dismissed since). */
  blocking?: boolean;
}

const PREFIX = '<!-- agency-architect:';
const SUFFIX = ' -->';

export function encodeMarker(data: MarkerData): string {
  // `--` cannot appear inside an HTML comment; JSON of our own data never contains it after escaping.
  const json = JSON.stringify(data).replace(/--/g, '\\u002d\\u002d');
  return `${PREFIX}${json}${SUFFIX}`;
}

export function decodeMarker(body: string): MarkerData | undefined {
  const start = body.lastIndexOf(PREFIX);
  if (start < 0) return undefined;
  const end = body.indexOf(SUFFIX, start + PREFIX.length);
  if (end < 0) return undefined;
  try {
    const value: unknown = JSON.parse(body.slice(start + PREFIX.length, end));
    if (!value || typeof value !== 'object' || typeof (value as MarkerData).family !== 'string') return undefined;
    return value as MarkerData;
  } catch {
    return undefined;
  }
}
