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
  /** Extra confidence check on a match before it is reported; `match` is the whole match (the name before a value too). */
  accept?: (secret: string, match: string) => boolean;
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
  // Documentation's variants of a real shape: AWS's `...SAMPLEKEY`, `...TESTKEY`, `...FAKEKEY`.
  if (/SAMPLE|FAKE|(?:TEST|DEMO)(?:KEY|TOKEN|SECRET)/.test(secret)) return true;
  const body = secret.replace(/^[A-Za-z]+[_.-]/, '');
  // One character repeated: `aaaa...`, `0000...`.
  return /^(.)\1+$/.test(body);
}

const DOCUMENTED_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  // RFC 6749's sample access and refresh tokens (sections 4.2.2 and 5.1), copied into OAuth libraries' docs.
  '2YotnFZFEjr1zCsicMWpAA',
  'tGzv3JOkF0XG5Qx2TlKWIA',
  // Stripe's documentation key.
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  // The Azure Storage emulator's (Azurite's) published account key, the same on every machine (written in
  // two parts so this file holds no full Azure key shape).
  ['Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq', '/K1SZFPTOtr/KBHBeksoGMGw=='].join(''),
]);

/**
 * Words that mark a value as made up for a test, a demo or a form: `"this-is-probably-a-test"`,
 * `"not-a-real-key"`, and the keyboard runs documentation types (`"abc123xyz456"` in @actions/core's
 * `setSecret` example, `"qwerty-2024"`), which a generated value holds about once in a billion. Not
 * `123456` or `abcdef`: numeric and hex keys written by hand for real hold those runs.
 */
const MADE_UP = /test|fake|sample|demo|mock|stub|not[_-]?a[_-]?(?:real|key|secret)|invalid|foo|bar\b|lorem|placeholder|abc123|qwerty/i;
/** Not a credential but what one looks like in code: a path, a URL, a file name, a format, a key name. */
const NOT_A_VALUE = /^(?:[./~]|https?:|[a-z]+:\/\/)|\.(?:pem|key|json|ya?ml|txt|p12|pfx|crt|env)$|^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^%|^\$[A-Za-z_]/;

/**
 * A literal assigned to a credential's name (`api_key = "..."`, `secret: ...`, `password="..."`) counts
 * when it is a value of some strength: at least 8 characters, not a placeholder, an environment or
 * template reference, a path or URL, a CONSTANT_NAME, or a word that marks it made up. Unquoted values
 * (`.env`, YAML, properties) must look generated: 16 characters or more with digits, so code like
 * `token = request.headers.token` is not taken for one.
 */
