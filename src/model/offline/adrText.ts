/** Wording of the offline ADR drafts, kept as data. */
export const ADR_TEXT = {
  kind: { issue: 'issue', pull_request: 'pull request' } as const,
  proposedBy: (reference: string) => `The architecture plan for ${reference} proposed this decision.`,
  requestedOn: (reference: string) => `Requested on ${reference}.`,
  drafted:
    'Drafted by the offline engine (keyword rules, no language model) from the plan\'s proposed decision. Review every section before accepting it.',
  skeleton:
    'Drafted by the offline engine (no language model) as a skeleton: the italic prompts mark what the deciders must fill in before accepting it.',
  blanks: {
    context: 'the problem this decision solves and the constraints that apply',
    drivers: 'the forces that matter most (risk, cost, time to deliver, team skills)',
    anotherOption: 'another option that was considered',
    pros: 'its advantages',
    cons: 'its drawbacks',
    chosen: 'the chosen option',
    justification: 'why it was chosen over the others',
    good: 'what becomes easier or safer',
    bad: 'what becomes harder or costs more',
    confirmation: 'how to check the decision is followed (a test, a lint rule, a review item)',
  },
};
