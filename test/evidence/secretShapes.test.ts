import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../../src/evidence/detectSecrets.js';

// Assembled from parts so this file holds no token-shaped literal of its own.
const j = (...parts: string[]) => parts.join('');
const HEX64 = '9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c0b2d4f6e8a1c3e5b7d9f0a2c4e6b8d0f';
const SHAPES: [id: string, line: string][] = [
  ['gitlab-token', `GITLAB_TOKEN=${j('glpat-', 'Zk3Vq9LmT2xWb7NcR4sY')}`],
  ['huggingface-token', `HF_TOKEN = "${j('hf_', 'QwErTyUiOpAsDfGhJkLzXcVbNmQwErTyUi')}"`],
  ['pypi-token', `password = ${j('pypi-', 'AgEIcHlwaS5vcmc', 'CJDk2NzQ5ZWI1LTQ4YzItNGQ2Yy1hYmI3LTRhZDUwNDc4ZTk1NAACKlsz')}`],
  ['digitalocean-token', `DO_TOKEN="${j('dop_v1_', HEX64)}"`],
  ['vault-token', `VAULT_TOKEN=${j('hvs.', 'CAESIJq8Zk2Lm9Vx4Tb7Nc1Rw5Yp3Qs6')}`],
  ['postman-api-key', `key: ${j('PMAK-', '64b7f1c2d3e4a5b6c7d8e9f0', '-', 'a1b2c3d4e5f60718293a4b5c6d7e8f9012')}`],
  ['newrelic-key', `NEW_RELIC_API_KEY=${j('NRAK-', 'A1B2C3D4E5F6G7H8J9K0L1M2N3P')}`],
  ['stripe-test-key', `stripe = Stripe(${j("'sk_test_", "51Hx9QkLm2Vt7Rb4Nc8Zp3Ws'")})`],
  ['twilio-api-key', `TWILIO_API_KEY=${j('SK', '3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c2e')}`],
  ['twilio-auth-token', `client = Client("${j('AC', 'b7e3f1a9c5d2e8f4a6b0c9d1e7f3a5b2')}", "${j('4c8e2a6f0b9d3e7a1c5f9b2d6e0a4c8f')}")`],
  ['telegram-bot-token', `BOT_TOKEN = "${j('7312845069', ':AA', 'Hk3LmZx9QwErTyUiOpAsDfGhJkLzXcVbN')}"`],
  ['url-credentials', `const url = "${j('amqp://', 'ingest:', 'Vq7Lm2Xp9Rt4', '@mq.internal:5672/')}";`],
  ['connection-string-password', `db, err := sql.Open("postgres", "host=db.internal user=billing ${j('password=', 'Qv7mX2', 'kLp9Rt', 'Wz4N')} dbname=billing sslmode=require")`],
  ['connection-string-password', `"Server=sql01;Database=Shop;User Id=shop;${j('Password=', 'T4nk', 'Vr8Qz2', 'LmWx5P')};"`],
  ['connection-string-password', `$pdo = new PDO('mysql:host=db;dbname=shop', 'shop', '${j('Lq4Zr8', 'Tn2Wx6', 'Pv9K')}');`],
  ['hardcoded-credential', `define('DB_PASSWORD', '${j('Hs7Qm2', 'Vk9Rz4', 'Lw3N')}');`],
  ['sendgrid-api-key', `SENDGRID = "${j('SG.', 'Kq3vR8mT1xZp5Lw9Nc2Yb7', '.', 'Hd4Fg6Jk8Lm0Np2Qr4St6Uv8Wx0Yz2Ab4Cd6Ef8Gh0I')}"`],
  ['mailgun-api-key', `mg_key: ${j('key-', '3c9e1a7b5d2f8e4a6c0b9d1f7e3a5c2b')}`],
  ['mailchimp-api-key', `chimp = '${j('7d3f9b1e5a2c8f4d6b0e9a1c7f3d5b2e', '-us', '14')}'`],
  ['square-token', `SQUARE = "${j('sq0atp-', 'Vb8Nm2Kq5Lx9Rt3Wz7Yp1C')}"`],
  ['braintree-access-token', `gateway = "${j('access_token$production$', 'k2m9q7x4v1z8w3p6', '$', 'b1f7e3a9c5d2f8e4a6c0b9d1f7e3a5c2')}"`],
  ['facebook-access-token', `FB_TOKEN=${j('EAAG', 'm0PX4ZCpsBAO2vK9hLq7Zt3Wn8Rb5Yc1Xd6Fe4Gh2Jk9Lm0Np3Qr7St5Uv8Wx1Yz4Ab6Cd2Ef9Gh')}`],
  ['sshpass-password', `sshpass -p '${j('Tq8', 'vLm2', 'Xr5', 'Wn4Kp7')}' ssh deploy@10.0.0.7 ./release.sh`],
  ['hardcoded-credential', `payments_api_key = "${j('Zr7Kq2', 'Vm9Lx4Tw8Np3')}"`],
];

