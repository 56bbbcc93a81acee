import type { AdrResult } from '../domain/Write.js';
import { ACTIONS_PULLS_SETTING_URL } from '../github/classifyGitHubError.js';
import { safeLine } from '../render/safeText.js';

const pad = (n: number) => String(n).padStart(4, '0');

/** What to change when GitHub refuses a workflow token's pull request: the setting, by its name, and its docs. */
export const ACTIONS_SETTING_HINT = `the repository setting “Allow GitHub Actions to create and approve pull requests” is off (Settings → Actions → General → Workflow permissions; an organization can turn it off for all its repositories; ${ACTIONS_PULLS_SETTING_URL}).`;

/** One line of the ADR comment for one record, as it turned out. */
export function describeAdrResult(result: AdrResult, title: string, mode: 'pr' | 'direct'): string {
  const name = (n?: number) => `${n !== undefined ? `ADR-${pad(n)} ` : ''}“${safeLine(title)}”`;
  switch (result.kind) {
    case 'pull':
      return `- 📝 ${name(result.number)}: proposed in ${result.pull.url}${result.existed ? ' (already open)' : ''} on \`${result.branch}\`. Merging it accepts the decision.`;
    case 'commit':
      return `- ✅ ${name(result.number)}: committed to the default branch in ${result.url} (\`${result.path}\`).`;
    case 'exists':
      return `- 🔗 ${name(result.number)}: already recorded${result.pull ? `, proposed in ${result.pull.url}` : ` as ${result.url}`}. To change it, use \`/agency:adr supersede <n> <title>\`.`;
    case 'missing':
      return `- ⚠️ ${name()}: not recorded. ${result.message}`;
    case 'branch':
      return `- ⚠️ ${name(result.number)}: committed on \`${result.branch}\`, but GitHub did not let this workflow open the pull request${result.status ? ` (HTTP ${result.status})` : ''}: ${ACTIONS_SETTING_HINT} Run the command again once it is on: the same branch and number are reused. Or [open the pull request yourself](${result.compareUrl}).`;
    case 'refused':
      return mode === 'direct'
        ? `- ⚠️ ${name()}: GitHub refused the commit to the default branch (${result.status ? `HTTP ${result.status}: ` : ''}${safeLine(result.message)}). The branch is probably protected or a ruleset applies; set \`adr.mode: pr\` in \`.github/agency.yml\` to propose decisions as pull requests instead.`
        : `- ⚠️ ${name()}: GitHub refused the commit (${safeLine(result.message)}).`;
    case 'preview':
      return `- 📝 ${name(result.number)}: would be ${mode === 'pr' ? 'proposed in a pull request' : 'committed to the default branch'} as \`${result.path}\` (nothing was committed).`;
  }
}