function looksLikeAssignedSecret(value: string, quoted: boolean, match = ''): boolean {
  if (value.length < 8 || PLACEHOLDER.test(value) || TEMPLATE_MARKERS.test(value) || PLACEHOLDER_WORDS.test(value)) return false;
  if (MADE_UP.test(value) || NOT_A_VALUE.test(value) || /\s/.test(value)) return false;
  // One word (`"Passwort"`, `"REQUIRED"`), or an identifier naming the credential (`"user_password"`, `"apiToken"`): labels and keys.
  // Not kebab-case phrases: `"keyboard-cat-signing"` is how hard-coded signing secrets are often written.
  if (/^(?:[a-z]{8,15}|[A-Z]{8,15}|[A-Z][a-z]{7,14})$/.test(value)) return false;
  if (/^[a-z]+(?:_[a-z]+)+$|^[a-z]+(?:[A-Z][a-z]+)+$/.test(value) && /pass|secret|token|key|pwd/i.test(value)) return false;
  // A token's or key's id in snake_case (`DATATABLE_TOKEN = 'datatable_update'`, Symfony's CSRF token ids,
  // `SESSION_KEY = "current_user"`): a name for one, not its value. A password stays a password.
  if (/^[a-z]+(?:_[a-z]+)+$/.test(value) && /(?:token|key)["']?\s*(?:=>|:=|[:=])\s*["'`]?$/i.test(match.slice(0, match.lastIndexOf(value)))) return false;
  // A dotted name (`"gen_ai.usage.input_tokens"`, `"auth.token"`): an attribute or setting key.
  if (/^[a-z_]+(?:\.[a-z_]+)+$/.test(value)) return false;
  // Lowercase words around a slash (`"auth-request-type/at"`, `"oauth/access-token"`): a route, a media type or a metric label.
  if (/^[a-z]+(?:[-_][a-z]+)*(?:\/[a-z]+(?:[-_][a-z]+)*)+$/.test(value)) return false;
  if (quoted) return true;
  if (value.length < 16 || (value.match(/\d/g) ?? []).length < 2) return false;
  // Member access or a call, not a value: `config.jwt.secret2`, `os.getenv2(...)`.
  return !/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$|\(/.test(value);
}

/** The names of credentials: the last part of a variable, key or argument name. */
const CREDENTIAL_NAME =
  '(?:api[_-]?key|apikey|api[_-]?secret|app[_-]?secret|client[_-]?secret|consumer[_-]?secret|secret[_-]?key|secret|access[_-]?token|auth[_-]?token|api[_-]?token|refresh[_-]?token|bot[_-]?token|token|password|passwd|pwd|db_?pass|pass[_-]?phrase|passphrase|private[_-]?key|access[_-]?key(?:[_-]?id)?|signing[_-]?key|hmac[_-]?key|encryption[_-]?key|(?:github|gh|gitlab)[_-]?pat)';
/** Name parts after the credential word that make it something else: `password_hint`, `token_url`, `secretName`. */
const NOT_A_CREDENTIAL_SUFFIX =
  '(?:[_-]?(?:name|id(?!\\w)|ids|url|uri|path|file|type|field|label|hint|length|len|header|prefix|env|var|regex|pattern|format|message|msg|endpoint|hash|digest|count|mode|version|expiry|expires|ttl|timeout|policy|validator|param|arn|ref|kind|store|manager|provider|service|table|column|selector))';

/**
 * `name = ` with the name ending in a credential word, or in a credential word and a `_suffix`
 * (`SECRET_KEY_BASE`, `secret_const`); optionally quoted, as a JSON or YAML key. The match starts at the
 * credential word, not at the start of the name: a pattern that first walks the name would retry at
 * every word of a long minified line. A camelCase continuation is another word (`tokenizer`,
 * `passwordConfirmation`), not a credential.
 */
const CREDENTIAL_ASSIGNMENT = `${CREDENTIAL_NAME}(?!${NOT_A_CREDENTIAL_SUFFIX})(?:[_-]\\w{1,12})?["']?\\s*(?:=>|:=|[:=])\\s*`;
/** jwt.io's sample claims (`{"sub":"1234567890","name":"John Doe","iat":1516239022}`): a documentation example. */
const JWT_IO_SAMPLE_CLAIMS = 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ';

/**
 * A JWT is a credential when it is real: its header and claims decode to JSON, the header names a signing
 * algorithm (not `none`), and it is not jwt.io's sample or a Supabase-style public `anon` key.
 */
function isSignedJwt(token: string): boolean {
  const [header, claims] = token.split('.');
  if (!header || !claims || claims === JWT_IO_SAMPLE_CLAIMS) return false;
  try {
    const h = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
    const c = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { role?: unknown };
    return typeof h.alg === 'string' && h.alg.toLowerCase() !== 'none' && c.role !== 'anon';
  } catch {
    return false;
  }
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
  { id: 'google-api-key', name: 'Google API key', regex: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_=-])/g, report: true },
  { id: 'npm-token', name: 'npm token', regex: /\bnpm_[A-Za-z0-9]{36}\b/g, report: true },
  {
    id: 'hardcoded-credential',
    name: 'hard-coded credential',
    regex: new RegExp(`${CREDENTIAL_ASSIGNMENT}(?<q>["'\`])(?<secret>[\\x21\\x23-\\x26\\x28-\\x5f\\x61-\\x7e]{8,200})(?=\\k<q>)`, 'gi'),
    report: true,
    accept: (secret, match) => looksLikeAssignedSecret(secret, true, match),
    skipInTests: true,
  },
  {
    // Unquoted: `.env`, YAML, properties and INI files, where the value runs to the end of the line.
    id: 'hardcoded-credential',
    name: 'hard-coded credential',
    regex: new RegExp(`${CREDENTIAL_ASSIGNMENT}(?<secret>[A-Za-z0-9+/=_.-]{16,200})(?=[ \\t]*(?:$|#|//))`, 'gim'),
    report: true,
    accept: (secret, match) => looksLikeAssignedSecret(secret, false, match),
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
  { id: 'sendgrid-api-key', name: 'SendGrid API key', regex: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, report: true },
  { id: 'mailgun-api-key', name: 'Mailgun API key', regex: /\bkey-[0-9a-f]{32}\b/g, report: true, accept: (s) => /\d/.test(s.slice(4)) && /[a-f]/.test(s.slice(4)) },
  { id: 'mailchimp-api-key', name: 'Mailchimp API key', regex: /\b[0-9a-f]{32}-us\d{1,2}\b/g, report: true },
  { id: 'square-token', name: 'Square token', regex: /\bsq0(?:atp-[A-Za-z0-9_-]{22}|csp-[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g, report: true },
  { id: 'braintree-access-token', name: 'Braintree access token', regex: /\baccess_token\$production\$[0-9a-z]{16}\$[0-9a-z]{32}\b/g, report: true },
  { id: 'facebook-access-token', name: 'Facebook access token', regex: /\bEAA[A-Za-z0-9]{4}[A-Za-z0-9]{60,}/g, report: true, accept: (s) => /[a-z]/.test(s) && /\d/.test(s) },
  {
    id: 'sshpass-password',
    name: 'password on an sshpass command line',
    regex: /\bsshpass\s+-p\s*(?<q>['"]?)(?<secret>[^\s'"$%{}]{4,200})(?=\k<q>(?:\s|$))/g,
    report: true,
  },
  {
    id: 'jwt',
    name: 'signed JSON Web Token',
    regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g,
    report: true,
    accept: isSignedJwt,
    skipInTests: true,
  },
  {
    // STS session tokens run to several hundred base64 characters (too long for the generic credential
    // shape, capped at 200); AWS's docs name them AWS_SESSION_TOKEN / aws_session_token (the older SDKs'
    // aws_security_token), and the HTTP API sends them as X-Amz-Security-Token.
    id: 'aws-session-token',
    name: 'AWS session token',
    regex: /(?:aws[_-]?session[_-]?token|aws[_-]?security[_-]?token|x-amz-security-token)["']?\s*(?:=>|[:=])\s*["']?(?<secret>[A-Za-z0-9/+]{100,}={0,2})(?![A-Za-z0-9/+=])/gi,
    report: true,
  },
  {
    // Azure Storage account keys are 512-bit, so 88 base64 characters ending in `==`, written as
    // `AccountKey=` in connection strings (learn.microsoft.com, "Manage storage account access keys").
    id: 'azure-storage-account-key',
    name: 'Azure Storage account key',
    regex: /\bAccountKey\s*=\s*(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/gi,
    report: true,
  },
  // Onfido API tokens: `api_live.` or `api_sandbox.` (a region may follow: `api_live_us.`), an 11-character
  // id, a dot and 32 characters (documentation.onfido.com, "API tokens"; the shape semgrep's
  // detected-onfido-live-api-token rule reads). The generated last part mixes cases and digits; a dotted
  // module path under a package named `api_live` does not.
  {
    id: 'onfido-api-token',
    name: 'Onfido API token',
    regex: /\bapi_(?:live|sandbox)(?:_[a-z]{2})?\.[A-Za-z0-9_-]{11}\.[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/g,
    report: true,
    accept: (s) => {
      const last = s.slice(s.lastIndexOf('.') + 1);
      return /[A-Z]/.test(last) && /[a-z]/.test(last) && /\d/.test(last);
    },
  },
  // Kolide API keys: `k2sk_v<version>_` and 24 letters and digits (semgrep's detected-kolide-api-key rule).
  { id: 'kolide-api-key', name: 'Kolide API key', regex: /\bk2sk_v\d_[A-Za-z0-9]{24}(?![A-Za-z0-9])/g, report: true },
  {
    // Composio keys: project `ak_` and organization `oak_` keys with 20 URL-safe base64 characters, user
    // `uak_` keys with 43 (docs.composio.dev "Authenticating to Composio"; lengths as semgrep's
    // detected-composio-api-key rule has them). `ak_` is a short prefix: the body must mix upper and lower
    // case and digits, as a generated key does and an identifier (`ak_internal_worker_v2`) does not.
    id: 'composio-api-key',
    name: 'Composio API key',
    regex: /\b(?:o?ak_[A-Za-z0-9_-]{20}|uak_[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
    report: true,
    accept: (s) => {
      const body = s.slice(s.indexOf('_') + 1);
      return /[A-Z]/.test(body) && /[a-z]/.test(body) && /\d/.test(body);
    },
  },
  {
    // SonarQube tokens: `squ_` (user), `sqa_` (global analysis) and `sqp_` (project analysis) and 40 hex
    // characters; older tokens are the 40 hex characters alone, recognised next to a Sonar setting
    // (`sonar.login=`, `sonar.token:`, `SONAR_TOKEN=`, `SONARQUBE=`; gitleaks' sonar-api-token rule keys on
    // the same names). A bare 40-hex string is a commit SHA as often as not, and `sonar.scm.revision` holds one.
    id: 'sonarqube-token',
    name: 'SonarQube token',
    regex: /\bsq[apu]_[0-9a-f]{40}(?![A-Za-z0-9_-])/g,
    report: true,
  },
  {
    id: 'sonarqube-token',
    name: 'SonarQube token',
    regex: /(?:^|[^A-Za-z0-9])sonar(?:qube|cloud)?(?:[_.-]?(?:auth|api|user))?(?:[_.-]?(?:login|token|key))?["']?\s*(?:=>|:=|[:=])\s*["']?(?<secret>(?:sq[apu]_)?[0-9a-f]{40})(?![A-Za-z0-9_-])/gi,
    report: true,
  },
  {
    // age (filippo.io/age) X25519 identities: `AGE-SECRET-KEY-1` and 58 bech32 characters, upper case.
    // The all-zero key (`...1QQQQ...`, bech32 `q` is 0) is a placeholder.
    id: 'age-secret-key',
    name: 'age secret key',
    regex: /\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![A-Za-z0-9])/g,
    report: true,
    accept: (s) => !/^(.)\1+$/.test(s.slice('AGE-SECRET-KEY-1'.length)),
  },
  { id: 'telegram-bot-token', name: 'Telegram bot token', regex: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g, report: true },
  {
    id: 'url-credentials',
    name: 'password in a URL',
    regex: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/'"`]{1,100}:(?<secret>[^\s@/'"`]{3,200})(?=@)/gi,
    report: true,
    accept: (secret) => secret.length >= 6 && !PLACEHOLDER.test(secret) && !TEMPLATE_MARKERS.test(secret) && !/^\$|^:|\{[^}]*\}/.test(secret),
    skipInTests: true,
  },
  {
    // A keyword/value connection string: libpq's `host=db user=app password=... dbname=app`, ADO.NET's and
    // ODBC's `Server=db;User Id=app;Password=...;`. Another of its keywords before the password says what it is.
    id: 'connection-string-password',
    name: 'password in a connection string',
    regex: /\b(?:host|hostaddr|server|data source|user(?: ?id)?|uid|dbname|database|initial catalog|port)\s*=[^\n'"`]{0,200}?(?:^|[\s;])(?:password|pwd)\s*=\s*(?<secret>[^\s;'"`]{6,100})(?=[\s;'"`]|$)/gim,
    report: true,
    accept: (secret) => looksLikeAssignedSecret(secret, true),
    skipInTests: true,
  },
  {
    // A database client given its password as a literal: PHP's `new PDO($dsn, 'app', '...')`, `new mysqli(...)`, `mysqli_connect(...)` (the third argument).
    id: 'connection-string-password',
    name: 'password in a database connection',
    regex: /\b(?:new\s+\\?(?:PDO|mysqli)|mysqli_connect|mysql_connect)\s*\(\s*(?:[^,()\n]+,\s*){2}(?<q>['"])(?<secret>[^'"\n]{6,100})\k<q>/g,
    report: true,
    accept: (secret) => looksLikeAssignedSecret(secret, true),
    skipInTests: true,
  },
  {
    // A credential's name and a literal given to a setter: PHP's `define('DB_PASSWORD', '...')`, Python's `os.environ.setdefault("API_TOKEN", "...")`.
    id: 'hardcoded-credential',
    name: 'hard-coded credential',
    regex: new RegExp(`\\b(?:define|setdefault|putenv)\\s*\\(\\s*(["'])[\\w.-]*?${CREDENTIAL_NAME}\\1\\s*,\\s*(?<q>["'])(?<secret>[\\x21\\x23-\\x26\\x28-\\x5f\\x61-\\x7e]{8,200})\\k<q>`, 'gi'),
    report: true,
    accept: (secret) => looksLikeAssignedSecret(secret, true),
    skipInTests: true,
  },
  // Redaction only: bearer tokens are often fake or templated in code; so are JWTs that do not decode.
  { id: 'bearer-token', name: 'bearer token', regex: /\b(?:Bearer|Basic)\s+(?<secret>[A-Za-z0-9._~+/-]{20,}=*)/g, report: false },
  { id: 'jwt-shaped', name: 'JSON Web Token', regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, report: false },
];
