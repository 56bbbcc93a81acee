import { stringify } from 'yaml';
import type { Adr, AdrStatus } from '../domain/adrSchema.js';
import { toBeCompleted } from './toBeCompleted.js';

export interface AdrFileMeta {
  number: number;
  status: AdrStatus;
  /** YYYY-MM-DD */
  date: string;
  deciders: string[];
  links: { issue?: string; pullRequest?: string };
  supersedes?: number[];
  supersededBy?: number[];
}

const adrId = (n: number): string => `ADR-${String(n).padStart(4, '0')}`;

/** One line: headings, list items and table-free front matter values must not span lines. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Block text from a model or a user: a line starting with `#` would open a section the parser reads. */
function block(text: string, blank: string): string {
  const body = text.replace(/\r\n?/g, '\n').trim();
  if (!body) return blank;
  return body
    .split('\n')
    .map((line) => line.replace(/^(\s{0,3})(#{1,6})(?=\s|$)/, '$1\\$2'))
    .join('\n');
}

function list(items: string[], blank: string): string {
  const lines = items.map(oneLine).filter(Boolean);
  return (lines.length > 0 ? lines : [blank]).map((l) => `- ${l}`).join('\n');
}

function frontMatter(adr: Adr, meta: AdrFileMeta): string {
  const data: Record<string, unknown> = {
    number: meta.number,
    title: oneLine(adr.title),
    status: meta.status,
    date: meta.date,
    deciders: meta.deciders.map(oneLine).filter(Boolean),
  };
  if (meta.links.issue) data.issue = meta.links.issue;
  if (meta.links.pullRequest) data['pull-request'] = meta.links.pullRequest;
  if (meta.supersedes?.length) data.supersedes = [...meta.supersedes];
  if (meta.supersededBy?.length) data.superseded_by = [...meta.supersededBy];
  // yaml quotes whatever needs quoting (colons, quotes, `#`); lineWidth 0 keeps long titles on one line.
  return `---\n${stringify(data, { lineWidth: 0 })}---`;
}

function options(adr: Adr): string {
  const names = list(adr.options.map((o) => o.name), toBeCompleted('the options that were considered'));
  const details = adr.options
    .filter((o) => o.pros.length > 0 || o.cons.length > 0)
    .map((o) => {
      const points = [...o.pros.map((p) => `- Good: ${oneLine(p)}`), ...o.cons.map((c) => `- Bad: ${oneLine(c)}`)];
      return `### ${oneLine(o.name)}\n\n${points.join('\n')}`;
    });
  return [names, ...details].join('\n\n');
}

function moreInformation(adr: Adr, meta: AdrFileMeta): string {
  const links: string[] = [];
  if (meta.links.issue) links.push(`- Issue: ${meta.links.issue}`);
  if (meta.links.pullRequest) links.push(`- Pull request: ${meta.links.pullRequest}`);
  for (const n of meta.supersedes ?? []) links.push(`- Supersedes ${adrId(n)}.`);
  for (const n of meta.supersededBy ?? []) links.push(`- Superseded by ${adrId(n)}.`);
  const text = adr.moreInformation.trim() ? block(adr.moreInformation, '') : '';
  const parts = [text, links.join('\n')].filter(Boolean);
  return parts.length > 0 ? parts.join('\n\n') : toBeCompleted('links, related decisions and when to revisit this one');
}

/**
 * An ADR file: YAML front matter (number, title, status, date, deciders, links) and MADR-style
 * sections. parseAdrFile reads it back.
 */
export function renderAdrFile(adr: Adr, meta: AdrFileMeta): string {
  const number = String(meta.number).padStart(4, '0');
  const chosen = oneLine(adr.outcome.chosen);
  // A drafted blank is already italic; bold around it would only add noise.
  const chosenText = !chosen ? toBeCompleted('the chosen option') : chosen.startsWith('_') ? chosen : `**${chosen}**`;
  const sections = [
    frontMatter(adr, meta),
    `# ${number}. ${oneLine(adr.title) || 'Decision'}`,
    `## Context and Problem Statement\n\n${block(adr.context, toBeCompleted('the problem this decision solves and the constraints that apply'))}`,
    `## Decision Drivers\n\n${list(adr.drivers, toBeCompleted('the forces that matter most'))}`,
    `## Considered Options\n\n${options(adr)}`,
    `## Decision Outcome\n\nChosen option: ${chosenText}\n\n${block(adr.outcome.justification, toBeCompleted('why this option was chosen over the others'))}`,
    `## Consequences\n\n### Good\n\n${list(adr.consequences.good, toBeCompleted('what becomes easier or safer'))}\n\n### Bad\n\n${list(adr.consequences.bad, toBeCompleted('what becomes harder or costs more'))}`,
    `## Confirmation\n\n${block(adr.confirmation, toBeCompleted('how to check the decision is followed (a test, a lint rule, a review item)'))}`,
    `## More Information\n\n${moreInformation(adr, meta)}`,
  ];
  return `${sections.join('\n\n')}\n`;
}
