import type { Config } from '../config/configSchema.js';
import type { CommentData, ReadGitHub as GitHub } from '../github/GitHub.js';
import type { Subject } from '../domain/Model.js';
import { safeEnd } from '../domain/safeEnd.js';
import { decodeMarker } from '../domain/marker.js';
import { removedNotice, sanitizeUntrusted } from '../security/sanitizeUntrusted.js';
import { groupDigits } from '../domain/groupDigits.js';

const MAX_COMMENTS = 15;

/** Cut untrusted text to the configured length, saying so (never silently). */
export function boundText(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const end = safeEnd(text, max);
  return { text: `${text.slice(0, end)}\n\n[cut: ${text.length - end} more characters not read]`, cut: true };
}

/** Recent human discussion: no bots, no comments carrying one of our markers. */
export function humanComments(comments: CommentData[], botLogin: string): CommentData[] {
  return comments
    .filter((c) => c.author !== botLogin && c.authorType !== 'Bot' && !c.author.endsWith('[bot]') && !decodeMarker(c.body))
    .slice(-MAX_COMMENTS);
}

/** The issue or PR and its recent human comments, bounded: all of it is untrusted data. */
export async function gatherSubject(
  github: GitHub,
  number: number,
  kind: Subject['kind'],
  config: Config,
  botLogin: string,
  notices: string[],
): Promise<Subject> {
  const [issue, comments] = await Promise.all([github.issue(number), github.comments(number, 100)]);
  const max = config.limits.maxBodyChars;
  const what = kind === 'issue' ? 'issue' : 'pull request';
  // Hidden content (HTML comments, invisible characters, images, hidden elements) never reaches the model.
  const removed = new Set<string>();
  const clean = (text: string) => {
    const result = sanitizeUntrusted(text);
    result.removed.forEach((r) => removed.add(r));
    return result.text;
  };
  const body = boundText(clean(issue.body), max);
  if (body.cut) notices.push(`The ${what} text is longer than ${groupDigits(max)} characters; only the start was read.`);
  const subject: Subject = {
    kind,
    number,
    url: issue.url,
    title: boundText(clean(issue.title), 500).text,
    body: body.text,
    comments: humanComments(comments, botLogin).map((c) => ({ author: c.author, body: boundText(clean(c.body), Math.min(max, 8000)).text })),
  };
  const notice = removedNotice(`the ${what} text and comments`, [...removed]);
  if (notice && !notices.includes(notice)) notices.push(notice);
  return subject;
}
