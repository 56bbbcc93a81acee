import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../../src/evidence/detectSecrets.js';
import { redactSecrets } from '../../src/evidence/redactSecrets.js';

// Every token below is made up and assembled at run time, so this file holds no token-shaped literal.
const j = (...parts: string[]) => parts.join('');
/** `n` bytes of a fixed arithmetic sequence, base64: stands for a generated key without writing one down. */
const bytes64 = (n: number, step: number, start: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * step + start) % 256)).toString('base64');
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const bech32 = (n: number) => Array.from({ length: n }, (_, i) => BECH32[(i * 7 + 3) % 32]).join('').toUpperCase();
const HEX40 = j('7c1e9a4f2b8d', '6e03a5c7f1b9d2e4a6c8', '0f3b5d7e');

const AZURE_KEY = bytes64(64, 37, 11);
const SESSION_TOKEN = bytes64(300, 53, 7);
const ONFIDO = j('api_live_us.', 'Hq3Zr8Kt1Wm', '.', 'Pb6Yc2Nv9Lx4Tq7Rz1Ks5Wd8Jm3Fh0Ga');
const ONFIDO_SANDBOX = j('api_sandbox.', 'Vm2Lq7Xr4Nb', '.', 'Tz9Kc3Wh6Pd1Ys8Gf5Rn2Jb7Mx4Qv0La');
const KOLIDE = j('k2sk_v1_', 'Wd7Rn2Xq9Lp4Tz6Vb3Mk8Hs5');
const COMPOSIO_PROJECT = j('ak_', 'Rz4Wm9Kq2Xt7-Lb5Nc8V');
const COMPOSIO_ORG = j('oak_', 'Tn5Rw2Lq8Zv3Xb9Mk4Ps');
const COMPOSIO_USER = j('uak_', 'Gk3Wq8Zt1Rm6Xv4Lp9Nb2Hc7Yd5Fs0Jw3Kq8Tm1Rz6P');
const SONAR_USER = j('squ_', HEX40);
const AGE_KEY = j('AGE-SECRET-KEY-1', bech32(58));

const scan = (path: string, texts: string[]) => detectSecrets([{ path, lines: texts.map((text, i) => ({ line: i + 1, text })) }]);

describe('provider token shapes', () => {
  // [pattern id, line, the secret on it]
  const reported: [string, string, string][] = [
    ['azure-storage-account-key', `AZURE_STORAGE="DefaultEndpointsProtocol=https;AccountName=acmeorders;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net"`, AZURE_KEY],
    ['aws-session-token', `export AWS_SESSION_TOKEN=${SESSION_TOKEN}`, SESSION_TOKEN],
    ['aws-session-token', `  aws_session_token: "${SESSION_TOKEN}"`, SESSION_TOKEN],
    ['onfido-api-token', `ONFIDO_TOKEN = "${ONFIDO}"`, ONFIDO],
    ['onfido-api-token', `const onfido = new DefaultApi(new Configuration({ apiToken: '${ONFIDO_SANDBOX}' }));`, ONFIDO_SANDBOX],
    ['kolide-api-key', `kolide_key: ${KOLIDE}`, KOLIDE],
    ['composio-api-key', `toolset = ComposioToolSet(api_key="${COMPOSIO_PROJECT}")`, COMPOSIO_PROJECT],
    ['composio-api-key', `headers = {"x-org-api-key": "${COMPOSIO_ORG}"}`, COMPOSIO_ORG],
    ['composio-api-key', `client.auth(${JSON.stringify(COMPOSIO_USER)})`, COMPOSIO_USER],
    ['sonarqube-token', `sonar-scanner -Dsonar.host.url=https://sonar.acme.dev -Dsonar.token=${SONAR_USER}`, SONAR_USER],
    ['sonarqube-token', `const scanToken = '${j('sqa_', HEX40)}';`, j('sqa_', HEX40)],
    ['sonarqube-token', `sonar.login=${HEX40}`, HEX40],
    ['sonarqube-token', `  SONAR_AUTH_TOKEN: "${HEX40}"`, HEX40],
    ['age-secret-key', `AGE_IDENTITY = "${AGE_KEY}"`, AGE_KEY],
  ];

  it.each(reported)('reports %s on its line, masked (case %#)', async (id, line, secret) => {
    const findings = await scan('deploy/settings.py', ['import os', line]);
    expect(findings.map((f) => [f.line, f.source.id])).toEqual([[2, `hardcoded-secret/${id}`]]);
    expect(JSON.stringify(findings)).not.toContain(secret);
    expect(redactSecrets(line).text).not.toContain(secret);
  });

  it('reports provider shapes in tests too (the generic credential shape is skipped there)', async () => {
    const findings = await scan('spec/onboarding_spec.rb', [`ONFIDO = "${ONFIDO}"`, `KEY = "${KOLIDE}"`]);
    expect(findings.map((f) => f.source.id)).toEqual(['hardcoded-secret/onfido-api-token', 'hardcoded-secret/kolide-api-key']);
  });

  it.each([
    ["Azurite's published emulator key", `AccountKey=${j('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq', '/K1SZFPTOtr/KBHBeksoGMGw==')};`],
    ['an all-zero age key (bech32 q is 0)', `identity := "${j('AGE-SECRET-KEY-1', 'Q'.repeat(58))}"`],
    ['a masked session token', `AWS_SESSION_TOKEN=${SESSION_TOKEN.slice(0, 120)}XXXXXXXX${SESSION_TOKEN.slice(128)}`],
    ['an identifier that starts like a Composio key', 'route = "ak_internal_worker_queue"'],
    ['a dotted module path under a package named like an Onfido token', 'from api_live.serializers.order_create_request_serializerv import X'],
    ['an ak_ value one character short', `kind = "${COMPOSIO_PROJECT.slice(0, -1)}"`],
    ['a commit SHA pinning the Sonar action', `      - uses: SonarSource/sonarqube-scan-action@${HEX40}`],
    ['a commit SHA under a Sonar setting that holds one', `sonar.scm.revision=${HEX40}`],
    ['a Sonar image digest', `image: sonarqube:lts@sha256:${HEX40}${HEX40.slice(0, 24)}`],
    ['a bare UUID (a Snyk token is one, but so is every id)', '3f6c1a2e-9b4d-4e7a-8c1f-2d5b7e9a0c3f'],
    ['a bare 64-hex string (a SoftLayer key is one, but so is every SHA-256)', `${HEX40}${HEX40.slice(0, 24)}`],
  ])('does not report %s', async (_name, line) => {
    expect(await scan('deploy/settings.txt', [line])).toEqual([]);
  });

  it('reports a Snyk or SoftLayer key under its name, as a credential assignment', async () => {
    const findings = await scan('.env', ['SNYK_TOKEN=3f6c1a2e-9b4d-4e7a-8c1f-2d5b7e9a0c3f', `SOFTLAYER_API_KEY=${HEX40}${HEX40.slice(0, 24)}`]);
    expect(findings.map((f) => [f.line, f.source.id])).toEqual([
      [1, 'hardcoded-secret/hardcoded-credential'],
      [2, 'hardcoded-secret/hardcoded-credential'],
    ]);
  });
});
