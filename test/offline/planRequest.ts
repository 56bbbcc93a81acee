import type { Agent } from '../../src/domain/Agent.js';
import type { DecisionRef, PlanRequest } from '../../src/domain/Model.js';
import type { Command } from '../../src/domain/commands.js';

const agent: Agent = { name: 'backend-architect', description: 'test agent', prompt: 'You are a test.', source: 'test' };

/** A plan request for an issue, with the few fields tests vary. */
export function planRequest(
  title: string,
  body: string,
  options: { context?: string; focus?: Command; decisions?: DecisionRef[]; kind?: 'issue' | 'pull_request' } = {},
): PlanRequest {
  const request: PlanRequest = {
    agent,
    focus: options.focus ?? 'plan',
    subject: { kind: options.kind ?? 'issue', number: 42, title, body, comments: [] },
    decisions: options.decisions ?? [],
  };
  if (options.context !== undefined) request.context = options.context;
  return request;
}
