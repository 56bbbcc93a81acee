import { redactSecrets } from '../evidence/redactSecrets.js';

/** Environment variables whose values are the app's own keys: never written, logged or sent anywhere. */
export const APP_SECRET_ENV = ['ANTHROPIC_API_KEY', 'PRIVATE_KEY', 'WEBHOOK_SECRET', 'GITHUB_TOKEN'] as const;

/** Values shorter than this are not treated as secrets (an empty or "x" value would mask every text). */
const MIN_SECRET_CHARS = 8;

export type Redact = (text: string) => string;

/**
 * A redactor: known token shapes (redactSecrets) plus the exact values given, e.g. the app's keys from
 * the environment. A PEM private key is also matched line by line, so a key quoted in pieces (or with
 * different line endings) is still masked.
 */
export function createRedactor(secrets: readonly (string | undefined)[] = []): Redact {
  const values = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    const normalised = secret.replace(/\\n/g, '\n').replace(/\r\n?/g, '\n');
    for (const value of [secret, normalised]) if (value.trim().length >= MIN_SECRET_CHARS) values.add(value.trim());
    // Key bodies: each base64 line of a PEM block.
    for (const line of normalised.split('\n')) {
      const trimmed = line.trim();
      if (trimmed.length >= 16 && !trimmed.startsWith('-----')) values.add(trimmed);
    }
  }
  // Longest first, so a whole key is replaced before its lines.
  const exact = [...values].sort((a, b) => b.length - a.length);
  return (text: string) => {
    let out = text;
    for (const value of exact) if (out.includes(value)) out = out.split(value).join('[REDACTED]');
    return redactSecrets(out).text;
  };
}

/** The app's keys from an environment (PRIVATE_KEY may carry `\n` escapes, as in `.env` files). */
export function appSecrets(env: Record<string, string | undefined>): string[] {
  return APP_SECRET_ENV.map((name) => env[name]).filter((v): v is string => Boolean(v));
}

/** Every string inside a value redacted (arrays and plain objects walked; other objects kept). */
export function redactDeep<T>(value: T, redact: Redact, depth = 0): T {
  if (typeof value === 'string') return redact(value) as T;
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, redact, depth + 1)) as T;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    // An Error: keep its class of failure, redact its message.
    if (value instanceof Error) return { name: value.name, message: redact(value.message) } as T;
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = redactDeep(v, redact, depth + 1);
  return out as T;
}
