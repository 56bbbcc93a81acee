import { z } from 'zod';
import { ProposedDecisionSchema } from './planSchema.js';
import { MARKER_PREFIX as PREFIX, MARKER_SUFFIX as SUFFIX, markerSpan } from './withoutMarker.js';

/**
 * The hidden marker that identifies the bot's living comment for one job family, and carries the state a
 * re-run needs, so nothing is read back out of rendered prose. Finding a comment needs the marker AND the
 * bot's login. Versioned (`v`) and validated: a marker that does not parse is treated as absent, and the
 * fields below are bounded so a comment edited by hand cannot make the app do unbounded work.
 */
export const MARKER_VERSION = 2;

const Sha = z.string().min(1).max(64);
export const MarkerSchema = z.object({
  /** Absent on markers written before versioning (v1): those carry the same fields, without the plan state. */
  v: z.int().min(1).optional(),
  family: z.string().min(1).max(64),
  /** Reviewed head shas, oldest first (reviews). */
  shas: z.array(Sha).max(50).optional(),
  /** Delivery ids already completed for this comment (bounded). */
  deliveries: z.array(z.string().max(100)).max(50).optional(),
  /** Fingerprints of inline comments already posted (bounded). */
  posted: z.array(z.string().max(200)).max(1000).optional(),
  /** The plan's proposed decisions, numbered from 1 as rendered: what `/agency:adr accept <n>` records. */
  decisions: z.array(ProposedDecisionSchema).max(50).optional(),
  /**
   * Line-anchored findings still open at the last reviewed sha (`OpenFinding` of core/openFindings), so an
   * incremental review counts them while their lines are in the PR. Read back through `readOpenFindings`,
   * which validates each entry.
   */
  open: z.array(z.unknown()).max(200).optional(),
  /** Whether this app's last review on the PR requested changes (and was not dismissed since). */
  blocking: z.boolean().optional(),
  /** Short hashes of the plan's points, so a re-run can say what changed without re-reading the text. */
  points: z.array(z.string().max(16)).max(2000).optional(),
});
export type MarkerData = z.infer<typeof MarkerSchema>;

/** Every string of a value, mapped: the marker stores text percent-encoded. */
function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, map));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map)]));
  return value;
}

function decodeText(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function encodeMarker(data: MarkerData): string {
  const { v: _old, ...fields } = data;
  // Text from the model (a decision's title and rationale) is percent-encoded, so nothing in the hidden
  // comment can read as Markdown, HTML, a mention or a link, and `-->` can never close it early.
  const json = JSON.stringify({ v: MARKER_VERSION, ...(mapStrings(fields, encodeURIComponent) as object) }).replace(/--/g, '\\u002d\\u002d');
  return `${PREFIX}${json}${SUFFIX}`;
}

export function decodeMarker(body: string): MarkerData | undefined {
  const span = markerSpan(body);
  if (!span) return undefined;
  try {
    const raw: unknown = JSON.parse(span.json);
    // Version 2 stores text percent-encoded; earlier markers stored it as is.
    const versioned = typeof raw === 'object' && raw !== null && typeof (raw as { v?: unknown }).v === 'number';
    const parsed = MarkerSchema.safeParse(versioned ? mapStrings(raw, decodeText) : raw);
    if (!parsed.success) return undefined;
    // The version says how to read the fields; callers see only the fields.
    const { v: _version, ...data } = parsed.data;
    return data;
  } catch {
    return undefined;
  }
}

/** The body with its (last) marker replaced by `data`'s, or `data`'s appended when it has none. */
export function replaceMarker(body: string, data: MarkerData): string {
  const span = markerSpan(body);
  if (!span) return `${body.trimEnd()}\n\n${encodeMarker(data)}`;
  return `${body.slice(0, span.start)}${encodeMarker(data)}${body.slice(span.end)}`;
}
