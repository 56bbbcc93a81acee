import type { Agent } from '../domain/Agent.js';
import type { DecisionRef, EngineInfo, Model, Subject } from '../domain/Model.js';
import type { Plan } from '../domain/planSchema.js';
import type { Command } from '../domain/commands.js';
import type { RepoMap } from '../repomap/RepoMap.js';
import type { RepoTools } from '../repomap/RepoTools.js';

export interface ComposePlanInput {
  agent: Agent;
  focus: Command;
  subject: Subject;
  context?: string;
  decisions: DecisionRef[];
  repoMap?: RepoMap;
  repoTools?: RepoTools;
}

export interface ComposedPlan {
  plan: Plan;
  info: EngineInfo;
}

/** Think step for issues: one model call (Claude or offline) with the agent and the accepted decisions. */
export async function composePlan(model: Model, input: ComposePlanInput): Promise<ComposedPlan> {
  const { data, info } = await model.plan({
    agent: input.agent,
    focus: input.focus,
    subject: input.subject,
    context: input.context,
    decisions: input.decisions,
    repoMap: input.repoMap,
    repoTools: input.repoTools,
  });
  return { plan: data, info };
}
