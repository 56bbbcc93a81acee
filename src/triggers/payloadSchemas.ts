import { z } from 'zod';

/*
 * Only the webhook fields routing reads. `z.object` drops unknown keys, so real payloads (hundreds of
 * fields, more added by GitHub over time) pass, while a truncated one fails with a path to report.
 */

const PositiveInt = z.number().int().positive();

/** Label names of an issue or PR; a missing or null list is no labels. */
const LabelNames = z
  .array(z.object({ name: z.string() }))
  .nullish()
  .transform((labels) => (labels ?? []).map((label) => label.name));

const AddedLabel = z.object({ name: z.string() }).nullish();

export const SenderSchema = z.object({ login: z.string().min(1), type: z.string() });
export type Sender = z.infer<typeof SenderSchema>;

/** Fields every routed event has. */
export const BasePayloadSchema = z.object({
  action: z.string().min(1),
  repository: z.object({ name: z.string().min(1), owner: z.object({ login: z.string().min(1) }) }),
  sender: SenderSchema,
  // Absent in Actions event files; a malformed one should not block routing.
  installation: z.object({ id: PositiveInt }).nullish().catch(undefined),
});

export const IssuesPayloadSchema = z.object({
  issue: z.object({
    number: PositiveInt,
    state: z.string().optional(),
    labels: LabelNames,
    pull_request: z.unknown().optional(),
  }),
  label: AddedLabel,
});

export const IssueCommentPayloadSchema = z.object({
  issue: z.object({ number: PositiveInt, pull_request: z.unknown().optional() }),
  comment: z.object({
    id: PositiveInt,
    body: z
      .string()
      .nullish()
      .transform((body) => body ?? ''),
    // A deleted account shows as null on old payloads.
    user: z.object({ login: z.string() }).nullish(),
  }),
  changes: z.object({ body: z.object({ from: z.string() }).nullish() }).nullish(),
});

export const PullRequestPayloadSchema = z.object({
  pull_request: z.object({
    number: PositiveInt,
    state: z.string(),
    draft: z.boolean().nullish(),
    merged: z.boolean().nullish(),
    head: z.object({ sha: z.string().min(1) }),
    labels: LabelNames,
  }),
  label: AddedLabel,
});