const scan = (path: string, texts: string[]) => detectSecrets([{ path, lines: texts.map((text, i) => ({ line: i + 1, text })) }]);

describe('token shapes', () => {
  it.each(SHAPES)('reports %s on its line, masked', async (id, line) => {
    const findings = await scan('src/settings.py', ['x = 1', line]);
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[2, 'blocker']]);
    // Ours, unless secretlint reported the same line first (then one finding, under its rule).
    if (findings[0]?.source.kind === 'rule') expect(findings[0].source.id).toBe(`hardcoded-secret/${id}`);
    const secret = /[A-Za-z0-9_.:-]{16,}/.exec(line.replace(/^[A-Z_]+=|^[a-z_ ]+[=:(]\s*/i, ''))?.[0] ?? '';
    expect(JSON.stringify(findings)).not.toContain(secret);
  });

  it('reports a PEM private key written inside a string literal', async () => {
    const body = 'MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi2BHg3G1c4xQv8r2lWmNs7Kp0Ye5';
    const findings = await scan('src/sign.ts', [`const key = "-----BEGIN RSA PRIVATE KEY-----\\n${body}\\n-----END RSA PRIVATE KEY-----";`]);
    expect(findings.map((f) => [f.line, f.title])).toEqual([[1, 'Hardcoded secret: private key']]);
  });
});

describe('documented examples and placeholders', () => {
  it.each([
    ['the AWS documentation key id', "aws_access_key_id = 'AKIAIOSFODNN7EXAMPLE'"],
    ['the AWS documentation secret', "aws_secret_access_key = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'"],
    ["Stripe's documentation key", `stripe.api_key = "${j('sk_test_', '4eC39HqLyjWDarjtT1zdp7dc')}"`],
    ['a run of x', `TOKEN=${j('glpat-', 'xxxxxxxxxxxxxxxxxxxx')}`],
    ['an angle-bracket placeholder', 'const url = "postgres://app:<your-password>@db:5432/app";'],
    ['a template variable', 'const url = `postgres://app:${DB_PASSWORD}@db:5432/app`;'],
    ['changeme', 'DATABASE_URL=postgres://app:changeme@db:5432/app'],
    ['a repeated character', `HF_TOKEN=${j('hf_', 'a'.repeat(34))}`],
    ['a your-key placeholder', `key = "${j('sk_test_', 'your_api_key_goes_here')}"`],
    ['a connection string whose password is a placeholder', 'dsn := "host=db user=app password=${DB_PASSWORD} dbname=app"'],
    ['a database client given its password from the environment', "$pdo = new PDO($dsn, 'shop', getenv('DB_PASSWORD'));"],
    ['a constant that names a credential setting', "define('PASSWORD_FIELD', 'user_password');"],
    ['a connection string whose password is filled in later', 'dsn := fmt.Sprintf("host=%s user=%s password=%s dbname=app", host, user, pass)'],
  ])('ignores %s', async (_name, line) => {
    expect(await scan('src/config.ts', [line])).toEqual([]);
  });
});
