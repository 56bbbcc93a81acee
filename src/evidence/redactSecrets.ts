import { maskSecret } from './maskSecret.js';
import { PRIVATE_KEY_BEGIN, SECRET_PATTERNS } from './secretPatterns.js';

const ALREADY_MASKED = /\*{4}|\[REDACTED\]/;
const KEY_LINE = /^[+\- ]?\s*(?:[A-Za-z0-9+/=]*|(?:Proc-Type|DEK-Info|Comment): .*)\s*$/;
const KEY_BODY = /[A-Za-z0-9+/=]{8,}/g;
/** How far an END marker may be from its BEGIN: 16 KiB holds an 8192-bit RSA key with room to spare. */
const MAX_KEY_CHARS = 16_384;

/**
 * Masks every secret shape we know (reported or not) in a text: pure, synchronous and linear, so it can
 * run on every patch, prompt and comment before it leaves the process. Line structure is kept, so a
 * redacted patch is still a valid patch.
 */
export function redactSecrets(text: string): { text: string; count: number } {
  let count = 0;
  let out = text;
  if (out.includes('PRIVATE KEY')) {
    const keys = redactPrivateKeys(out);
    out = keys.text;
    count += keys.count;
  }
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern.regex, (...args: unknown[]) => {
      const match = args[0] as string;
      const groups = args[args.length - 1] as Record<string, string | undefined> | string;
      const secret = (typeof groups === 'object' ? groups.secret : undefined) ?? match;
      // A pattern's confidence check applies here too: `token = request.headers.token` is code, not a secret.
      if (ALREADY_MASKED.test(secret) || (pattern.accept && !pattern.accept(secret, match))) return match;
      count++;
      const at = match.lastIndexOf(secret);
      return match.slice(0, at) + maskSecret(secret) + match.slice(at + secret.length);
    });
  }
  return { text: out, count };
}

/** Masks the body of each private key block (to its END marker, or to the end of its run of key lines). */
function redactPrivateKeys(text: string): { text: string; count: number } {
  let out = '';
  let last = 0;
  let count = 0;
  for (const m of text.matchAll(PRIVATE_KEY_BEGIN)) {
    const bodyStart = m.index + m[0].length;
    if (m.index < last) continue;
    const end = blockEnd(text, bodyStart);
    out += text.slice(last, bodyStart) + text.slice(bodyStart, end).replace(KEY_BODY, '[REDACTED]');
    last = end;
    count++;
  }
  return { text: out + text.slice(last), count };
}

function blockEnd(text: string, from: number): number {
  const endMarker = text.indexOf('-----END', from);
  if (endMarker !== -1 && endMarker - from <= MAX_KEY_CHARS) return endMarker;
  // No END marker near: the rest of this line, then each following line that looks like key material.
  let end = text.indexOf('\n', from);
  if (end === -1) return text.length;
  while (end < text.length) {
    const next = text.indexOf('\n', end + 1);
    const line = text.slice(end + 1, next === -1 ? text.length : next);
    if (!KEY_LINE.test(line) || line.trim() === '' || line.trim() === '+') break;
    end = next === -1 ? text.length : next;
  }
  return end;
}
