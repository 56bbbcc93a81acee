import type { AdrLogWrite } from '../domain/Write.js';

const MAX_LOG_LINES = 30;
/** Lines of the ADR comment that list what was recorded; kept across runs on the same issue. */
const LOG_LINE = /^- (?:📝|✅|🔗|⚠️) /u;

/** The log lines of an earlier ADR comment (what it recorded), to keep in the next version. */
export function adrLogLines(body: string): string[] {
  return body.split('\n').filter((l) => LOG_LINE.test(l));
}

/** The ADR comment: the kept lines, then this run's (a line already there moves to the end), bounded. */
export function renderAdrLog(write: Pick<AdrLogWrite, 'heading' | 'previous' | 'problems' | 'footer'>, lines: string[]): string {
  const added = [...lines, ...write.problems];
  const log = [...write.previous.filter((l) => !added.includes(l)), ...added].slice(-MAX_LOG_LINES);
  return [write.heading, '', ...log, '', write.footer].join('\n');
}
