import type { Agent } from '../domain/Agent.js';
import type { Config } from '../config/configSchema.js';
import type { GitHub } from '../github/GitHub.js';
import type { Model } from '../domain/Model.js';
import type { Intent } from '../triggers/Intent.js';
import type { LivingComment } from '../github/findLivingComment.js';
import type { DecisionRef } from '../domain/Model.js';
import type { MarkerData } from '../domain/marker.js';

export interface JobLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

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
