import { reviewRepoFacts } from '../../repomap/reviewRepoFacts.js';
import type { RepoMap } from '../../domain/RepoMap.js';
import type { LinkedPlan, PackedFile } from '../../domain/Model.js';
import { fixed, type Piece } from './budget.js';
import { untrustedBlock } from './untrusted.js';

/** For a review: the current definition of each table a migration touches, and callers of changed functions. */
export function reviewRepoPieces(map: RepoMap | undefined, files: readonly PackedFile[]): Piece[] {
  if (!map) return [];
  const facts = reviewRepoFacts(map, files);
  if (facts.length === 0) return [];
  return [
    fixed('# What the change touches in the repository\n\n'),
    ...untrustedBlock({ label: 'Tables the migrations touch and callers of changed functions', name: 'repo_touched', text: facts.join('\n') }),
  ];
}

/** The plan of the issue the pull request closes: the review says what it implements, contradicts or leaves out. */
export function linkedPlanPieces(plan: LinkedPlan | undefined): Piece[] {
  if (!plan) return [];
  const text = [
    ...plan.items.map((item) => `- item: ${item}`),
    ...plan.decisions.map((d) => `- decision: ${d}`),
  ].join('\n');
  return [
    fixed(
      `# The plan of issue #${plan.issue}\n\nThis pull request closes or references issue #${plan.issue}, which has an Agency plan. ` +
        'In summary, say briefly which plan items and decisions the change implements, contradicts or leaves out.\n\n',
    ),
    ...untrustedBlock({ label: `Plan of issue #${plan.issue}`, name: 'linked_plan', text }),
  ];
}
