/**
 * Token shapes we recognise ourselves, next to secretlint's rules: used line by line to report findings
 * and over whole texts to redact what is sent to the model or posted.
 */
export interface SecretPattern {
  id: string;
  /** Human name used in titles, e.g. "AWS access key id". */
  name: string;
  /**
   * Global regex. The secret is the named group `secret` when present, else the whole match; it ends the
   * match (anything after it is a lookahead) so redaction can keep the prefix.
   */
  regex: RegExp;
  /** false: too loose to report, but redacted anyway (over-redacting costs nothing). */
  report: boolean;
  /** Extra confidence check on a match before it is reported. */
  accept?: (secret: string) => boolean;
  /** Not reported in tests and fixtures, where such literals are usually fake. */
  skipInTests?: boolean;
}

const PLACEHOLDER =
  /^(?:x+|\*+|\.+|-+|_+|0+|changeme|change_me|changeit|password\d*|passwd|secret|example\w*|sample\w*|dummy\w*|test\w*|placeholder\w*|your[\w-]*|my[\w-]*|todo|fixme|none|null|nil|undefined|true|false|admin\d*|root|default|redacted)$/i;
const TEMPLATE_MARKERS = /\$\{|\{\{|%\(|%s|<[^>]*>|process\.env|environ|ENV\[|getenv/i;
const PLACEHOLDER_WORDS = /example|placeholder|changeme|dummy|xxxx|sample|redacted|\*\*\*/i;

/** A literal password counts only if it looks like one: long enough, mixed characters, no template. */
function looksLikeRealPassword(value: string): boolean {
  if (value.length < 8 || PLACEHOLDER.test(value) || TEMPLATE_MARKERS.test(value) || PLACEHOLDER_WORDS.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  return classes >= 3 || (value.length >= 20 && classes >= 2);
}

export const PRIVATE_KEY_BEGIN = /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  { id: 'github-token', name: 'GitHub token', regex: /\bgh[pousr]_[A-Za-z0-9]{36,251}\b/g, report: true },
  { id: 'github-fine-grained-token', name: 'GitHub fine-grained token', regex: /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g, report: true },
  { id: 'anthropic-api-key', name: 'Anthropic API key', regex: /\bsk-ant-[A-Za-z0-9_-]{20,}/g, report: true },
  { id: 'aws-access-key-id', name: 'AWS access key id', regex: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, report: true },
  {
    id: 'aws-secret-access-key',
    name: 'AWS secret access key',
    regex: /(?:aws[_-]?)?secret[_-]?access[_-]?key["']?\s*(?:=>|[:=])\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    report: true,
  },
  { id: 'slack-token', name: 'Slack token', regex: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, report: true },
  { id: 'slack-webhook', name: 'Slack webhook URL', regex: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]{20,}/g, report: true },
  { id: 'stripe-live-key', name: 'Stripe live key', regex: /\b[rs]k_live_[A-Za-z0-9]{16,}\b/g, report: true },
  { id: 'google-api-key', name: 'Google API key', regex: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, report: true },
  { id: 'npm-token', name: 'npm token', regex: /\bnpm_[A-Za-z0-9]{36}\b/g, report: true },
  {
    id: 'hardcoded-password',
    name: 'hardcoded password',
    regex: /(?:password|passwd|pwd|db_?pass|client_?secret|secret_?key)["']?\s*(?:=>|:=|[:=])\s*(?<q>["'`])(?<secret>[^"'`\s]{8,200})(?=\k<q>)/gi,
    report: true,
    accept: looksLikeRealPassword,
    skipInTests: true,
  },
  // Redaction only: credentials in URLs, bearer tokens and JWTs are often fake or templated in code,
  // and secretlint already reports the connection strings that matter.
  {
    id: 'url-credentials',
    name: 'password in a URL',
    regex: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/'"`]{1,100}:(?<secret>[^\s@/'"`]{3,200})(?=@)/gi,
    report: false,
  },
  { id: 'bearer-token', name: 'bearer token', regex: /\b(?:Bearer|Basic)\s+(?<secret>[A-Za-z0-9._~+/-]{20,}=*)/g, report: false },
  { id: 'jwt', name: 'JSON Web Token', regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, report: false },
];
