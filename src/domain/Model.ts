import type { Agent } from './Agent.js';
import type { RepoMap } from './RepoMap.js';
import type { RepoTools } from './RepoTools.js';
import type { Command } from './commands.js';
import type { Adr } from './adrSchema.js';
import type { Finding } from './findingSchema.js';
import type { Plan, ProposedDecision } from './planSchema.js';
import type { Review } from './reviewSchema.js';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** What produced a result; rendered in the footer. */
export interface EngineInfo {
  engine: 'offline' | 'claude';
  model?: string;
  usage?: Usage;
  /** Set when a model was wanted but the offline engine answered: a short reason class, never a raw error. */
  fallbackReason?: string;
  /** What the job cost besides tokens: GitHub requests, repository tool calls, and what a limit left unread. */
  cost?: JobCost;
}

export interface JobCost {
  githubRequests?: number;
  /** Of which for the repository map (tree and file reads; 1 when the map was cached). */
  mapRequests?: number;
  toolCalls?: number;
  toolBytes?: number;
  /** Model requests of a tool loop (1 without tools). */
  modelRequests?: number;
  /** What the limits kept the job from reading. */
  notRead?: string[];
}

export interface ModelResult<T> {
  data: T;
  info: EngineInfo;
}

/** The issue or PR being worked on. All text here is untrusted. */
export interface Subject {
  kind: 'issue' | 'pull_request';
  number?: number;
  url?: string;
  title: string;
  body: string;
  comments: { author: string; body: string }[];
}

/** A recorded decision (ADR) summarised for context. */
export interface DecisionRef {
  id: string; // e.g. "ADR-0003"
  title: string;
  status: string;
  decision: string;
  path?: string;
}

/** One file of a diff after ignore rules and budget packing. */
export interface PackedFile {
  path: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  /** Unified diff hunks (redacted) as sent to the model. */
  patch: string;
}

export interface PackedDiff {
  files: PackedFile[];
  /** Files or hunks left out, each with the reason (ignored, budget, binary ...). */
  notReviewed: { path: string; reason: string }[];
  coverage: { reviewedLines: number; totalLines: number };
}

export interface PlanRequest {
  agent: Agent;
  focus: Command;
  subject: Subject;
  /** Extra text after `/agency:plan`. */
  context?: string;
  decisions: DecisionRef[];
  /** What the repository is made of (stack, tables, routes, conventions); absent when it could not be read. */
  repoMap?: RepoMap;
  /** Read-only tools over the repository for a model that can call them, bounded per job. */
  repoTools?: RepoTools;
}

export interface ReviewRequest {
  agent: Agent;
  focus: Command;
  subject: Subject;
  diff: PackedDiff;
  /** Deterministic findings; the model may add to them but never drop them. */
  evidence: Finding[];
  decisions: DecisionRef[];
  repoMap?: RepoMap;
  repoTools?: RepoTools;
  /** The Agency plan of the issue this pull request closes or references, when there is one. */
  linkedPlan?: LinkedPlan;
}

/** A plan comment found on an issue a pull request references: its items and accepted decisions, as text. */
export interface LinkedPlan {
  issue: number;
  items: string[];
  decisions: string[];
}

export interface AdrRequest {
  agent: Agent;
  subject: Subject;
  title: string;
  /** The plan's proposed decision being recorded, when there is one. */
  proposed?: ProposedDecision;
  decisions: DecisionRef[];
}

/** The thinking port: offline engine or Claude. */
export interface Model {
  plan(request: PlanRequest): Promise<ModelResult<Plan>>;
  review(request: ReviewRequest): Promise<ModelResult<Review>>;
  adr(request: AdrRequest): Promise<ModelResult<Adr>>;
}
