import { parseArgs } from 'node:util';
import { SEVERITIES, type Severity } from '../domain/severity.js';

export type CliCommand =
  | { kind: 'plan'; issue: string; context?: string }
  | { kind: 'review'; diff?: string; base?: string; failOn?: Severity }
  | { kind: 'adr'; title: string; issue?: string; dir?: string }
  | { kind: 'demo' }
  | { kind: 'rules' }
  | { kind: 'help' }
  | { kind: 'version' };

export interface CliArgs {
  command: CliCommand;
  format: 'markdown' | 'json';
  config?: string;
}

export class UsageError extends Error {}

export const USAGE = `Usage: agency <command> [options]

Commands:
  plan    --issue <file|->            Architecture plan for an issue text (Markdown; first heading = title)
          [--context "<text>"]        Extra context, as after /agency:plan
  review  --diff <file|->             Backend review of a unified diff (git diff / .diff file)
  review  --base <ref>                ... or of \`git diff <ref>...HEAD\` in the current repository
          [--fail-on <severity>]      Exit 1 when a finding is at or above: ${SEVERITIES.join(', ')}
  adr     --title "<title>"           Print the Architecture Decision Record it would write
          [--issue <file>] [--dir <path>]
  demo                                Plan and review the bundled examples (offline, no keys)
  rules                               List the code rules (id, languages, severity, doc link)

Options:
  --format markdown|json              Output format (default markdown: exactly what would be posted)
  --config <path>                     Repository config (default .github/agency.yml if present)
  -h, --help                          This help
  -v, --version                       Version

Without ANTHROPIC_API_KEY the offline engine answers: linter evidence, rules and checklists.`;

/** argv (without node and script) → a command, or a UsageError that says what is wrong. */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        issue: { type: 'string' },
        context: { type: 'string' },
        diff: { type: 'string' },
        base: { type: 'string' },
        'fail-on': { type: 'string' },
        title: { type: 'string' },
        dir: { type: 'string' },
        format: { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'markdown';
  if (format !== 'markdown' && format !== 'json') {
    throw new UsageError(`--format must be "markdown" or "json" (got "${format}")`);
  }
  const base = { format, config: values.config } as const;
  if (values.version) return { ...base, command: { kind: 'version' } };
  if (values.help || positionals.length === 0) return { ...base, command: { kind: 'help' } };
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);

  const name = positionals[0];
  const only = (allowed: string[]) => {
    const extra = Object.keys(values).filter((k) => !['format', 'config', ...allowed].includes(k));
    if (extra.length) throw new UsageError(`"${name}" does not take --${extra[0]}`);
  };
  switch (name) {
    case 'plan':
      only(['issue', 'context']);
      if (!values.issue) throw new UsageError('plan needs --issue <file> (or --issue - for standard input)');
      return { ...base, command: { kind: 'plan', issue: values.issue, context: values.context } };
    case 'review': {
      only(['diff', 'base', 'fail-on']);
      if (!values.diff === !values.base) throw new UsageError('review needs exactly one of --diff <file|-> or --base <ref>');
      const failOn = values['fail-on'];
      if (failOn !== undefined && !(SEVERITIES as readonly string[]).includes(failOn)) {
        throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')} (got "${failOn}")`);
      }
      return { ...base, command: { kind: 'review', diff: values.diff, base: values.base, failOn: failOn as Severity | undefined } };
    }
    case 'adr':
      only(['title', 'issue', 'dir']);
      if (!values.title?.trim()) throw new UsageError('adr needs --title "<title>"');
      return { ...base, command: { kind: 'adr', title: values.title, issue: values.issue, dir: values.dir } };
    case 'demo':
      only([]);
      return { ...base, command: { kind: 'demo' } };
    case 'rules':
      only([]);
      return { ...base, command: { kind: 'rules' } };
    case 'help':
      return { ...base, command: { kind: 'help' } };
    default:
      throw new UsageError(`unknown command "${name}"`);
  }
}
