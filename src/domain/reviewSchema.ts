import { z } from 'zod';
import { FindingSchema } from './findingSchema.js';
import { DecisionConflictSchema } from './planSchema.js';

export const VERDICTS = ['approve', 'comment', 'request-changes'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const ChecklistItemSchema = z.object({
  item: z.string(),
  status: z.enum(['pass', 'fail', 'n/a', 'check']).describe('check = a human must verify'),
  note: z.string().nullable(),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const ReviewSchema = z.object({
  summary: z.string(),
  verdict: z.enum(VERDICTS),
  findings: z.array(FindingSchema),
  checklist: z.array(ChecklistItemSchema),
  notReviewed: z.array(z.string()).describe('Files or parts not read, with the reason'),
  decisionConflicts: z.array(DecisionConflictSchema),
});
export type Review = z.infer<typeof ReviewSchema>;
