import type { Agent } from '../domain/Agent.js';
import type { Config } from '../config/configSchema.js';
import { collectEvidence } from '../evidence/collectEvidence.js';
import { packDiff } from '../evidence/packDiff.js';
import { withoutNewTableHazards } from '../repomap/newTableHazards.js';
import type { DiffFile } from '../evidence/DiffFile.js';
import type { DecisionRef, EngineInfo, LinkedPlan, Model, PackedDiff, Subject } from '../domain/Model.js';
import type { RepoMap } from '../domain/RepoMap.js';
import type { RepoTools } from '../domain/RepoTools.js';
import type { Review } from '../domain/reviewSchema.js';
import type { Command } from '../domain/commands.js';

export interface ComposeReviewInput {
  agent: Agent;
  focus: Command;
  subject: Subject;
  files: DiffFile[];
  config: Config;
  decisions: DecisionRef[];
  /** The full file at the reviewed sha, for linting whole migrations; absent in the CLI's diff mode. */
  readFile?: (path: string) => Promise<string | undefined>;
  repoMap?: RepoMap;
  repoTools?: RepoTools;
  linkedPlan?: LinkedPlan;
}

export interface ComposedReview {
  review: Review;
  packed: PackedDiff;
  info: EngineInfo;
  /** What the evidence step could not do (e.g. squawk missing), shown to the user. */
  notes: string[];
}

/** Evidence first (linters, secret rules, our rules), then the model's judgment over the packed diff. */
export async function composeReview(model: Model, input: ComposeReviewInput): Promise<ComposedReview> {
  const { config } = input;
  const evidence = await collectEvidence(input.files, { readFile: input.readFile, ignore: config.paths.ignore });
  // A table the same change creates is empty: squawk's lock warnings about it are noise.
  evidence.findings = withoutNewTableHazards(evidence.findings, input.files);
  const packed = packDiff(input.files, {
    backend: config.paths.backend,
    ignore: config.paths.ignore,
    tokenBudget: config.model.inputTokenBudget,
    maxFiles: config.limits.maxFilesPerReview,
  });
  const { data, info } = await model.review({
    agent: input.agent,
    focus: input.focus,
    subject: input.subject,
    diff: packed,
    evidence: evidence.findings,
    decisions: input.decisions,
    repoMap: input.repoMap,
    repoTools: input.repoTools,
    linkedPlan: input.linkedPlan,
  });
  return { review: data, packed, info, notes: evidence.notes };
}
