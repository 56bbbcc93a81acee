/**
 * A fenced code block whose content cannot close it early: the backtick fence is longer than any
 * backtick run inside. Content is kept byte for byte (a ```suggestion block is committed as-is).
 */
export function codeBlock(content: string, info = ''): string {
  const runs = content.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(2, ...runs.map((r) => r.length)) + 1);
  const body = content.replace(/\r?\n$/, '');
  return content === '' ? `${fence}${info}\n${fence}` : `${fence}${info}\n${body}\n${fence}`;
}
