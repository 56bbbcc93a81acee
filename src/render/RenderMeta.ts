import type { EngineInfo } from '../domain/Model.js';
import type { MarkerData } from '../domain/marker.js';

/** What a renderer needs besides the plan or review itself. */
export interface RenderMeta {
  marker: MarkerData;
  info: EngineInfo;
  /** `https://github.com/<owner>/<repo>`: links under it survive sanitising; others become text. */
  repoUrl?: string;
  /** Extra link prefixes allowed by the repository config (`allowedLinks`). */
  allowedLinks?: string[];
  /** Login of the person who asked; the only @-mention left live. */
  requester?: string;
  /** Shown at the top, e.g. hidden content removed, config fallback. */
  notices?: string[];
  /** What changed since the last run of this comment. */
  changes?: string[];
  /** Replaces the default heading, e.g. "Performance plan". */
  title?: string;
}
