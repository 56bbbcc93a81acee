import { z } from 'zod';

import { SEVERITIES } from './severity.js';

export { SEVERITIES, severityRank, type Severity } from './severity.js';

/** Where a finding came from: a linter, a secret rule, one of our rules, or the model's judgment. */
export const FindingSourceSchema = z.object({
  kind: z.enum(['squawk', 'secretlint', 'rule', 'model']).describe('Who produced the finding'),
  id: z.string().describe('Rule id, e.g. "adding-required-field" or "sql-concatenation"; "judgment" for the model'),
  url: z.string().nullable().describe('Link to the rule documentation, null when there is none'),
});
export type FindingSource = z.infer<typeof FindingSourceSchema>;

export const FindingSchema = z.object({
  severity: z.enum(SEVERITIES),
  category: z
    .string()
    .describe('Short area, e.g. migration, security, performance, api, data, reliability, observability'),
  title: z.string().describe('One line naming the problem'),
  body: z.string().describe('Why it matters and what to do, in Markdown'),
  path: z.string().nullable().describe('File path relative to the repository root, null for PR-wide findings'),
  line: z.number().int().nullable().describe('Line on the new (right) side of the diff, null when not line-specific'),
  endLine: z.number().int().nullable().describe('Last line of a multi-line range, null for a single line'),
  suggestion: z
    .string()
    .nullable()
    .describe('Replacement text for exactly lines line..endLine (committable suggestion), null when none'),
  source: FindingSourceSchema,
});
export type Finding = z.infer<typeof FindingSchema>;
