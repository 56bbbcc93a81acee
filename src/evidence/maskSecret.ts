/**
 * A secret as it may be shown: at most 4 characters at each end (the prefix names the kind, the suffix
 * lets its owner recognise it), and nothing of short values.
 */
export function maskSecret(secret: string): string {
  if (secret.length < 16) return '[REDACTED]';
  const keep = secret.length >= 20 ? 4 : 2;
  return secret.slice(0, keep) + '*'.repeat(Math.min(secret.length - 2 * keep, 40)) + secret.slice(-keep);
}
