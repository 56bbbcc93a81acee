import { describe, expect, it } from 'vitest';
import { maskSecret } from '../../src/evidence/maskSecret.js';
import { redactSecrets } from '../../src/evidence/redactSecrets.js';

// Token-shaped test values are assembled at run time so this file holds none verbatim.
const GITHUB = ['ghp', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'].join('_');
const FINE_GRAINED = ['github', 'pat', '11ABCDEFG0123456789abc', 'defghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghi'].join('_');
const ANTHROPIC = ['sk', 'ant', 'api03', 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe'].join('-');
const SLACK = ['xoxb', '123456789012', '1234567890123', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-');
const AWS_ID = 'AKIAIOSFODNN7EXAMPLE';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const KEY_BODY = 'MIIEowIBAAKCAQEA7bq9c2mF0kXv3Q1pZ8rT5uLwYx4n6s8d0f2g4h6j8k0l2m4n';

describe('maskSecret', () => {
  it('keeps at most four characters at each end, and nothing of short values', () => {
    expect(maskSecret(AWS_ID)).toBe('AKIA************MPLE');
    expect(maskSecret('abcdefghijklmnop')).toBe('ab************op');
    expect(maskSecret('hunter2')).toBe('[REDACTED]');
  });
});

describe('redactSecrets', () => {
  it.each([
    ['GitHub token', `token = "${GITHUB}"`, GITHUB],
    ['GitHub fine-grained token', `GH_TOKEN=${FINE_GRAINED}`, FINE_GRAINED],
    ['Anthropic key', `ANTHROPIC_API_KEY=${ANTHROPIC}`, ANTHROPIC],
    ['Slack token', `slack: '${SLACK}'`, SLACK],
    ['AWS access key id', `key: ${AWS_ID}`, AWS_ID],
    ['AWS secret near its name', `aws_secret_access_key = ${AWS_SECRET}`, AWS_SECRET],
    ['password in a URL', 'DATABASE_URL=postgres://app:S3cretPassw0rd@db.internal:5432/app', 'S3cretPassw0rd'],
    ['literal password', 'password: "Tr0ub4dor&3horse"', 'Tr0ub4dor&3horse'],
  ])('masks a %s', (_name, text, secret) => {
    const result = redactSecrets(text);
    expect(result.text).not.toContain(secret);
    expect(result.count).toBe(1);
  });

  it('keeps the recognisable ends and everything around the secret', () => {
    expect(redactSecrets(`const id = '${AWS_ID}'; // prod`)).toEqual({ text: "const id = 'AKIA************MPLE'; // prod", count: 1 });
    expect(redactSecrets(`secretAccessKey: '${AWS_SECRET}',`).text).toBe("secretAccessKey: 'wJal********************************EKEY',");
  });

  it('masks a private key block but keeps its markers and the diff line structure', () => {
    const patch = ['@@ -0,0 +1,4 @@', '+-----BEGIN RSA PRIVATE KEY-----', `+${KEY_BODY}`, `+${KEY_BODY.slice(0, 40)}==`, '+-----END RSA PRIVATE KEY-----'].join('\n');
    const { text, count } = redactSecrets(patch);
    expect(count).toBe(1);
    expect(text).not.toContain(KEY_BODY.slice(0, 20));
    expect(text.split('\n')).toHaveLength(5);
    expect(text).toContain('+-----BEGIN RSA PRIVATE KEY-----');
    expect(text).toContain('+-----END RSA PRIVATE KEY-----');
  });

  it('masks a private key with no END marker in sight (a truncated diff) and a JSON-escaped one', () => {
    const truncated = redactSecrets(`-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\nnext: line`);
    expect(truncated.text).not.toContain(KEY_BODY.slice(0, 20));
    expect(truncated.text.endsWith('\nnext: line')).toBe(true);
    const json = redactSecrets(`"key": "-----BEGIN EC PRIVATE KEY-----\\n${KEY_BODY}\\n-----END EC PRIVATE KEY-----"`);
    expect(json.text).not.toContain(KEY_BODY.slice(5, 25));
  });

  it('leaves ordinary code alone', () => {
    const code = [
      "const password = process.env.DB_PASSWORD;",
      "const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';",
      "fetch('https://api.example.com/v1/users?page=2')",
      'integrity: "sha512-XBx9AXhXktjUqnepgTiE5flcKIYWi/rme0Eaj+5Y0lftuGBq+jyRu/md4WnuxqgP1ubdpNCsYEYPxrzVHD8d6g=="',
    ].join('\n');
    expect(redactSecrets(code)).toEqual({ text: code, count: 0 });
  });

  it('does not mask an already masked value twice', () => {
    const once = redactSecrets(`password = "${AWS_ID}"`);
    expect(once.count).toBe(1);
    expect(redactSecrets(once.text)).toEqual({ text: once.text, count: 0 });
  });

  it('masks the one secret in megabytes of text (a backtracking regex would time the test out)', () => {
    const line = "  const { rows } = await db.query('SELECT id FROM users WHERE id = $1', [id]); // password reset\n";
    const big = line.repeat(40_000) + `key = ${AWS_ID}\n`;
    const { count, text } = redactSecrets(big);
    expect(count).toBe(1);
    expect(text.length).toBe(big.length);
  });
});
