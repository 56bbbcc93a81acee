import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../../src/evidence/detectSecrets.js';
import { redactSecrets } from '../../src/evidence/redactSecrets.js';

// Values are assembled at run time so this file holds nothing that looks like a live credential.
const j = (...parts: string[]) => parts.join('');
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (header: unknown, claims: unknown, signature = j('Qm7vK2xL9tR3wN8pB4zY', '1cF6hJ0dS5gA')) => `${b64(header)}.${b64(claims)}${signature ? `.${signature}` : ''}`;

const scan = (path: string, texts: string[]) => detectSecrets([{ path, lines: texts.map((text, i) => ({ line: i + 1, text })) }]);

describe('a literal assigned to a credential name', () => {
  // [where, line, the secret on it]
  const reported: [string, string, string][] = [
    ['a JavaScript constant', `const apiKey = "${j('Zr7Kq2', 'Vm9Lx4Tw8Np3')}";`, j('Zr7Kq2', 'Vm9Lx4Tw8Np3')],
    ['a Python keyword argument', `client = Client(api_token="${j('N4vB8x', 'Q2mL7kR1tZ')}")`, j('N4vB8x', 'Q2mL7kR1tZ')],
    ['a Python default argument', `def connect(host, password="${j('Rq5t', 'W8zX2vB')}"):`, j('Rq5t', 'W8zX2vB')],
    ['a Go short declaration', `dbPassword := "${j('Hn4#kT', '8wQ1z')}"`, j('Hn4#kT', '8wQ1z')],
    ['a Ruby hash rocket', `conn = connect(:password => "${j('Gx7!mQ', '2vL9')}")`, j('Gx7!mQ', '2vL9')],
    ['a JSON key', `  "client_secret": "${j('b7Qx9Lm2', 'Vt5Kr8Wz1Np4')}",`, j('b7Qx9Lm2', 'Vt5Kr8Wz1Np4')],
    ['a YAML value, unquoted', `  secret_key: ${j('9fK2vL8q', 'X3mZ7tR1wN5b')}`, j('9fK2vL8q', 'X3mZ7tR1wN5b')],
    ['a .env line', `SESSION_SECRET=${j('4QmZ8vK1', 'xL9tR3wN7pB2')}`, j('4QmZ8vK1', 'xL9tR3wN7pB2')],
    ['a weak but real signing secret', `JWT_SECRET = "orchard-lantern-42"`, 'orchard-lantern-42'],
  ];

  it.each(reported)('is reported in %s, masked', async (_where, line, secret) => {
    const findings = await scan('src/settings.py', ['import os', line]);
    expect(findings.map((f) => [f.line, f.severity, f.source.id])).toEqual([[2, 'blocker', 'hardcoded-secret/hardcoded-credential']]);
    expect(findings[0]?.title).toBe('Hardcoded secret: hard-coded credential');
    expect(JSON.stringify(findings)).not.toContain(secret);
  });

  it.each([
    ['an empty string', 'password = ""'],
    ['an environment read (Python)', 'DB_PASSWORD = os.environ["DB_PASSWORD"]'],
    ['an environment read with a default', 'api_key = os.getenv("API_KEY", "")'],
    ['an environment read (JavaScript)', 'const token = process.env.GITHUB_TOKEN'],
    ['a GitHub Actions secret', 'password: ${{ secrets.REGISTRY_PASSWORD }}'],
    ['a Python format placeholder', 'password = "%(db_password)s"'],
    ['changeme', 'password = "changeme"'],
    ['a your-key placeholder', 'api_key = "your-api-key-here"'],
    ['an angle-bracket placeholder', 'token = "<PASTE_TOKEN_HERE>"'],
    ['a value made up for a test', 'password = "this-is-probably-a-test"'],
    ['a value that says it is not real', 'api_key = "not-a-real-key-7"'],
    ['a keyboard run from documentation', 'const apiToken = "abc123xyz456";'],
    ['another keyboard run', 'password = "Qwerty!2024"'],
    ['a form label', 'password: "Passwort"'],
    ['a field name', 'passwordField = "user_password"'],
    ['a dotted attribute name', 'ATTR_USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens"'],
    ['a URL under a token name', 'token_url = "https://auth.internal/oauth/token"'],
    ['a header name', 'TOKEN_HEADER = "X-Auth-Token-2024"'],
    ['a path to a key file', 'private_key = "/etc/ssl/private/app-2024.pem"'],
    ['a CONSTANT_NAME', 'secret = "STRIPE_WEBHOOK_SECRET_V2"'],
    ['code, unquoted', 'secret = settings.payments.webhook_secret2'],
    ['a call, unquoted', 'token = fetch_token(account_id, 2024, region)'],
    ['a short unquoted value', 'password: hunter2'],
    ['a type annotation', '  password: string;'],
    ['a comparison', 'if password == "Xq7!vR2#pL9m":'],
    ['another word that starts with a credential word', 'tokenizer = "bert-base-multilingual-2"'],
    ['a camelCase continuation', 'passwordConfirmation = "Rq5tW8zX2vB"'],
  ])('is not reported for %s', async (_name, line) => {
    expect(await scan('src/settings.py', [line])).toEqual([]);
  });

  it('reads a megabyte-long minified line of dotted names without retrying at every word (a quadratic pattern would time the test out)', async () => {
    const minified = Array.from({ length: 60_000 }, (_, i) => `a${i}.cfg.secretKeyRing=b${i}`).join(';');
    expect(await scan('dist/app.min.js', [minified])).toEqual([]);
    expect(redactSecrets(minified).count).toBe(0);
  });

  it('is not reported in tests and fixtures, where such literals are usually made up', async () => {
    expect(await scan('tests/test_client.py', [`client = Client(api_token="${j('N4vB8x', 'Q2mL7kR1tZ')}")`])).toEqual([]);
  });

  it('is masked before a prompt leaves the process, while code that only names a credential is left alone', () => {
    const secret = j('Zr7Kq2', 'Vm9Lx4Tw8Np3');
    const code = ['token = request.headers.authorization_token2', 'const apiKey = process.env.PAYMENTS_KEY;', 'password: string;'].join('\n');
    expect(redactSecrets(code)).toEqual({ text: code, count: 0 });
    const redacted = redactSecrets(`const apiKey = "${secret}";`);
    expect(redacted.count).toBe(1);
    expect(redacted.text).not.toContain(secret);
  });
});

