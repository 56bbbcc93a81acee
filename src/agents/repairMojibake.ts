/**
 * Bytes 0x80-0x9F as Windows-1252 shows them. Five bytes are undefined there; decoders that follow
 * the WHATWG standard turn them into the C1 control of the same number.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * The byte each character stood for. Every C1 control maps to its own number as well: Latin-1
 * decoders (Node's `windows-1252` TextDecoder among them) show all of 0x80-0x9F that way.
 * Bytes 0xA0-0xFF show as the Latin-1 character of the same number.
 */
const BYTE_OF = new Map<string, number>();
for (let b = 0x80; b <= 0xff; b++) BYTE_OF.set(String.fromCharCode(b), b);
for (let i = 0; i < CP1252_HIGH.length; i++) BYTE_OF.set(CP1252_HIGH.charAt(i), 0x80 + i);

const NON_ASCII_RUN = /[\u0080-\uffff]+/g;
/** Double-encoded text always shows a UTF-8 lead byte as one of Â..ô. */
const POSSIBLE_LEAD = /[\u00c2-\u00f4]/;
const C1_CONTROL = /[\u0080-\u009f]/;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Undo UTF-8 that was decoded as Windows-1252 (or Latin-1) and encoded again ("ðŸ§ " back to "🧠").
 *
 * Works run by run: a maximal run of non-ASCII characters is replaced only when every character maps
 * to a Windows-1252 byte and those bytes are valid UTF-8 as a whole. UTF-8 multi-byte sequences never
 * contain ASCII bytes, so a run is exactly one damaged stretch. Runs that lost a byte upstream, and
 * ordinary accented text ("café", whose lone "é" is not valid UTF-8), are left untouched.
 */
export function repairMojibake(text: string): string {
  if (!POSSIBLE_LEAD.test(text)) return text;
  return text.replace(NON_ASCII_RUN, (run) => {
    const bytes = new Uint8Array(run.length);
    for (let i = 0; i < run.length; i++) {
      const byte = BYTE_OF.get(run.charAt(i));
      if (byte === undefined) return run;
      bytes[i] = byte;
    }
    let decoded: string;
    try {
      decoded = strictUtf8.decode(bytes);
    } catch {
      return run;
    }
    // A repair that yields control characters is not a repair.
    return C1_CONTROL.test(decoded) ? run : decoded;
  });
}
