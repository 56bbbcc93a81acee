import type { Command } from '../domain/commands.js';

export interface Target {
  owner: string;
  repo: string;
  number: number;
  kind: 'issue' | 'pull_request';
}

/** What the bot was asked to do, decided from an event and the config. Plain data. */
export interface Intent {
  command: Command;
  /** Text after the command on its line (trimmed), e.g. the ADR title or extra plan context. */
  args: string;
  target: Target;
  requester: { login: string; type: string };
  /** How it was asked: a label, a slash command, a PR event, a ticked decision checkbox. */
  via: 'label' | 'comment' | 'pull_request' | 'checkbox';
  /** `event.action`, e.g. `issues.labeled`. */
  event: string;
  /** PR head sha pinned when the job is accepted. */
  headSha?: string;
  /** The triggering comment, to react to. */
  commentId?: number;
  installationId?: number;
  /** For `help`: the command name the user typed when it was unknown or disabled. */
  requested?: string;
  /** Automatic PR review under `review.auto: paths`: run only if the PR touches backend paths (checked by the job, which has the file list). */
  onlyIfBackendPaths?: boolean;
  /** For checkbox ticks and `/agency:adr accept <n>`: the plan decisions to record (1-based). */
  decisions?: number[];
}

export type Route = { kind: 'run'; intent: Intent } | { kind: 'ignore'; reason: string };
