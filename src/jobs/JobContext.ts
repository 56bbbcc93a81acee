import type { Agent } from '../domain/Agent.js';
import type { Config } from '../config/configSchema.js';
import type { GitHub } from '../github/GitHub.js';
import type { Model } from '../domain/Model.js';
import type { RepoAccess } from '../repomap/repoMapLoader.js';
import type { Intent } from '../triggers/Intent.js';
import type { LivingComment } from '../github/findLivingComment.js';
import type { DecisionRef } from '../domain/Model.js';
import type { MarkerData } from '../domain/marker.js';

import type { JobLog } from '../domain/JobLog.js';
export type { JobLog } from '../domain/JobLog.js';

/** Everything a command handler needs: already routed and authorized. */
export interface JobContext {
  github: GitHub;
  intent: Intent;
  config: Config;
  /** Shown at the top of what is posted (config fallback, removed hidden content ...). */
  notices: string[];
  deliveryId?: string;
  model: Model;
  agents: Agent[];
  botLogin: string;
  log: JobLog;
  /** Repository web URL, for links the renderers may keep. */
  repoUrl: string;
  /** The repository map and read-only tools, built on first use; absent or undefined when unavailable. */
  repoMap?: () => Promise<RepoAccess | undefined>;
}

export type JobOutcome =
  /** `data`: the job's structured result (plan, review, ADR) for adapters that print it (the CLI's JSON); never logged. */
  | { status: 'done'; commentUrl?: string; details?: Record<string, unknown>; data?: unknown }
  | { status: 'ignored'; reason: string }
  | { status: 'denied'; reason: string }
  | { status: 'duplicate'; reason: string };

/** What the dispatcher hands every job beside its context: the living comment and what the repository has decided. */
export interface DispatchExtras {
  family: string;
  existing?: LivingComment;
  /** Marker for the comment this job writes (carries the delivery id for redelivery checks). */
  marker: MarkerData;
  decisions: DecisionRef[];
  adrDir?: string;
}
