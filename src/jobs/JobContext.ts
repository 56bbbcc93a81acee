import type { Agent } from '../domain/Agent.js';
import type { Config } from '../config/configSchema.js';
import type { ReadGitHub } from '../github/GitHub.js';
import type { Published, Write } from '../domain/Write.js';
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
  /** Reads only: a job decides what to write and returns it as its plan. */
  github: ReadGitHub;
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
  /** The clock (dates in ADRs); the real one when absent. */
  now?: () => Date;
  /** The repository map and read-only tools, built on first use; absent or undefined when unavailable. */
  repoMap?: () => Promise<RepoAccess | undefined>;
}

export type JobOutcome =
  /** `data`: the job's structured result (plan, review, ADR) for adapters that print it (the CLI's JSON); never logged. */
  | {
      status: 'done';
      commentUrl?: string;
      details?: Record<string, unknown>;
      data?: unknown;
      /** The job's plan of writes, and what became of each (filled in by runEvent). */
      writes?: readonly Write[];
      published?: readonly Published[];
    }
  | { status: 'ignored'; reason: string }
  | { status: 'denied'; reason: string }
  | { status: 'duplicate'; reason: string };

/**
 * What a job decided: its outcome and the writes that carry it out, in order. The outcome's links (the
 * comment, the check run) are filled in from what the executor published.
 */
export interface JobPlan {
  outcome: JobOutcome;
  writes: Write[];
}

/** What the dispatcher hands every job beside its context: the living comment and what the repository has decided. */
export interface DispatchExtras {
  family: string;
  existing?: LivingComment;
  /** Marker for the comment this job writes (carries the delivery id for redelivery checks). */
  marker: MarkerData;
  decisions: DecisionRef[];
  adrDir?: string;
}
