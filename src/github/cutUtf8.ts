/**
 * Check-run `output.summary` and `output.text` are limited to 65,535 bytes of UTF-8, not characters
 * (https://docs.github.com/en/rest/checks/runs#create-a-check-run): 20,000 CJK characters are 60,000 bytes.
 */
export const CHECK_OUTPUT_MAX_BYTES = 65_535;

/** UTF-8 length of a string, without allocating a buffer. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3; // BMP, and a lone surrogate (encoded as U+FFFD, 3 bytes)
  }
  return n;
}

/**
 * The longest prefix of `text` whose UTF-8 encoding fits `maxBytes`, never inside a character or a
 * surrogate pair; when something was cut, a short note ends it (inside the budget).
 */
export function cutUtf8(text: string, maxBytes: number, note = '\n\n… (cut to fit GitHub\'s size limit)'): string {
  if (utf8Length(text) <= maxBytes) return text;
  const room = Math.max(0, maxBytes - utf8Length(note));
  let bytes = 0;
  let end = 0;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    const pair = c >= 0xd800 && c <= 0xdbff && end + 1 < text.length && (text.charCodeAt(end + 1) & 0xfc00) === 0xdc00;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > room) break;
    bytes += size;
    end += pair ? 2 : 1;
  }
  const head = text.slice(0, end);
  return utf8Length(note) <= maxBytes ? head + note : head;
}
