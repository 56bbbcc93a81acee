/** The sentences the offline plan's summary is made of, so the wording is data, not code. */
export const PLAN_TEXT = {
  engine: 'Offline engine reading (keyword rules, no language model).',
  inputs: {
    issue: 'Only the issue title and body were read',
    pull_request: 'Only the pull request title and description were read',
    withContext: ', together with the text given after the command',
  },
  recognised: (concerns: string) => `It recognised ${concerns}.`,
  nothingRecognised:
    'No specific backend concern was recognised, so the plan lists the defaults that apply to most backend changes; add detail to the issue or run `/agency:plan <context>` for a tailored plan.',
  shape: (shapes: string) => `Recommended shape: ${shapes}.`,
  figures: 'The figures are starting defaults (see the assumptions); a run with the Claude model can tailor the design to this codebase.',
  decisionsRead: (count: number) =>
    `${count} recorded decision${count === 1 ? ' was' : 's were'} available; the offline engine checks only accepted ones, by keyword, for conflicts with this plan.`,
};
