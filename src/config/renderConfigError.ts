import { formatIssueLine, type ConfigError } from './ConfigError.js';

/** A comment stays readable (and under GitHub's size limit) however broken the file is. */
export const MAX_RENDERED_ISSUES = 50;

/**
 * Inline code that user text cannot break out of: the fence is longer than any backtick run inside,
 * and line breaks (which could end the list item) become spaces.
 */
function codeSpan(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, ' ');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space at each end when both are present, so padding keeps edge backticks and spaces intact.
  const padded = /^[` ]|[` ]$/.test(flat) ? ` ${flat} ` : flat;
  return `${fence}${padded}${fence}`;
}

function problems(count: number): string {
  return count === 1 ? '1 problem' : `${count} problems`;
}

/** The comment posted when `.github/agency.yml` cannot be used; the run goes on with the defaults. */
export function renderConfigError(error: ConfigError): string {
  const shown = error.issues.slice(0, MAX_RENDERED_ISSUES);
  const hidden = error.issues.length - shown.length;
  const lines = [
    `### Agency Architect could not use ${codeSpan(error.source)}`,
    '',
    `Found ${problems(error.issues.length)}:`,
    '',
    ...shown.map((issue) => `- ${codeSpan(formatIssueLine(issue))}`),
  ];
  if (hidden > 0) lines.push(`- …and ${hidden} more ${hidden === 1 ? 'problem' : 'problems'}, not shown here.`);
  lines.push(
    '',
    `The defaults are used for this run. To fix it, correct or remove each field listed above in ${codeSpan(error.source)} on the default branch (a removed field takes its default); the next event reads the corrected file.`,
  );
  return `${lines.join('\n')}\n`;
}

// Terminal control characters in user text could rewrite the screen; show them as replacement marks.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** The same report for a terminal (the CLI, which stops instead of using the defaults): every issue, one per line, no Markdown. */
export function plainConfigError(error: ConfigError): string {
  const clean = (text: string) => text.replace(CONTROL, '\ufffd');
  const lines = [
    `${clean(error.source)} has ${problems(error.issues.length)}:`,
    ...error.issues.map((issue) => `  - ${clean(formatIssueLine(issue)).replace(/\r\n?|\n/g, ' ')}`),
    `Nothing was run. Correct or remove these fields in ${clean(error.source)} (a removed field takes its default).`,
  ];
  return `${lines.join('\n')}\n`;
}
