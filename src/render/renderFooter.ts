import type { EngineInfo, JobCost, Usage } from '../domain/Model.js';
import { encodeMarker, type MarkerData } from '../domain/marker.js';
import { codeSpan, escapePipes, safeLine } from './safeText.js';
import { groupDigits } from '../domain/groupDigits.js';

export const OFFLINE_NOTICE =
  "Offline engine: evidence and checklists only; set ANTHROPIC_API_KEY for the architect's judgment.";

export interface FooterInput {
  marker: MarkerData;
  /** Absent for replies that involve no engine (help, not allowed). */
  info?: EngineInfo;
}

/**
 * The last section of every bot comment. A fallback to the offline engine is said visibly (the
 * reader must know the judgment is missing); the run details stay collapsed; the marker is last,
 * so it survives truncation and `decodeMarker` (which reads the last marker) finds ours.
 */
export function renderFooter({ marker, info }: FooterInput): string {
  const parts: string[] = [];
  if (info?.fallbackReason) {
    parts.push(`> ⚠️ Claude was unavailable (${safeLine(info.fallbackReason)}); this is the offline engine's result.`);
  } else if (info?.engine === 'offline') {
    parts.push(`> ℹ️ ${OFFLINE_NOTICE}`);
  }
  if (info) parts.push(details(info));
  parts.push(encodeMarker(marker));
  return parts.join('\n\n');
}

function details(info: EngineInfo): string {
  const engine = info.engine === 'claude' ? 'Claude' : 'offline engine';
  const rows: [string, string][] = [['Engine', info.engine === 'claude' ? 'Claude' : 'Offline (no model call)']];
  if (info.model) rows.push(['Model', codeSpan(info.model)]);
  if (info.usage) rows.push(['Tokens', tokens(info.usage)]);
  if (info.fallbackReason) rows.push(['Fallback', safeLine(info.fallbackReason)]);
  rows.push(...costRows(info.cost));
  const table = ['| Run | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${escapePipes(v)} |`)];
  return [
    '<details>',
    `<summary>🏗️ Agency Architect · ${engine}</summary>`,
    '',
    ...table,
    '',
    'Comment `/agency:help` for the commands.',
    '',
    '</details>',
  ].join('\n');
}

function tokens(usage: Usage): string {
  const n = groupDigits;
  const parts = [`${n(usage.inputTokens)} input`, `${n(usage.outputTokens)} output`];
  // Cache figures only mean something when caching happened.
  if (usage.cacheReadTokens > 0) parts.push(`${n(usage.cacheReadTokens)} cache read`);
  if (usage.cacheWriteTokens > 0) parts.push(`${n(usage.cacheWriteTokens)} cache write`);
  return parts.join(' · ');
}

function costRows(cost: JobCost | undefined): [string, string][] {
  if (!cost) return [];
  const rows: [string, string][] = [];
  if (cost.githubRequests !== undefined) {
    rows.push(['Repository reads', `${cost.githubRequests}${cost.mapRequests !== undefined ? ` (repository map: ${cost.mapRequests})` : ''}`]);
  }
  if (cost.toolCalls !== undefined && cost.toolCalls > 0) {
    rows.push(['Repository tools', `${cost.toolCalls} call(s) · ${cost.toolBytes === undefined ? 0 : groupDigits(cost.toolBytes)} bytes · ${cost.modelRequests ?? 1} model request(s)`]);
  }
  if (cost.notRead && cost.notRead.length > 0) {
    const shown = cost.notRead.slice(0, 5).map((n) => safeLine(n));
    rows.push(['Not read (limit)', `${shown.join('; ')}${cost.notRead.length > 5 ? `; and ${cost.notRead.length - 5} more` : ''}`]);
  }
  return rows;
}
