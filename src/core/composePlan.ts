import type { EngineInfo, Model, PlanRequest } from '../domain/Model.js';
import type { Plan } from '../domain/planSchema.js';

/** What the think step takes: exactly the model's plan request. */
export type ComposePlanInput = PlanRequest;

export interface ComposedPlan {
  plan: Plan;
  info: EngineInfo;
}

/** Think step for issues: one model call (Claude or offline) with the agent and the accepted decisions. */
export async function composePlan(model: Model, input: ComposePlanInput): Promise<ComposedPlan> {
  const { data, info } = await model.plan(input);
  return { plan: data, info };
}
