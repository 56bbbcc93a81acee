/** An index at or below `end` that does not split a UTF-16 surrogate pair: cut text with `text.slice(0, safeEnd(text, end))`. */
export function safeEnd(text: string, end: number): number {
  const code = text.charCodeAt(end - 1);
  return end > 0 && code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
}
