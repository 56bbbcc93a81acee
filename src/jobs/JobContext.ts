import type { Agent } from '../agents/Agent.js';
import type { Config } from '../config/configSchema.js';
import type { GitHub } from '../github/GitHub.js';
import type { Model } from '../model/Model.js';
import type { RepoAccess } from '../repomap/repoMapLoader.js';
import type { Intent } from '../triggers/Intent.js';

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
  /** The repository map and read-only tools, built on first use; absent or undefined when unavailable. */
  repoMap?: () => Promise<RepoAccess | undefined>;
}

export type JobOutcome =
  | { status: 'done'; commentUrl?: string; details?: Record<string, unknown> }
  | { status: 'ignored'; reason: string }
  | { status: 'denied'; reason: string }
  | { status: 'duplicate'; reason: string };
