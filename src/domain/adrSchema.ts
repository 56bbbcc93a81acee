import { z } from 'zod';

export const ADR_STATUSES = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'] as const;
export type AdrStatus = (typeof ADR_STATUSES)[number];

/** MADR-style content of one decision record; numbering, dates and links are added by code, not the model. */
export const AdrSchema = z.object({
  title: z.string(),
  context: z.string().describe('Context and problem statement'),
  drivers: z.array(z.string()).describe('Decision drivers'),
  options: z.array(z.object({ name: z.string(), pros: z.array(z.string()), cons: z.array(z.string()) })),
  outcome: z.object({ chosen: z.string(), justification: z.string() }),
  consequences: z.object({ good: z.array(z.string()), bad: z.array(z.string()) }),
  confirmation: z.string().describe('How to verify the decision holds (test, lint rule, review item)'),
  moreInformation: z.string(),
});
export type Adr = z.infer<typeof AdrSchema>;
