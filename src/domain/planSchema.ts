import { z } from 'zod';

export const PLAN_SECTION_KINDS = [
  'data-model',
  'api',
  'auth',
  'data-flow',
  'caching',
  'jobs',
  'error-handling',
  'monitoring',
  'scaling',
] as const;
export type PlanSectionKind = (typeof PLAN_SECTION_KINDS)[number];

export const PLAN_SECTION_TITLES: Record<PlanSectionKind, string> = {
  'data-model': 'Data model and indexes',
  api: 'API contract',
  auth: 'Authentication and authorization',
  'data-flow': 'Data flow',
  caching: 'Caching',
  jobs: 'Async jobs and events',
  'error-handling': 'Error handling',
  monitoring: 'Monitoring',
  scaling: 'Scaling',
};

export const PlanSectionSchema = z.object({
  kind: z.enum(PLAN_SECTION_KINDS),
  summary: z.string().describe('The recommendation for this area in one or two sentences'),
  items: z.array(z.string()).describe('Concrete design points: tables, endpoints, keys, limits, with numbers'),
  questions: z.array(z.string()).describe('Questions the team must settle for this area'),
});
export type PlanSection = z.infer<typeof PlanSectionSchema>;

export const TradeOffSchema = z.object({
  topic: z.string(),
  options: z.array(z.object({ name: z.string(), pros: z.array(z.string()), cons: z.array(z.string()) })),
  choice: z.string().describe('The option recommended'),
  rationale: z.string(),
});
export type TradeOff = z.infer<typeof TradeOffSchema>;

const Level = z.enum(['low', 'medium', 'high']);
export const RiskSchema = z.object({
  risk: z.string(),
  likelihood: Level,
  impact: Level,
  mitigation: z.string(),
});
export type Risk = z.infer<typeof RiskSchema>;

export const ProposedDecisionSchema = z.object({
  title: z.string().describe('Short imperative title, usable as an ADR title'),
  decision: z.string().describe('What is decided'),
  rationale: z.string(),
  alternatives: z.array(z.string()),
});
export type ProposedDecision = z.infer<typeof ProposedDecisionSchema>;

export const DecisionConflictSchema = z.object({
  adr: z.string().describe('The recorded decision contradicted, e.g. "ADR-0003 Use PostgreSQL for orders"'),
  explanation: z.string(),
});
export type DecisionConflict = z.infer<typeof DecisionConflictSchema>;

export const PlanSchema = z.object({
  summary: z.string().describe('What is being built and the shape of the recommended design'),
  assumptions: z.array(z.string()),
  sections: z.array(PlanSectionSchema).describe('Only the areas relevant to this work, in the listed order'),
  tradeOffs: z.array(TradeOffSchema),
  risks: z.array(RiskSchema),
  openQuestions: z.array(z.string()),
  checklists: z.object({
    implementation: z.array(z.string()),
    security: z.array(z.string()),
    performance: z.array(z.string()),
    reliability: z.array(z.string()),
  }),
  proposedDecisions: z.array(ProposedDecisionSchema),
  decisionConflicts: z.array(DecisionConflictSchema).describe('Recorded decisions this plan contradicts'),
});
export type Plan = z.infer<typeof PlanSchema>;
