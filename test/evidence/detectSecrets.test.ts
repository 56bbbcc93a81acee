import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../../src/evidence/detectSecrets.js';

const GITHUB = ['ghp', 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx'].join('_');
const SLACK = ['xoxb', '123456789012', '1234567890123', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-');
const AWS_ID = 'AKIAQSLOJOLIENSB3IAR';
const AWS_SECRET = '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';

const file = (path: string, texts: string[], first = 1) => ({ path, lines: texts.map((text, i) => ({ line: first + i, text })) });

describe('detectSecrets', () => {
  it('reports each secret as a blocker on its exact line, masked', async () => {
    const findings = await detectSecrets([
      file('config/aws.ts', ['export const aws = {', `  accessKeyId: '${AWS_ID}',`, `  secretAccessKey: '${AWS_SECRET}',`, '};'], 40),
    ]);
    expect(findings.map((f) => [f.line, f.title, f.severity, f.category])).toEqual([
      [41, 'Hardcoded secret: AWS access key id', 'blocker', 'security'],
      [42, 'Hardcoded secret: AWS secret access key', 'blocker', 'security'],
    ]);
    expect(findings[0]?.body).toContain('`AKIA************3IAR`');
    expect(findings[0]?.source).toEqual({ kind: 'rule', id: 'hardcoded-secret/aws-access-key-id', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html' });
  });

  it("uses secretlint's recommended rules, with its rule id and docs link", async () => {
    const findings = await detectSecrets([file('.env.production', ['PORT=3000', 'DATABASE_URL=postgres://app:Xk9vQ2mP7rLs@db.internal:5432/shop'])]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      line: 2,
      title: 'Hardcoded secret: database connection string with a password',
      source: { kind: 'secretlint', id: '@secretlint/secretlint-rule-database-connection-string' },
    });
    expect(findings[0]?.source.url).toMatch(/^https:\/\/github\.com\/secretlint\//);
  });

  it('reports one finding per line when secretlint and our patterns both match', async () => {
    const findings = await detectSecrets([file('deploy.sh', [`export GH_TOKEN=${GITHUB}`])]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.line).toBe(1);
  });

  it('recognises Slack tokens, private keys and high-confidence passwords', async () => {
    const findings = await detectSecrets([
      file('src/notify.py', [`SLACK = "${SLACK}"`, 'DB_PASSWORD = "Xq7!vR2#pL9mK4"']),
      file('keys/deploy.pem', ['-----BEGIN OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ']),
    ]);
    expect(findings.map((f) => [f.path, f.line])).toEqual([
      ['src/notify.py', 1],
      ['src/notify.py', 2],
      ['keys/deploy.pem', 1],
    ]);
  });

  it('never puts a secret verbatim in any field', async () => {
    const secrets = [GITHUB, SLACK, AWS_ID, AWS_SECRET, 'Xq7!vR2#pL9mK4', 'Xk9vQ2mP7rLs'];
    const findings = await detectSecrets([
      file('a.ts', [`const t = '${GITHUB}';`, `const s = '${SLACK}';`, `id = '${AWS_ID}'`, `aws_secret_access_key: ${AWS_SECRET}`]),
      file('b.py', ['password = "Xq7!vR2#pL9mK4"', 'url = "postgres://u:Xk9vQ2mP7rLs@h/db"']),
    ]);
    expect(findings.length).toBeGreaterThanOrEqual(6);
    const json = JSON.stringify(findings);
    for (const secret of secrets) expect(json).not.toContain(secret);
  });

  it('stays quiet on placeholders, environment reads, hashes and test fixtures', async () => {
    const findings = await detectSecrets([
      file('src/config.ts', [
        'const password = process.env.DB_PASSWORD;',
        'password: "changeme"',
        'password = "${DB_PASSWORD}"',
        'const passwordHash = "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";',
        "const digest = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';",
        'const label = "Enter your password";',
        'if (privateKey === "-----BEGIN RSA PRIVATE KEY-----") {',
        '  throw new Error("the key holds only its first line");',
        'REQUEST_TYPE_ACCESS_TOKEN = "auth-request-type/at"',
        '  "access_token":"2YotnFZFEjr1zCsicMWpAA", "refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA",',
        "    public const DATATABLE_TOKEN = 'datatable_update';",
        "SESSION_KEY = 'current_user'",
      ]),
      file('test/login.test.ts', ['const password = "Xq7!vR2#pL9mK4";']),
    ]);
    expect(findings).toEqual([]);
  });

  it('reports a kebab-case phrase assigned to a secret\'s name (how signing secrets are often written) and a snake_case password, unlike a snake_case field name', async () => {
    const findings = await detectSecrets([file('src/auth.js', ["JWT_SECRET = 'keyboard-cat-signing'", "const field = { password: 'user_password' };", "password = 'correct_horse_battery'"])]);
    expect(findings.map((f) => `${f.line} ${f.title}`)).toEqual(['1 Hardcoded secret: hard-coded credential', '3 Hardcoded secret: hard-coded credential']);
  });

  it('does not read token shapes inside an encoded blob (an inlined WebAssembly module), and still reports the token standing alone', async () => {
    // A Facebook-shaped run after a `+` inside base64: `\b` holds there, but it is a piece of the blob.
    const token = ['EAAG', 'm0PX4ZCpsBAO2vK9hLq7Zt3Wn8Rb5Yc1Xd6Fe4Gh2Jk9Lm0Np3Qr7St5Uv8Wx1Yz4Ab6Cd2Ef9Gh'].join('');
    const blob = `${'AGFzbQEAAAABJwdgAX8Bf2ADf39/AX9gAX8AYAJ/fwBg'.repeat(3)}+${token}/${'QRVHDd0CIAJBBDYCHCACIAE2AhQgAkGwGDYCECACQRU2Agx'.repeat(3)}`;
    const findings = await detectSecrets([
      file('lib/llhttp-wasm.js', [`module.exports = Buffer.from('${blob}', 'base64');`]),
      file('src/facebook.js', [`const FB_TOKEN = '${token}';`]),
    ]);
    expect(findings.map((f) => `${f.path}:${f.line} ${f.title}`)).toEqual(['src/facebook.js:1 Hardcoded secret: Facebook access token']);
  });

  it("leaves no secretlint profiler marks behind (they would pile up for the life of the process)", async () => {
    await detectSecrets([file('a.ts', ['const x = 1;']), file('b.ts', ['const y = 2;'])]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('@core>'))).toEqual([]);
  });

  it('returns nothing for no lines', async () => {
    expect(await detectSecrets([file('a.ts', [])])).toEqual([]);
  });
});