describe('JSON Web Tokens', () => {
  const signed = jwt({ alg: 'HS256', typ: 'JWT' }, { sub: 'svc-billing', scope: 'admin', iat: 1_700_000_000 });

  it('reports a signed token written in the code, masked', async () => {
    const findings = await scan('src/client.ts', [`const SERVICE_JWT = '${signed}';`]);
    expect(findings.map((f) => [f.line, f.source.id])).toEqual([[1, 'hardcoded-secret/jwt']]);
    expect(JSON.stringify(findings)).not.toContain(signed.split('.')[1]);
  });

  it.each([
    ['an unsigned token', jwt({ alg: 'HS256' }, { sub: 'svc-billing' }, '')],
    ['an alg none token', jwt({ alg: 'none' }, { sub: 'svc-billing' })],
    ['a public anon key (Supabase style)', jwt({ alg: 'HS256', typ: 'JWT' }, { iss: 'supabase', role: 'anon' })],
    ["jwt.io's sample token", jwt({ alg: 'HS256', typ: 'JWT' }, { sub: '1234567890', name: 'John Doe', iat: 1516239022 })],
    ['a token-shaped string that does not decode', j('eyJhbGciOiJIUz', '.eyJzdWIiOiIxMjM0.', 'c2lnbmF0dXJlLXNpZ25hdHVyZQ')],
  ])('does not report %s', async (_name, token) => {
    expect(await scan('src/client.ts', [`const t = '${token}';`])).toEqual([]);
  });

  it('still masks every token-shaped string in what is sent to a model', () => {
    const unsigned = jwt({ alg: 'HS256' }, { sub: 'svc-billing' }, j('c2lnbmF0', 'dXJlLXNpZ25hdHVyZQ'));
    expect(redactSecrets(`Authorization: ${unsigned}`).count).toBe(1);
  });
});

describe('private keys and documentation variants', () => {
  it('reports a PGP private key block whose armor headers come before the key material', async () => {
    const findings = await scan('deploy/signing.asc', [
      '-----BEGIN PGP PRIVATE KEY BLOCK-----',
      'Version: GnuPG v2',
      'Comment: release signing',
      '',
      j('lQdGBF4tY2kBEAC7m9Qx2Lv8Kp3Rz5Wt1Nb7Yc4Hd6Fg8Jk0', 'Lm2Np4Qr6St8Uv0Wx2Yz4Ab6Cd8Ef'),
      '-----END PGP PRIVATE KEY BLOCK-----',
    ]);
    expect(findings.map((f) => [f.line, f.title])).toEqual([[1, 'Hardcoded secret: private key']]);
  });

  it("does not report AWS's documentation key with its SAMPLE, TEST or FAKE endings (secretlint's match stops short of them)", async () => {
    const base = j('wJalrXUtnFEMI/K7MDENG', '/bPxRfiCYE');
    const lines = ['SAMPLEKEY', 'SATESTKEY', 'SAFAKEKEY'].map((end) => `aws_secret_access_key:${base}${end}`);
    expect(await scan('config/aws.ini', lines)).toEqual([]);
  });
});
