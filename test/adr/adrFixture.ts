import type { Adr } from '../../src/domain/adrSchema.js';

/** A complete ADR as a model would return it. */
export const adrFixture: Adr = {
  title: 'Use PostgreSQL: "the" default store',
  context: 'Orders need transactions.\n\n# Not a heading, said the user',
  drivers: ['Strong consistency', 'Team knows SQL'],
  options: [
    { name: 'PostgreSQL', pros: ['ACID transactions'], cons: ['Vertical write scaling'] },
    { name: 'MongoDB', pros: [], cons: [] },
  ],
  outcome: { chosen: 'PostgreSQL', justification: 'It gives transactions and the team knows it.' },
  consequences: { good: ['One store to run'], bad: ['Sharding later is work'] },
  confirmation: 'A CI check rejects new database drivers.',
  moreInformation: 'See the capacity plan.',
};
