import type { Config } from '../config/configSchema.js';
import { COMMAND_SUMMARIES, COMMANDS, isCommand } from '../domain/commands.js';
import { joinSections } from './limitBody.js';
import type { MarkerData } from '../domain/marker.js';
import { permissionPhrase } from './permissionPhrase.js';
import { renderFooter } from './renderFooter.js';
import { renderPreamble } from './renderPreamble.js';
import { codeSpan, escapePipes } from './safeText.js';

/** How each command is typed; arguments in angle brackets are required, in square brackets optional. */
const USAGE: Partial<Record<(typeof COMMANDS)[number], string>> = {
  plan: '/agency:plan [context]',
  adr: '/agency:adr <title>',
};

/** Longest part of an unknown command name echoed back; the rest is the user's own text anyway. */
const ECHO_MAX = 40;

/** The reply to `/agency:help`, and to an unknown or disabled command (`requested`). */
export function renderHelp(config: Config, opts: { requested?: string; marker: MarkerData; notices?: string[] }): string {
  const enabled = COMMANDS.filter((c) => config.commands.includes(c));
  // Notices first (e.g. an invalid `.github/agency.yml`: the commands below are then the defaults).
  const intro: string[] = [renderPreamble('🏗️ Agency Architect commands', { notices: opts.notices }, {})];
  const note = opts.requested === undefined ? undefined : requestedLine(opts.requested, config);
  if (note) intro.push(note);

  const table =
    enabled.length === 0
      ? 'No commands are enabled in this repository (`commands` in `.github/agency.yml`).'
      : [
          '| Command | What it does |',
          '| --- | --- |',
          ...enabled.map((c) => `| ${escapePipes(codeSpan(USAGE[c] ?? `/agency:${c}`))} | ${escapePipes(COMMAND_SUMMARIES[c])} |`),
        ].join('\n');

  const who = [
    `Commands run for ${permissionPhrase(config.permission)} to this repository; bots are ignored unless listed in \`allowBots\`.`,
    `Labeling an issue ${codeSpan(config.label)} asks for a plan; labeling a pull request asks for a review.`,
    'Write the command at the start of a line of a comment.',
  ].join(' ');

  return joinSections([intro.join('\n\n'), table, who, renderFooter({ marker: opts.marker })]);
}

function requestedLine(requested: string, config: Config): string | undefined {
  const name = requested.trim();
  const shown = codeSpan(`/agency:${name.length > ECHO_MAX ? `${name.slice(0, ECHO_MAX)}…` : name}`);
  if (name === '') return '> ℹ️ `/agency:` needs a command name; these are the ones you can use here.';
  if (isCommand(name) && !config.commands.includes(name)) {
    return `> ℹ️ ${shown} is turned off in this repository (\`commands\` in \`.github/agency.yml\`).`;
  }
  if (isCommand(name)) return undefined;
  return `> ℹ️ ${shown} is not an Agency Architect command. These are:`;
}
