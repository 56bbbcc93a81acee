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

/**
 * Keys published in providers' documentation (AWS's `AKIAIOSFODNN7EXAMPLE` ...) and obvious placeholders
 * (`xxxx`, `<your-key>`, `${VAR}`, `changeme`, runs of one character): never reported, still redacted.
 */
export function isExampleOrPlaceholder(secret: string): boolean {
  if (/EXAMPLE|example|Example/.test(secret) || DOCUMENTED_EXAMPLES.has(secret)) return true;
  if (/x{4,}|X{4,}|\*{3,}|\.{3,}|<[^>]*>|\$\{|\{\{|%\(|changeme|change_me|placeholder|dummy|your[_-]?(?:api[_-]?)?(?:key|token|secret|password)|redacted/i.test(secret)) return true;
  const body = secret.replace(/^[A-Za-z]+[_.-]/, '');
  // One character repeated: `aaaa...`, `0000...`.
  return /^(.)\1+$/.test(body);
}

const DOCUMENTED_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  // Stripe's documentation key.
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
]);

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
  { id: 'gitlab-token', name: 'GitLab token', regex: /\bgl(?:pat|ptt|dt|rt|soat|cbt|imt|oas|ffct|agent)-[A-Za-z0-9_-]{20,}/g, report: true },
  { id: 'huggingface-token', name: 'Hugging Face token', regex: /\bhf_[A-Za-z0-9]{30,40}\b/g, report: true },
  { id: 'pypi-token', name: 'PyPI token', regex: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/g, report: true },
  { id: 'digitalocean-token', name: 'DigitalOcean token', regex: /\bdo[por]_v1_[a-f0-9]{64}\b/g, report: true },
  { id: 'vault-token', name: 'HashiCorp Vault token', regex: /\bhv[sbr]\.[A-Za-z0-9_-]{24,}/g, report: true },
  { id: 'postman-api-key', name: 'Postman API key', regex: /\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b/g, report: true },
  { id: 'newrelic-key', name: 'New Relic key', regex: /\bNR(?:AK|II|JS|AA)-[A-Za-z0-9]{20,42}\b/g, report: true },
  { id: 'stripe-test-key', name: 'Stripe test key', regex: /\b[rs]k_test_[A-Za-z0-9]{16,}\b/g, report: true },
  { id: 'twilio-api-key', name: 'Twilio API key', regex: /\bSK[0-9a-fA-F]{32}\b/g, report: true, accept: (s) => /[a-f]/i.test(s.slice(2)) && /\d/.test(s.slice(2)) },
  {
    id: 'twilio-auth-token',
    name: 'Twilio auth token',
    regex: /\bAC[a-f0-9]{32}\b[^\n]{0,120}?\b(?<secret>[a-f0-9]{32})\b/g,
    report: true,
  },
  { id: 'telegram-bot-token', name: 'Telegram bot token', regex: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g, report: true },
  {
    id: 'url-credentials',
    name: 'password in a URL',
    regex: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/'"`]{1,100}:(?<secret>[^\s@/'"`]{3,200})(?=@)/gi,
    report: true,
    accept: (secret) => secret.length >= 6 && !PLACEHOLDER.test(secret) && !TEMPLATE_MARKERS.test(secret) && !/^\$|^:/.test(secret),
    skipInTests: true,
  },
  // Redaction only: bearer tokens and JWTs are often fake or templated in code.
  { id: 'bearer-token', name: 'bearer token', regex: /\b(?:Bearer|Basic)\s+(?<secret>[A-Za-z0-9._~+/-]{20,}=*)/g, report: false },
  { id: 'jwt', name: 'JSON Web Token', regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, report: false },
];
