/** Base64's alphabet (standard and URL-safe share the letters, digits and `=`): what an encoded blob is made of. */
const BASE64 = /[A-Za-z0-9+/=]/;

/** How far the blob must run past the match on each side: no token is written glued to this much base64. */
const MARGIN = 32;

/**
 * Whether text[start, end) sits inside a longer run of base64 characters, with at least MARGIN of them on
 * each side: a piece of an encoded blob (a WebAssembly module or an image inlined as base64), where token
 * shapes like Facebook's `EAA...` turn up by chance. A real token stands apart from its neighbours: a
 * quote, a space, `_`, `-`, `:` or `;`.
 */
export function insideEncodedBlob(text: string, start: number, end: number): boolean {
  for (let i = 1; i <= MARGIN; i++) {
    if (!BASE64.test(text.charAt(start - i)) || !BASE64.test(text.charAt(end - 1 + i))) return false;
  }
  return true;
}
